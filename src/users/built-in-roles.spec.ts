import { PermissionArea } from 'src/common/auth/permission-areas';
import { Permission } from 'src/common/auth/permissions';
import { builtInRoles } from 'src/users/built-in-roles';

describe(builtInRoles.name, () => {
  const roles = builtInRoles();

  it('lists the four roles highest first, each area once, edit implying view', () => {
    expect(roles.map((r) => r.id)).toEqual(['administrator', 'manager', 'user', 'read_only']);
    for (const role of roles) {
      expect(role.permissions.map((p) => p.area)).toEqual(Object.values(PermissionArea));
      for (const { edit, view } of role.permissions) {
        expect(!edit || view).toBe(true);
      }
    }
  });

  it('derives each role from the matrix and never lists support actions', () => {
    const [administrator, manager, user, readOnly] = roles;
    expect(administrator.actions).toContain(Permission.CompanyManageBanner);
    expect(manager.actions).toContain(Permission.CompanyUpdateContact);
    expect(manager.actions).not.toContain(Permission.CompanyUpdateName);
    expect(user.actions).toEqual(readOnly.actions);
    expect(roles.flatMap((r) => r.actions)).not.toContain(Permission.SupportUsersChangeRole);
  });
});
