import { FieldError } from 'src/common/errors/app-error';
import { invalidInput } from 'src/common/http/strict-validation.pipe';
import { SsoProviderType } from 'src/sso/sso.types';

export const SORTABLE = { created_at: 'createdAt', name: 'name', type: 'type' } as const;

export interface SsoProviderListQuery {
  page: number;
  perPage: number;
  sortBy: (typeof SORTABLE)[keyof typeof SORTABLE];
  direction: 'ASC' | 'DESC';
  type: SsoProviderType | null;
}

const MAX_PER_PAGE = 100;
const KNOWN = new Set(['page', 'per_page', 'sort', 'filter[type]']);

/**
 * `?page=&per_page=&sort=[-]name|created_at|type&filter[type]=` as api.md lists them; anything
 * else, or a value out of range, is a 422 naming the parameter.
 * @throws AppError VALIDATION_FAILED
 */
export function parseSsoProviderListQuery(query: Record<string, unknown>): SsoProviderListQuery {
  const errors: FieldError[] = [];
  const isNestedFilter = typeof query.filter === 'object' && query.filter !== null;
  const unknown = Object.keys(query).filter(
    (k) => !KNOWN.has(k) && !(k === 'filter' && isNestedFilter),
  );
  for (const key of unknown) {
    errors.push({ field: key, message: 'is not a known parameter' });
  }
  const page = positiveInt(query.page, 1, 'page', errors);
  const perPage = positiveInt(query.per_page, 25, 'per_page', errors);
  if (perPage > MAX_PER_PAGE) {
    errors.push({ field: 'per_page', message: `must be at most ${MAX_PER_PAGE}` });
  }
  const sort = typeof query.sort === 'string' ? query.sort : 'created_at';
  const field = sort.replace(/^-/, '') as keyof typeof SORTABLE;
  if (!(field in SORTABLE)) {
    errors.push({ field: 'sort', message: 'must be name, created_at or type, optionally after -' });
  }
  const type = typeFilter(query, errors);
  if (errors.length > 0) {
    throw invalidInput(errors);
  }

  return {
    direction: sort.startsWith('-') ? 'DESC' : 'ASC',
    page,
    perPage,
    sortBy: SORTABLE[field],
    type,
  };
}

function positiveInt(value: unknown, fallback: number, field: string, errors: FieldError[]) {
  if (value === undefined) {
    return fallback;
  }
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) {
    errors.push({ field, message: 'must be a positive integer' });

    return fallback;
  }

  return Number(value);
}

// `filter[type]` arrives as that literal key, or nested when a client's parser builds objects
function typeFilter(query: Record<string, unknown>, errors: FieldError[]): SsoProviderType | null {
  const nested = query.filter as Record<string, unknown> | undefined;
  const value = query['filter[type]'] ?? (typeof nested === 'object' ? nested?.type : undefined);
  if (value === undefined) {
    return null;
  }
  if (!Object.values<unknown>(SsoProviderType).includes(value)) {
    errors.push({ field: 'filter[type]', message: 'must be one of pingone, okta, entra' });

    return null;
  }

  return value as SsoProviderType;
}
