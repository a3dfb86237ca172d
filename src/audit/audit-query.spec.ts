import { csvCell } from 'src/audit/audit-csv';
import { parseAuditQuery } from 'src/audit/audit-query';
import { AppError } from 'src/common/errors/app-error';

const fieldsOf = (params: Record<string, unknown>): string[] => {
  try {
    parseAuditQuery(params);

    return [];
  } catch (error) {
    return ((error as AppError).options.errors ?? []).map((e) => e.field);
  }
};

describe(parseAuditQuery.name, () => {
  it('defaults to the first page of the acting company, newest first', () => {
    expect(parseAuditQuery({})).toEqual({
      page: 1,
      perPage: 25,
      isNewestFirst: true,
      company: { kind: 'acting' },
      search: null,
      action: null,
      from: null,
      before: null,
    });
  });

  it('reads a date as its whole day and a datetime without offset as UTC', () => {
    const sut = parseAuditQuery({ 'filter[from]': '2028-02-29', 'filter[to]': '2028-02-29' });

    expect(sut.from?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(sut.before?.toISOString()).toBe('2028-03-01T00:00:00.000Z');
    const times = parseAuditQuery({
      'filter[from]': '2026-03-01T10:00',
      'filter[to]': '2026-03-01T12:00:00.250+01:00',
    });
    expect(times.from?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    // the end's second is included whole
    expect(times.before?.toISOString()).toBe('2026-03-01T11:00:01.000Z');
  });

  it('names every bad parameter at once', () => {
    expect(fieldsOf({ 'filter[from]': '2027-02-29', per_page: '500', x: '1' })).toEqual([
      'filter[from]',
      'per_page',
      'x',
    ]);
    expect(fieldsOf({ 'filter[company]': ['all', 'all'] })).toEqual(['filter[company]']);
  });

  it('takes `all` or distinct lower-cased ids for filter[company]', () => {
    const id = '0192F0C4-5B6E-7ABC-8DEF-0123456789AB';

    expect(parseAuditQuery({ 'filter[company]': 'all' }).company).toEqual({ kind: 'all' });
    expect(parseAuditQuery({ 'filter[company]': `${id}, ${id}` }).company).toEqual({
      kind: 'ids',
      ids: [id.toLowerCase()],
    });
    expect(fieldsOf({ 'filter[company]': `${id},` })).toEqual(['filter[company]']);
  });
});

describe(csvCell.name, () => {
  it('quotes only what needs quoting and defuses formulas', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
