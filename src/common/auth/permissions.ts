import { AccessLevel, PermissionArea } from 'src/common/auth/permission-areas';
import { CompanyAddOn, CompanyTier, Role } from 'src/common/auth/principal';

/**
 * Every protected action, and who may take it: the permission matrix of product.md §3.2 as data.
 * Routes name one with `@RequirePermission(...)`; the authentication guard checks it, so the
 * role, the tier and the add-on rules live here and nowhere else. A few entries guard a field
 * rather than a route (the company profile's name, contacts and banner); the service checking
 * that field reads the same entry.
 */
export enum Permission {
  CompanyView = 'company.view',
  CompanyUpdate = 'company.update',
  CompanyUpdateName = 'company.update_name',
  CompanyUpdateContact = 'company.update_contact',
  CompanyManageBanner = 'company.manage_banner',
  CompanyDelete = 'company.delete',
  UsersView = 'users.view',
  UsersCreate = 'users.create',
  UsersUpdate = 'users.update',
  UsersChangeRole = 'users.change_role',
  UsersResetPassword = 'users.reset_password',
  UsersDelete = 'users.delete',
  UsersRestore = 'users.restore',
  RolesView = 'roles.view',
  RolesManage = 'roles.manage',
  SsoProvidersManage = 'sso_providers.manage',
  LinkedCompaniesView = 'linked_companies.view',
  LinkedCompaniesCreate = 'linked_companies.create',
  LinkedCompaniesSwitch = 'linked_companies.switch',
  TeamMembersView = 'team_members.view',
  TeamMembersManageAccess = 'team_members.manage_access',
  CompanyTeamMembersView = 'company.view_team_members',
  SupportCompaniesUpdate = 'support.companies.update',
  SupportUsersChangeRole = 'support.users.change_role',
  SupportLinkedCompaniesUnlink = 'support.linked_companies.unlink',
  // settings (issue #7)
  AuditLogsView = 'audit_logs.view',
  NotificationGroupsManage = 'notification_groups.manage',
  ApiKeysView = 'api_keys.view',
  ApiKeysManage = 'api_keys.manage',
  OAuthClientsView = 'oauth_clients.view',
  OAuthClientsManage = 'oauth_clients.manage',
}

export interface PermissionRule {
  /** Roles allowed in the acting company. */
  roles: readonly Role[];
  /** When set, the acting company's tier must be one of these ("tier trumps role"). */
  tiers?: readonly CompanyTier[];
  /** When set, the acting company must have this add-on. */
  addOn?: string;
  /** Platform support accounts only (then `roles` is ignored). */
  supportOnly?: boolean;
  /**
   * The custom-role area this action belongs to and the level it needs there. A custom role
   * that lists the area decides instead of `roles`; rules of one area and level agree.
   */
  area?: { name: PermissionArea; level: AccessLevel.View | AccessLevel.Edit };
  /**
   * Signed-in people only: API keys and machine clients are refused even where their manager
   * role would pass, so a leaked credential cannot mint or revoke credentials.
   */
  peopleOnly?: boolean;
  /** Why the rule is as it is, for the Swagger description. */
  note?: string;
}

const ALL_ROLES = [Role.Administrator, Role.Manager, Role.User, Role.ReadOnly] as const;
const ADMIN = [Role.Administrator] as const;
const MANAGER_UP = [Role.Administrator, Role.Manager] as const;

const area = (
  name: PermissionArea,
  level: AccessLevel.View | AccessLevel.Edit,
): PermissionRule['area'] => ({ name, level });

export const PERMISSIONS: Record<Permission, PermissionRule> = {
  [Permission.CompanyView]: {
    roles: ALL_ROLES,
    area: area(PermissionArea.Company, AccessLevel.View),
  },
  [Permission.CompanyUpdate]: {
    roles: MANAGER_UP,
    area: area(PermissionArea.Company, AccessLevel.Edit),
    note: 'Each field sent also needs its own permission (name, contact, banner)',
  },
  [Permission.CompanyUpdateName]: { roles: ADMIN },
  [Permission.CompanyUpdateContact]: {
    roles: MANAGER_UP,
    area: area(PermissionArea.Company, AccessLevel.Edit),
  },
  [Permission.CompanyManageBanner]: { roles: ADMIN },
  [Permission.CompanyDelete]: { roles: ADMIN },
  [Permission.UsersView]: { roles: ALL_ROLES, area: area(PermissionArea.Users, AccessLevel.View) },
  [Permission.UsersCreate]: {
    roles: MANAGER_UP,
    area: area(PermissionArea.Users, AccessLevel.Edit),
    note: 'The role given follows the role-change rules',
  },
  [Permission.UsersUpdate]: {
    roles: MANAGER_UP,
    area: area(PermissionArea.Users, AccessLevel.Edit),
  },
  [Permission.UsersChangeRole]: {
    roles: MANAGER_UP,
    note: 'Then the role-change rules of product.md §3.2 apply (see the README)',
  },
  [Permission.UsersResetPassword]: {
    roles: MANAGER_UP,
    area: area(PermissionArea.Users, AccessLevel.Edit),
  },
  [Permission.UsersDelete]: {
    roles: MANAGER_UP,
    area: area(PermissionArea.Users, AccessLevel.Edit),
  },
  [Permission.UsersRestore]: {
    roles: MANAGER_UP,
    area: area(PermissionArea.Users, AccessLevel.Edit),
  },
  [Permission.RolesView]: { roles: ALL_ROLES },
  [Permission.RolesManage]: {
    roles: ADMIN,
    tiers: [CompanyTier.Enterprise],
    note: 'The role manager is an enterprise-tier feature',
  },
  [Permission.SsoProvidersManage]: { roles: ADMIN },
  [Permission.LinkedCompaniesView]: {
    roles: MANAGER_UP,
    note: "The acting company's linked companies; can_manage says which the caller may enter",
  },
  [Permission.LinkedCompaniesCreate]: {
    roles: ADMIN,
    addOn: CompanyAddOn.PartnerFeatures,
    note: "Within the allowance of the parent's tier (LINKED_COMPANY_ALLOWANCE)",
  },
  [Permission.LinkedCompaniesSwitch]: {
    roles: MANAGER_UP,
    note: 'And a grant for that company (product.md §3.4)',
  },
  [Permission.TeamMembersView]: { roles: MANAGER_UP },
  [Permission.TeamMembersManageAccess]: {
    roles: MANAGER_UP,
    note: 'The caller must hold the grant; the grantee must be a manager or administrator',
  },
  [Permission.CompanyTeamMembersView]: {
    roles: MANAGER_UP,
    note: "The parent's managers and administrators, and which may manage this company",
  },
  [Permission.SupportCompaniesUpdate]: { roles: [], supportOnly: true },
  [Permission.SupportUsersChangeRole]: {
    roles: [],
    supportOnly: true,
    note: 'The only way to make or unmake an administrator after registration',
  },
  [Permission.SupportLinkedCompaniesUnlink]: {
    roles: [],
    supportOnly: true,
    note: 'Team members lose their access; native users keep theirs',
  },
  [Permission.AuditLogsView]: { roles: ADMIN },
  [Permission.NotificationGroupsManage]: { roles: ADMIN },
  [Permission.ApiKeysView]: { roles: MANAGER_UP },
  [Permission.ApiKeysManage]: { roles: MANAGER_UP, peopleOnly: true },
  [Permission.OAuthClientsView]: { roles: MANAGER_UP },
  [Permission.OAuthClientsManage]: { roles: MANAGER_UP, peopleOnly: true },
};

export { ALL_ROLES };
