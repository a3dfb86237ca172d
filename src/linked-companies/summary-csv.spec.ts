import { parse } from 'csv-parse/sync';
import {
  csvField,
  csvTime,
  renderSummaryCsv,
  SUMMARY_CSV_HEADER,
} from 'src/linked-companies/summary-csv';

describe(renderSummaryCsv.name, () => {
  const row = {
    id: '01900000-0000-7000-8000-000000000001',
    name: 'Acme, "the" Company',
    plans: ['partner_features'],
    tier: 'standard',
    parent: null,
    createdAt: new Date('2024-03-05T07:08:09.123Z'),
    lastLogin: null,
  };

  it('writes the exact header and CRLF lines', () => {
    const csv = renderSummaryCsv([row]);

    expect(csv.split('\r\n')[0]).toBe(SUMMARY_CSV_HEADER);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
  });

  it('survives a round trip through a CSV parser, commas, quotes and line breaks included', () => {
    const child = { ...row, name: 'Line\r\nbreak, "and" more', parent: row.name, plans: [] };
    const records = parse<object>(renderSummaryCsv([row, child]), { columns: true });

    expect(records).toEqual([
      {
        id: row.id,
        name: 'Acme, "the" Company',
        plans: 'partner_features',
        tiers: 'standard',
        parent: '',
        'created at': '2024-03-05 07:08:09',
        'last login': '',
        score: '',
        'last flow run': '',
      },
      expect.objectContaining({ name: child.name, parent: row.name, plans: '' }),
    ]);
  });

  it('defuses values a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://evil.test")')).toBe(`"'=HYPERLINK(""http://evil.test"")"`);
    for (const start of ['+', '-', '@', '\t']) {
      expect(csvField(`${start}1`)).toBe(`'${start}1`);
    }
    expect(csvField('Acme = best')).toBe('Acme = best');
  });

  it('formats times in UTC to the second, and no time as empty', () => {
    expect(csvTime(new Date('2024-12-31T23:59:59.999Z'))).toBe('2024-12-31 23:59:59');
    expect(csvTime(null)).toBe('');
  });
});
