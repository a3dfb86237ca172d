import { Principal, Role } from 'src/common/auth/principal';
import { CompanyView } from 'src/companies/companies.types';

/**
 * The principal of an API key or a machine client: it belongs to a company, not to a person,
 * and acts in that company with manager rights (product.md §5.2), so administrator-only routes
 * refuse it.
 */
export function credentialPrincipal(
  kind: 'api_key' | 'machine',
  credential: { id: string; name: string },
  company: CompanyView,
): Principal {
  return {
    kind,
    userId: null,
    sessionId: null,
    credentialId: credential.id,
    companyId: company.id,
    actingCompanyId: company.id,
    role: Role.Manager,
    isSupport: false,
    name: credential.name,
    actingCompanyTier: company.tier,
    actingCompanyAddOns: company.addOns,
  };
}
