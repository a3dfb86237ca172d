import { AuditLog } from 'src/audit/entities/audit-log.entity';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'created_at',
  'company_id',
  'actor_type',
  'actor_id',
  'actor_name',
  'event',
  'action',
  'target_type',
  'target_id',
  'changes',
  'ip',
  'user_agent',
] as const;

// A spreadsheet runs a cell that starts like a formula; actor names and user agents come from
// users, so such cells get a leading apostrophe (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | null): string {
  if (value === null) {
    return '';
  }
  const safe = FORMULA_START.test(value) ? `'${value}` : value;

  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: ReadonlyArray<string | null>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function auditCsvLine(entry: AuditLog): string {
  return csvLine([
    entry.id,
    entry.createdAt.toISOString(),
    entry.companyId,
    entry.actorType,
    entry.actorId,
    entry.actorName,
    entry.event,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.changes ? JSON.stringify(entry.changes) : null,
    entry.ip,
    entry.userAgent,
  ]);
}
