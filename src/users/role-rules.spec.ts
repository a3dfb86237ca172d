import { Role } from 'src/common/auth/principal';
import { assignRefusal, manageRefusal, roleChangeRefusal } from 'src/users/role-rules';

const { Administrator: A, Manager: M, User: U, ReadOnly: R } = Role;
const actor = (role: Role) => ({ userId: 'actor', role });
const target = (role: Role) => ({ id: 'target', role });
const codeOf = (error: { code: string } | null) => error?.code ?? 'allowed';

describe('role-change rules (product.md §3.2)', () => {
  // [actor, target's role, new role, outcome]
  const TABLE: Array<[Role, Role, Role, string]> = [
    // administrators assign up to manager and lower any non-administrator
    [A, U, M, 'allowed'],
    [A, R, M, 'allowed'],
    [A, R, U, 'allowed'],
    [A, M, U, 'allowed'],
    [A, M, R, 'allowed'],
    [A, U, R, 'allowed'],
    [A, U, A, 'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY'],
    [A, A, M, 'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY'],
    // managers assign up to user and lower only non-managers
    [M, R, U, 'allowed'],
    [M, U, R, 'allowed'],
    [M, U, M, 'ROLE_CHANGE_ABOVE_LIMIT'],
    [M, R, M, 'ROLE_CHANGE_ABOVE_LIMIT'],
    [M, M, U, 'ROLE_CHANGE_TARGET_NOT_BELOW'],
    [M, M, R, 'ROLE_CHANGE_TARGET_NOT_BELOW'],
    [M, A, U, 'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY'],
    [M, U, A, 'ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY'],
    // users and read-only users assign nothing
    [U, R, R, 'ROLE_CHANGE_ABOVE_LIMIT'],
    [R, R, R, 'ROLE_CHANGE_ABOVE_LIMIT'],
  ];

  it.each(TABLE)('%s moving a %s to %s: %s', (by, from, to, outcome) => {
    expect(codeOf(roleChangeRefusal(actor(by), target(from), to))).toBe(outcome);
  });

  it('refuses everyone their own role, before any other rule', () => {
    for (const role of [A, M, U, R]) {
      const self = { id: 'actor', role };
      expect(codeOf(roleChangeRefusal(actor(role), self, R))).toBe('ROLE_CHANGE_OWN_ROLE');
    }
  });

  it('gives new users at most the creator’s limit, and never administrator', () => {
    expect(codeOf(assignRefusal(actor(A), M))).toBe('allowed');
    expect(codeOf(assignRefusal(actor(A), A))).toBe('ROLE_CHANGE_ADMINISTRATOR_SUPPORT_ONLY');
    expect(codeOf(assignRefusal(actor(M), U))).toBe('allowed');
    expect(codeOf(assignRefusal(actor(M), R))).toBe('allowed');
    expect(codeOf(assignRefusal(actor(M), M))).toBe('ROLE_CHANGE_ABOVE_LIMIT');
  });
});

describe(manageRefusal.name, () => {
  it('lets you manage yourself and users below you, and nobody else', () => {
    expect(codeOf(manageRefusal(actor(M), { id: 'actor', role: M }))).toBe('allowed');
    expect(codeOf(manageRefusal(actor(A), target(M)))).toBe('allowed');
    expect(codeOf(manageRefusal(actor(M), target(U)))).toBe('allowed');
    expect(codeOf(manageRefusal(actor(A), target(A)))).toBe('USER_NOT_BELOW_YOU');
    expect(codeOf(manageRefusal(actor(M), target(M)))).toBe('USER_NOT_BELOW_YOU');
    expect(codeOf(manageRefusal(actor(M), target(A)))).toBe('USER_NOT_BELOW_YOU');
    expect(codeOf(manageRefusal(actor(U), target(R)))).toBe('allowed');
  });
});
