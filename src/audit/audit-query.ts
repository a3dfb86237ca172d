import { AUDIT_ACTIONS, AuditAction } from 'src/audit/audit.types';
import { FieldError } from 'src/common/errors/app-error';
import { invalidInput } from 'src/common/http/strict-validation.pipe';

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;
const MAX_SEARCH_LENGTH = 255;
const MAX_COMPANIES = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `filter[company]`: the acting company (default), all visible companies, or chosen ones. */
export type CompanySelection =
  { kind: 'acting' } | { kind: 'all' } | { kind: 'ids'; ids: string[] };

/** The selection of audit entries a list or export request names, already validated. */
export interface AuditQuery {
  page: number;
  perPage: number;
  /** Newest first unless `sort=created_at`. */
  isNewestFirst: boolean;
  company: CompanySelection;
  search: string | null;
  action: AuditAction | null;
  /** Entries at or after this instant. */
  from: Date | null;
  /** Entries before this instant (a `to` date includes its whole day). */
  before: Date | null;
}

type Parser = (query: AuditQuery, raw: string) => string | null;

function positiveInt(raw: string, max: number): number | null {
  const n = /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : NaN;

  return Number.isInteger(n) && n <= max ? n : null;
}

/** A date (`2026-03-01`, the whole day) or a datetime; a datetime without offset is UTC. */
function parseInstant(raw: string, isEnd: boolean): Date | null {
  const day = DATE.exec(raw);
  if (day) {
    const [year, month, date] = day.slice(1).map(Number);
    const start = new Date(Date.UTC(year, month - 1, date));
    const isReal = start.getUTCMonth() === month - 1 && start.getUTCDate() === date;

    return isReal ? new Date(start.getTime() + (isEnd ? DAY_MS : 0)) : null;
  }
  if (!DATETIME.test(raw)) {
    return null;
  }
  const at = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(raw) ? raw : `${raw}Z`);
  if (Number.isNaN(at.getTime())) {
    return null;
  }

  // an end datetime includes its own second, the finest unit entries are stored with
  return isEnd ? new Date(Math.floor(at.getTime() / 1000) * 1000 + 1000) : at;
}

function parseCompanies(raw: string): CompanySelection | null {
  if (raw === 'all') {
    return { kind: 'all' };
  }
  const ids = [...new Set(raw.split(',').map((id) => id.trim().toLowerCase()))];
  const isValid = ids.length <= MAX_COMPANIES && ids.every((id) => UUID.test(id));

  return isValid ? { kind: 'ids', ids } : null;
}

const PARSERS: Record<string, Parser> = {
  page: (q, raw) => {
    const page = positiveInt(raw, 1_000_000);
    q.page = page ?? q.page;

    return page ? null : 'must be a positive integer';
  },
  per_page: (q, raw) => {
    const perPage = positiveInt(raw, MAX_PER_PAGE);
    q.perPage = perPage ?? q.perPage;

    return perPage ? null : `must be an integer from 1 to ${MAX_PER_PAGE}`;
  },
  sort: (q, raw) => {
    q.isNewestFirst = raw !== 'created_at';

    return ['created_at', '-created_at'].includes(raw) ? null : 'must be created_at or -created_at';
  },
  'filter[company]': (q, raw) => {
    const selection = parseCompanies(raw);
    q.company = selection ?? q.company;

    return selection ? null : `must be "all" or up to ${MAX_COMPANIES} comma-separated company ids`;
  },
  'filter[search]': (q, raw) => {
    q.search = raw;

    return raw.length <= MAX_SEARCH_LENGTH
      ? null
      : `must be at most ${MAX_SEARCH_LENGTH} characters`;
  },
  'filter[action]': (q, raw) => {
    const action = AUDIT_ACTIONS.find((a) => a === raw);
    q.action = action ?? null;

    return action ? null : `must be one of ${AUDIT_ACTIONS.join(', ')}`;
  },
  'filter[from]': (q, raw) => {
    q.from = parseInstant(raw, false);

    return q.from ? null : 'must be an ISO 8601 date (YYYY-MM-DD) or datetime';
  },
  'filter[to]': (q, raw) => {
    q.before = parseInstant(raw, true);

    return q.before ? null : 'must be an ISO 8601 date (YYYY-MM-DD) or datetime';
  },
};

/**
 * Reads the audit list's query string (api.md list conventions). An empty filter means no
 * filter, as the dashboard sends them; anything unknown, repeated or malformed is a 422 naming
 * each problem.
 */
export function parseAuditQuery(params: Record<string, unknown>): AuditQuery {
  const query: AuditQuery = {
    page: 1,
    perPage: DEFAULT_PER_PAGE,
    isNewestFirst: true,
    company: { kind: 'acting' },
    search: null,
    action: null,
    from: null,
    before: null,
  };
  const errors: FieldError[] = [];
  for (const [field, raw] of Object.entries(params)) {
    const parser = Object.hasOwn(PARSERS, field) ? PARSERS[field] : undefined;
    const problem = !parser
      ? 'is not a parameter of this list'
      : typeof raw !== 'string'
        ? 'must be given once, as a plain value'
        : raw === '' && field.startsWith('filter[')
          ? null
          : parser(query, raw);
    if (problem) {
      errors.push({ field, message: problem });
    }
  }
  if (query.from && query.before && query.before <= query.from) {
    errors.push({ field: 'filter[to]', message: 'must not be before filter[from]' });
  }
  if (errors.length > 0) {
    throw invalidInput(errors);
  }

  return query;
}
