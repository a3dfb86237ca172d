/**
 * Areas of the product that a custom role (product.md §3.7) grants view or edit access to.
 * A rule of the matrix that belongs to an area names it with the level it needs; rules without
 * an area (role changes, the role manager, support) are decided by the built-in role alone.
 */
export enum PermissionArea {
  Company = 'company',
  Users = 'users',
}

/** What a custom role grants in one area; `edit` implies `view`. */
export enum AccessLevel {
  None = 'none',
  View = 'view',
  Edit = 'edit',
}

/** A custom role's grants by area; an area it does not list is left to the built-in role. */
export type AreaGrants = Readonly<Partial<Record<PermissionArea, AccessLevel>>>;

const LEVEL_ORDER: readonly AccessLevel[] = [AccessLevel.None, AccessLevel.View, AccessLevel.Edit];

/** True when `granted` is at least `needed` (edit covers view). */
export function levelSatisfies(granted: AccessLevel, needed: AccessLevel): boolean {
  return LEVEL_ORDER.indexOf(granted) >= LEVEL_ORDER.indexOf(needed);
}
