import { CompanyTier, Role } from 'src/common/auth/principal';

/**
 * Every protected action, and who may take it: the permission matrix of product.md §3.2 as data.
 * Routes name one with `@RequirePermission(...)`; the authentication guard checks it, so the
 * role, the tier and the add-on rules live here and nowhere else.
 */
export enum Permission {
  SsoProvidersManage = 'sso_providers.manage',
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

export const PERMISSIONS: Record<Permission, PermissionRule> = {
  [Permission.SsoProvidersManage]: { roles: ADMIN },
  [Permission.AuditLogsView]: { roles: ADMIN },
  [Permission.NotificationGroupsManage]: { roles: ADMIN },
  [Permission.ApiKeysView]: { roles: MANAGER_UP },
  [Permission.ApiKeysManage]: { roles: MANAGER_UP, peopleOnly: true },
  [Permission.OAuthClientsView]: { roles: MANAGER_UP },
  [Permission.OAuthClientsManage]: { roles: MANAGER_UP, peopleOnly: true },
};

export { ALL_ROLES };
