export interface FieldChange {
  from: unknown;
  to: unknown;
}

/**
 * The fields of `after` whose value differs from `before`, as `{field: {from, to}}`, for the
 * `changes` of an audit entry. Callers pass only fields that are safe to record.
 */
export function changesBetween<T extends object>(
  before: T,
  after: Partial<T>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, to] of Object.entries(after)) {
    const from: unknown = before[field as keyof T];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) {
      changes[field] = { from, to };
    }
  }

  return changes;
}
