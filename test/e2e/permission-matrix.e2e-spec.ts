import { Permission, PermissionRule, PERMISSIONS } from 'src/common/auth/permissions';
import { CompanyAddOn, CompanyTier, Role } from 'src/common/auth/principal';
import { newId } from 'src/common/ids';
import request from 'supertest';
import { registerAccount } from 'test/factories/account.factory';
import { addMember, addSupport, setSubscription } from 'test/factories/member.factory';
import { listRoutes, RouteInfo } from 'test/support/routes';
import { startTestApp, TestApp } from 'test/support/test-app';

/**
 * Every route of the service and what guards it. A route added without a permission, or with
 * another one than listed here, fails the first test; the walk then checks each protected route
 * with each kind of principal against the matrix in src/common/auth/permissions.ts.
 */
const ROUTES: Record<string, Permission | 'public' | 'signed_in'> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'POST /api/v1/register': 'public',
  'POST /api/v1/login': 'public',
  'POST /api/v1/password/reset': 'public',
  'POST /api/v1/logout': 'signed_in',
  'GET /api/v1/me': 'signed_in',
  'POST /api/v1/switch': Permission.LinkedCompaniesSwitch,
  'POST /api/v1/switch/original': 'signed_in',
  'GET /api/v1/company': Permission.CompanyView,
  'PATCH /api/v1/company': Permission.CompanyUpdate,
  'DELETE /api/v1/company': Permission.CompanyDelete,
  'GET /api/v1/users': Permission.UsersView,
  'POST /api/v1/users': Permission.UsersCreate,
  'GET /api/v1/users/:id': Permission.UsersView,
  'PATCH /api/v1/users/:id': Permission.UsersUpdate,
  'PUT /api/v1/users/:id/role': Permission.UsersChangeRole,
  'POST /api/v1/users/:id/password-reset': Permission.UsersResetPassword,
  'DELETE /api/v1/users/:id': Permission.UsersDelete,
  'POST /api/v1/users/:id/restore': Permission.UsersRestore,
  'GET /api/v1/roles': Permission.RolesView,
  'POST /api/v1/roles': Permission.RolesManage,
  'PATCH /api/v1/roles/:id': Permission.RolesManage,
  'DELETE /api/v1/roles/:id': Permission.RolesManage,
  'PUT /api/v1/roles/:id/users': Permission.RolesManage,
  'GET /api/v1/linked-companies': Permission.LinkedCompaniesView,
  'POST /api/v1/linked-companies': Permission.LinkedCompaniesCreate,
  'GET /api/v1/linked-companies/summary.csv': Permission.LinkedCompaniesView,
  'DELETE /api/v1/linked-companies/:id': Permission.SupportLinkedCompaniesUnlink,
  'GET /api/v1/team-members': Permission.TeamMembersView,
  'PUT /api/v1/team-members/:user_id/companies/:company_id': Permission.TeamMembersManageAccess,
  'DELETE /api/v1/team-members/:user_id/companies/:company_id': Permission.TeamMembersManageAccess,
  'GET /api/v1/company/team-members-with-access': Permission.CompanyTeamMembersView,
  'PATCH /api/v1/support/companies/:id': Permission.SupportCompaniesUpdate,
  'PUT /api/v1/support/users/:id/role': Permission.SupportUsersChangeRole,
  'POST /api/v1/login/sso': 'public',
  'GET /api/v1/sso/discover': 'public',
  'GET /api/v1/sso/providers': Permission.SsoProvidersManage,
  'POST /api/v1/sso/providers': Permission.SsoProvidersManage,
  'GET /api/v1/sso/providers/:id': Permission.SsoProvidersManage,
  'PATCH /api/v1/sso/providers/:id': Permission.SsoProvidersManage,
  'DELETE /api/v1/sso/providers/:id': Permission.SsoProvidersManage,
  'POST /api/v1/sso/providers/:id/test': Permission.SsoProvidersManage,
  'GET /sso/:id/login': 'public',
  'POST /sso/:id/login': 'public',
  'GET /sso/:id/callback': 'public',
  'GET /sso/:id/logout': 'public',
  'GET /dashboard': 'public',
  'GET /dashboard/app.js': 'public',
  'GET /dashboard/login': 'public',
  'GET /api/v1/audit-logs': Permission.AuditLogsView,
  'GET /api/v1/audit-logs.csv': Permission.AuditLogsView,
  'GET /api/v1/notification-groups': Permission.NotificationGroupsManage,
  'POST /api/v1/notification-groups': Permission.NotificationGroupsManage,
  'GET /api/v1/notification-groups/:id': Permission.NotificationGroupsManage,
  'PATCH /api/v1/notification-groups/:id': Permission.NotificationGroupsManage,
  'DELETE /api/v1/notification-groups/:id': Permission.NotificationGroupsManage,
  'POST /api/v1/notification-groups/:id/recipients': Permission.NotificationGroupsManage,
  'DELETE /api/v1/notification-groups/:id/recipients/:recipientId':
    Permission.NotificationGroupsManage,
  'GET /api/v1/api-keys': Permission.ApiKeysView,
  'POST /api/v1/api-keys': Permission.ApiKeysManage,
  'POST /api/v1/api-keys/:id/revoke': Permission.ApiKeysManage,
  'DELETE /api/v1/api-keys/:id': Permission.ApiKeysManage,
  'GET /api/v1/oauth-clients': Permission.OAuthClientsView,
  'POST /api/v1/oauth-clients': Permission.OAuthClientsManage,
  'DELETE /api/v1/oauth-clients/:id': Permission.OAuthClientsManage,
  'POST /api/v1/oauth/token': 'public',
  'PATCH /api/v1/me': 'signed_in',
  'POST /api/v1/me/password': 'signed_in',
  'POST /api/v1/me/mfa': 'signed_in',
  'POST /api/v1/me/mfa/confirm': 'signed_in',
  'DELETE /api/v1/me/mfa': 'signed_in',
  'POST /api/v1/login/mfa': 'public',
  'POST /api/v1/password/forgot': 'public',
  'POST /api/v1/register/google': 'public',
  'GET /auth/google': 'public',
  'GET /auth/google/callback': 'public',
  'GET /auth/google/register': 'public',
};

