/** The header product.md §2.3 gives, byte for byte. */
export const SUMMARY_CSV_HEADER =
  'id,name,plans,tiers,parent,"created at","last login",score,"last flow run"';

/** One company of the summary. */
export interface SummaryRow {
  id: string;
  name: string;
  /** Paid extras beside the tier (the add-ons); empty when there are none. */
  plans: readonly string[];
  tier: string;
  /** The managing company's name; null on the managing company's own row. */
  parent: string | null;
  createdAt: Date;
  lastLogin: Date | null;
}

// what spreadsheets start a formula with (OWASP, CSV injection)
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 field. A value a spreadsheet would run as a formula gets a leading apostrophe,
 * so a company name chosen by one company cannot run code on another's machine; a value with a
 * comma, a quote or a line break is quoted, its quotes doubled.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;

  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as in the product's example; empty for no time. */
export function csvTime(time: Date | null): string {
  return time ? time.toISOString().slice(0, 19).replace('T', ' ') : '';
}

/**
 * The linked companies summary: the header, then one line per row, CRLF-terminated. `score`
 * and `last flow run` come from company insights and process flows, which this service does
 * not hold, so they are empty.
 */
export function renderSummaryCsv(rows: readonly SummaryRow[]): string {
  const lines = rows.map((row) =>
    [
      row.id,
      row.name,
      row.plans.join(';'),
      row.tier,
      row.parent ?? '',
      csvTime(row.createdAt),
      csvTime(row.lastLogin),
      '',
      '',
    ]
      .map(csvField)
      .join(','),
  );

  return [SUMMARY_CSV_HEADER, ...lines].map((line) => `${line}\r\n`).join('');
}
