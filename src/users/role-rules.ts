import { Role, roleRank } from 'src/common/auth/principal';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';

/** Who acts: a company user with their built-in role. */
export interface RoleActor {
  userId: string | null;
  role: Role;
}

/** Whom the action is about. */
export interface RoleTarget {
  id: string;
  role: Role;
}

/** The highest role each role may hand out (product.md §3.2); others hand out none. */
const ASSIGNABLE_UP_TO: Partial<Record<Role, Role>> = {
  [Role.Administrator]: Role.Manager,
  [Role.Manager]: Role.User,
};

const refuse = (code: ErrorCode, detail: string): AppError => new AppError(code, detail);

/**
 * Whether `actor` may give a new user `role` (product.md §3.2): administrators only at
 * registration or by platform support; otherwise up to the actor's limit.
 */
export function assignRefusal(actor: RoleActor, role: Role): AppError | null {
  if (role === Role.Administrator) {
    return refuse(
      ErrorCode.RoleChangeAdministratorSupportOnly,
      'Only platform support can make an administrator',
    );
  }
  const limit = ASSIGNABLE_UP_TO[actor.role];
  if (!limit || roleRank(role) > roleRank(limit)) {
    return refuse(
      ErrorCode.RoleChangeAboveLimit,
      limit ? `Your role can assign roles up to ${limit}` : 'Your role cannot assign roles',
    );
  }

  return null;
}

/**
 * Whether `actor` may move `target` to `role`, first broken rule wins:
 * 1. nobody changes their own role;
 * 2. administrators are made and unmade by platform support only;
 * 3. administrators assign up to manager, managers up to user;
 * 4. administrators change non-administrators, managers only users below manager.
 */
export function roleChangeRefusal(
  actor: RoleActor,
  target: RoleTarget,
  role: Role,
): AppError | null {
  if (actor.userId === target.id) {
    return refuse(ErrorCode.RoleChangeOwnRole, 'Nobody can change their own role');
  }
  if (target.role === Role.Administrator) {
    return refuse(
      ErrorCode.RoleChangeAdministratorSupportOnly,
      'Only platform support can change the role of an administrator',
    );
  }

  return assignRefusal(actor, role) ?? targetRefusal(actor, target);
}

function targetRefusal(actor: RoleActor, target: RoleTarget): AppError | null {
  return roleRank(target.role) >= roleRank(actor.role)
    ? refuse(
        ErrorCode.RoleChangeTargetNotBelow,
        'You can only change the role of users whose role is below yours',
      )
    : null;
}

/**
 * Whether `actor` may manage `target`'s account (details, password reset, delete, restore):
 * their own, or one whose role is below theirs, so nobody takes over a peer's or a superior's
 * account by changing its email.
 */
export function manageRefusal(actor: RoleActor, target: RoleTarget): AppError | null {
  if (actor.userId === target.id || roleRank(target.role) < roleRank(actor.role)) {
    return null;
  }

  return refuse(ErrorCode.UserNotBelowYou, 'You can only manage users whose role is below yours');
}

/**
 * Whether `actor` may give `target` a custom role or take it away: a custom role changes what
 * the target may do, so as for a role change, never your own and only users below you.
 */
export function customRoleRefusal(actor: RoleActor, target: RoleTarget): AppError | null {
  if (actor.userId === target.id) {
    return refuse(ErrorCode.RoleChangeOwnRole, 'Nobody can change their own role');
  }

  return targetRefusal(actor, target);
}