interface Caller {
  label: string;
  token: string;
  role: Role;
  isSupport: boolean;
  tier: CompanyTier;
  addOns: string[];
}

/** What the matrix says, read as a table: the role, then the tier and the add-on. */
function matrixAllows(rule: PermissionRule, caller: Caller): boolean {
  if (rule.supportOnly) {
    return caller.isSupport;
  }

  return (
    rule.roles.includes(caller.role) &&
    (!rule.tiers || rule.tiers.includes(caller.tier)) &&
    (!rule.addOn || caller.addOns.includes(rule.addOn))
  );
}

function send(t: TestApp, route: RouteInfo, token: string): request.Test {
  const path = route.path.replace(/:[a-z_]+/gi, () => newId());
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const req = request(t.url)[method](path).auth(token, { type: 'bearer' });

  return method === 'get' ? req : req.send({});
}

describe('the permission matrix', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('guards every route with the permission listed for it', () => {
    const actual = Object.fromEntries(
      listRoutes(t.app).map((r) => [
        r.route,
        r.isPublic ? 'public' : (r.permission ?? 'signed_in'),
      ]),
    );

    expect(actual).toEqual(ROUTES);
  });

  it('lets exactly the roles of the matrix through every protected route', async () => {
    const support = await addSupport(t);
    const admin = await registerAccount(t.url);
    await setSubscription(t, support.token, admin.companyId, {
      tier: CompanyTier.Enterprise,
      add_ons: [CompanyAddOn.PartnerFeatures],
    });
    const inCompany = {
      isSupport: false,
      tier: CompanyTier.Enterprise,
      addOns: ['partner_features'],
    };
    const callers: Caller[] = [
      ...(await Promise.all(
        [Role.ReadOnly, Role.User, Role.Manager].map(async (role) => ({
          label: role,
          token: (await addMember(t, admin.companyId, role)).token,
          role,
          ...inCompany,
        })),
      )),
      { label: 'administrator', token: admin.token, role: Role.Administrator, ...inCompany },
      {
        label: 'support',
        token: support.token,
        role: Role.Administrator,
        isSupport: true,
        tier: CompanyTier.Enterprise,
        addOns: [],
      },
    ];
    // deleting the company ends the callers' sessions, so it goes last
    const protectedRoutes = listRoutes(t.app)
      .filter((r) => r.permission)
      .sort(
        (a, b) =>
          Number(a.route === 'DELETE /api/v1/company') -
          Number(b.route === 'DELETE /api/v1/company'),
      );

    const mismatches: string[] = [];
    for (const route of protectedRoutes) {
      const permission = route.permission as Permission;
      for (const caller of callers) {
        const res = await send(t, route, caller.token);
        const allowed = matrixAllows(PERMISSIONS[permission], caller);
        const refused =
          res.status === 403 && res.body.code === 'FORBIDDEN' && res.body.permission === permission;
        if (allowed ? res.status === 403 || res.status === 401 : !refused) {
          mismatches.push(
            `${route.route} as ${caller.label}: ${res.status} ${res.body.code ?? ''}`,
          );
        }
      }
    }

    expect(mismatches).toEqual([]);
  });

  it('refuses tier and add-on bound routes to the administrator of a trial company', async () => {
    const admin = await registerAccount(t.url);
    const bound = listRoutes(t.app).filter((r) => {
      const rule = r.permission && PERMISSIONS[r.permission];

      return rule && !rule.supportOnly && (rule.tiers || rule.addOn);
    });
    expect(bound.length).toBeGreaterThan(0);

    for (const route of bound) {
      const res = await send(t, route, admin.token);
      const rule = PERMISSIONS[route.permission as Permission];
      expect({ route: route.route, status: res.status, refused_by: res.body.refused_by }).toEqual({
        route: route.route,
        status: 403,
        refused_by: rule.tiers ? 'tier' : 'add_on',
      });
    }
  });
});
