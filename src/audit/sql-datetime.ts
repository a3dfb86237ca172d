/**
 * A UTC instant as `YYYY-MM-DD HH:MM:SS`, the form both databases store `datetime` columns in
 * (SQLite as text, so a bound must have the same shape to compare correctly).
 */
export function sqlDatetime(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}
