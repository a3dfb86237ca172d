import { refusalOf } from 'src/common/auth/permission';
import { AccessLevel, PermissionArea } from 'src/common/auth/permission-areas';
import { Permission, PERMISSIONS } from 'src/common/auth/permissions';
import { CompanyAddOn, CompanyTier, Principal, Role } from 'src/common/auth/principal';

const { Administrator: A, Manager: M, User: U, ReadOnly: R } = Role;

function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    kind: 'user',
    userId: 'u1',
    sessionId: 's1',
    companyId: 'c1',
    actingCompanyId: 'c1',
    role: Role.User,
    isSupport: false,
    name: 'Ada Lovelace',
    actingCompanyTier: CompanyTier.Trial,
    actingCompanyAddOns: [],
    ...overrides,
  };
}

describe('the permission matrix (product.md §2.1, §3.2, §3.7; api.md)', () => {
  // the product's tables, row by row: a change to the matrix must change this table too
  const PRODUCT_TABLE: Array<[Permission, readonly Role[]]> = [
    [Permission.CompanyView, [A, M, U, R]],
    [Permission.CompanyUpdate, [A, M]],
    [Permission.CompanyUpdateName, [A]],
    [Permission.CompanyUpdateContact, [A, M]],
    [Permission.CompanyManageBanner, [A]],
    [Permission.CompanyDelete, [A]],
    [Permission.UsersView, [A, M, U, R]],
    [Permission.UsersCreate, [A, M]],
    [Permission.UsersUpdate, [A, M]],
    [Permission.UsersChangeRole, [A, M]],
    [Permission.UsersResetPassword, [A, M]],
    [Permission.UsersDelete, [A, M]],
    [Permission.UsersRestore, [A, M]],
    [Permission.RolesView, [A, M, U, R]],
    [Permission.RolesManage, [A]],
    [Permission.SsoProvidersManage, [A]],
    // §2.3 and the multi-company rows reconstructed in §3.2
    [Permission.LinkedCompaniesView, [A, M]],
    [Permission.LinkedCompaniesCreate, [A]],
    [Permission.LinkedCompaniesSwitch, [A, M]],
    [Permission.TeamMembersView, [A, M]],
    [Permission.TeamMembersManageAccess, [A, M]],
    [Permission.CompanyTeamMembersView, [A, M]],
  ];

  it.each(PRODUCT_TABLE)('%s is allowed to exactly %j', (permission, roles) => {
    expect([...PERMISSIONS[permission].roles].sort()).toEqual([...roles].sort());
    expect(PERMISSIONS[permission].supportOnly).toBeFalsy();
  });

  it('keeps the role manager on the enterprise tier and support routes for support', () => {
    expect(PERMISSIONS[Permission.RolesManage].tiers).toEqual([CompanyTier.Enterprise]);
    expect(PERMISSIONS[Permission.SupportCompaniesUpdate]).toMatchObject({ supportOnly: true });
    expect(PERMISSIONS[Permission.SupportUsersChangeRole]).toMatchObject({ supportOnly: true });
    expect(PERMISSIONS[Permission.LinkedCompaniesCreate].addOn).toBe(CompanyAddOn.PartnerFeatures);
    expect(PERMISSIONS[Permission.SupportLinkedCompaniesUnlink]).toMatchObject({
      supportOnly: true,
    });
  });

  it('gives one answer per area and level, so a custom role means one thing', () => {
    const byArea = new Map<string, string>();
    for (const rule of Object.values(PERMISSIONS)) {
      if (rule.area) {
        const key = `${rule.area.name}/${rule.area.level}`;
        const value = JSON.stringify([[...rule.roles].sort(), rule.tiers, rule.addOn]);
        expect([key, byArea.get(key) ?? value]).toEqual([key, value]);
        byArea.set(key, value);
      }
    }
    expect(byArea.size).toBe(Object.values(PermissionArea).length * 2);
  });
});

describe(refusalOf.name, () => {
  const rule = PERMISSIONS[Permission.UsersCreate];

  it('refuses a role the rule does not list', () => {
    expect(refusalOf(rule, principal({ role: R }))).toBe('role');
    expect(refusalOf(rule, principal({ role: M }))).toBeNull();
  });

  it('checks the tier and the add-on after the role', () => {
    const enterprise = { roles: [A], tiers: [CompanyTier.Enterprise] };
    expect(refusalOf(enterprise, principal({ role: A }))).toBe('tier');
    expect(refusalOf(enterprise, principal({ role: R }))).toBe('role');
    expect(
      refusalOf(enterprise, principal({ role: A, actingCompanyTier: CompanyTier.Enterprise })),
    ).toBeNull();

    const partner = { roles: [A], addOn: CompanyAddOn.PartnerFeatures };
    expect(refusalOf(partner, principal({ role: A }))).toBe('add_on');
    expect(
      refusalOf(partner, principal({ role: A, actingCompanyAddOns: ['partner_features'] })),
    ).toBeNull();
  });

  it('lets only support accounts through support rules, whatever their role', () => {
    const support = PERMISSIONS[Permission.SupportCompaniesUpdate];
    expect(refusalOf(support, principal({ role: A }))).toBe('support');
    expect(refusalOf(support, principal({ role: R, isSupport: true }))).toBeNull();
  });

  describe('with a custom role', () => {
    it('answers from the grant for an area it lists, up or down', () => {
      const grantsEdit = { [PermissionArea.Users]: AccessLevel.Edit };
      expect(refusalOf(rule, principal({ role: R, customGrants: grantsEdit }))).toBeNull();

      const grantsView = { [PermissionArea.Users]: AccessLevel.View };
      expect(refusalOf(rule, principal({ role: M, customGrants: grantsView }))).toBe('custom_role');
      const view = PERMISSIONS[Permission.UsersView];
      expect(refusalOf(view, principal({ role: R, customGrants: grantsView }))).toBeNull();

      const none = { [PermissionArea.Users]: AccessLevel.None };
      expect(refusalOf(view, principal({ role: A, customGrants: none }))).toBe('custom_role');
    });

    it('leaves areas it does not list, and rules without an area, to the built-in role', () => {
      const grants = { [PermissionArea.Company]: AccessLevel.Edit };
      expect(refusalOf(rule, principal({ role: R, customGrants: grants }))).toBe('role');

      const everything = { [PermissionArea.Users]: AccessLevel.Edit };
      const changeRole = PERMISSIONS[Permission.UsersChangeRole];
      expect(refusalOf(changeRole, principal({ role: R, customGrants: everything }))).toBe('role');
    });

    it('does not lift the tier', () => {
      const tiered = {
        roles: [A],
        tiers: [CompanyTier.Enterprise],
        area: { name: PermissionArea.Users, level: AccessLevel.View as const },
      };
      const grants = { [PermissionArea.Users]: AccessLevel.Edit };
      expect(refusalOf(tiered, principal({ role: R, customGrants: grants }))).toBe('tier');
    });
  });
});
