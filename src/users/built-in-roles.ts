import { AccessLevel, PermissionArea } from 'src/common/auth/permission-areas';
import { Permission, PERMISSIONS } from 'src/common/auth/permissions';
import { Role, ROLES_HIGHEST_FIRST } from 'src/common/auth/principal';
import { RoleResponseDto } from 'src/users/dto/role.dto';

const DESCRIPTIONS: Record<Role, string> = {
  [Role.Administrator]: 'Everything in the company; made at registration or by platform support',
  [Role.Manager]: 'Manages users below manager and the contact details of the company',
  [Role.User]: 'Works in the dashboard; sees the company and its users',
  [Role.ReadOnly]: 'Sees what users see, changes nothing',
};

/** Whether `role` passes the matrix rule of `area` at `level`. */
function allows(role: Role, area: PermissionArea, level: AccessLevel): boolean {
  const rule = Object.values(PERMISSIONS).find(
    (r) => r.area?.name === area && r.area.level === level,
  );

  return rule?.roles.includes(role) ?? false;
}

/** The four built-in roles as the matrix defines them, highest first. */
export function builtInRoles(): RoleResponseDto[] {
  return ROLES_HIGHEST_FIRST.map((role) => ({
    id: role,
    name: role,
    description: DESCRIPTIONS[role],
    built_in: true,
    permissions: Object.values(PermissionArea).map((area) => ({
      area,
      view: allows(role, area, AccessLevel.View),
      edit: allows(role, area, AccessLevel.Edit),
    })),
    actions: (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => {
      const rule = PERMISSIONS[permission];

      return !rule.supportOnly && rule.roles.includes(role);
    }),
  }));
}
