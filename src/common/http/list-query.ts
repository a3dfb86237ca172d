import { ApiProperty } from '@nestjs/swagger';
import { FieldError } from 'src/common/errors/app-error';
import { invalidInput } from 'src/common/http/strict-validation.pipe';

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

/** What a list route accepts: its sort keys and its filters (free text or one of some values). */
export interface ListSpec<S extends string, F extends string> {
  sorts: readonly S[];
  /** e.g. `name` or `-created_at` */
  defaultSort: `${S}` | `-${S}`;
  filters: Record<F, 'text' | readonly string[]>;
}

export interface ListQuery<S extends string, F extends string> {
  page: number;
  perPage: number;
  sort: { key: S; descending: boolean };
  filters: Partial<Record<F, string>>;
}

export interface ListPage<T> {
  data: T[];
  meta: { page: number; per_page: number; total: number };
}

export class ListMetaDto {
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: DEFAULT_PER_PAGE }) per_page!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

const FILTER_KEY = /^filter\[([a-z_]+)\]$/;
const MAX_FILTER_LENGTH = 255;

function positiveInt(value: string, max: number): number | null {
  const n = /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : NaN;

  return Number.isInteger(n) && n <= max ? n : null;
}

function parseSort<S extends string>(
  value: string,
  sorts: readonly S[],
): ListQuery<S, never>['sort'] | null {
  const descending = value.startsWith('-');
  const key = (descending ? value.slice(1) : value) as S;

  return sorts.includes(key) ? { key, descending } : null;
}

/**
 * Reads `page`, `per_page`, `sort` and `filter[key]` as api.md's list conventions describe them.
 * Anything else, a repeated parameter or a bad value is a 422 naming each problem.
 */
export function parseListQuery<S extends string, F extends string>(
  query: Record<string, unknown>,
  spec: ListSpec<S, F>,
): ListQuery<S, F> {
  const errors: FieldError[] = [];
  const result: ListQuery<S, F> = {
    page: 1,
    perPage: DEFAULT_PER_PAGE,
    sort: parseSort(spec.defaultSort, spec.sorts) as ListQuery<S, F>['sort'],
    filters: {},
  };
  for (const [field, raw] of Object.entries(query)) {
    if (typeof raw !== 'string') {
      errors.push({ field, message: 'must be given once, as a plain value' });
      continue;
    }
    const problem = applyParameter(result, spec, field, raw);
    if (problem) {
      errors.push({ field, message: problem });
    }
  }
  if (errors.length > 0) {
    throw invalidInput(errors);
  }

  return result;
}

/** Sets one parameter on `result`; returns what is wrong with it, if anything. */
function applyParameter<S extends string, F extends string>(
  result: ListQuery<S, F>,
  spec: ListSpec<S, F>,
  field: string,
  raw: string,
): string | null {
  if (field === 'page' || field === 'per_page') {
    const max = field === 'page' ? Number.MAX_SAFE_INTEGER : MAX_PER_PAGE;
    const n = positiveInt(raw, max);
    if (n === null) {
      return field === 'page'
        ? 'must be a positive integer'
        : `must be an integer from 1 to ${MAX_PER_PAGE}`;
    }
    result[field === 'page' ? 'page' : 'perPage'] = n;

    return null;
  }
  if (field === 'sort') {
    const sort = parseSort(raw, spec.sorts);
    result.sort = sort ?? result.sort;

    return sort ? null : `must be one of ${spec.sorts.join(', ')}, optionally prefixed with -`;
  }
  const key = FILTER_KEY.exec(field)?.[1] as F | undefined;
  const allowed =
    key !== undefined && Object.hasOwn(spec.filters, key) ? spec.filters[key] : undefined;
  if (key === undefined || allowed === undefined) {
    return 'is not a parameter of this list';
  }
  // an empty value (`filter[role]=`) means no filter, as the dashboard sends them
  if (raw === '') {
    return null;
  }
  if (allowed === 'text' && raw.length > MAX_FILTER_LENGTH) {
    return `must be at most ${MAX_FILTER_LENGTH} characters`;
  }
  if (allowed !== 'text' && !allowed.includes(raw)) {
    return `must be one of ${allowed.join(', ')}`;
  }
  result.filters[key] = raw;

  return null;
}

/** Pages an in-memory list (short lists such as the roles). */
export function pageOf<T>(
  items: readonly T[],
  query: { page: number; perPage: number },
): ListPage<T> {
  const start = (query.page - 1) * query.perPage;

  return {
    data: items.slice(start, start + query.perPage),
    meta: { page: query.page, per_page: query.perPage, total: items.length },
  };
}
