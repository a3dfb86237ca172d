import { AreaGrants } from 'src/common/auth/permission-areas';

export enum Role {
  Administrator = 'administrator',
  Manager = 'manager',
  User = 'user',
  ReadOnly = 'read_only',
}

/** Highest first; a role's rank is its distance from the bottom. */
export const ROLES_HIGHEST_FIRST: readonly Role[] = [
  Role.Administrator,
  Role.Manager,
  Role.User,
  Role.ReadOnly,
];

export function roleRank(role: Role): number {
  return ROLES_HIGHEST_FIRST.length - ROLES_HIGHEST_FIRST.indexOf(role);
}

/** Subscription tiers, lowest first. "Tier trumps role": a route may need both. */
export enum CompanyTier {
  Trial = 'trial',
  Standard = 'standard',
  Professional = 'professional',
  Enterprise = 'enterprise',
}

/** Paid extras a company may hold besides its tier. */
export enum CompanyAddOn {
  PartnerFeatures = 'partner_features',
}

export type PrincipalKind = 'user' | 'api_key' | 'machine';

/** Who is calling, as the authentication guard resolved it for this request. */
export interface Principal {
  kind: PrincipalKind;
  /** The signed-in person; null for API keys and machine clients. */
  userId: string | null;
  /** The login session behind a bearer token; null for keys. */
  sessionId: string | null;
  /** The API key or OAuth client behind a key or machine token (absent for people). */
  credentialId?: string;
  /** The company the caller belongs to. */
  companyId: string;
  /** The company every read and write applies to (differs after a switch). */
  actingCompanyId: string;
  role: Role;
  isSupport: boolean;
  /** A display name for audit entries. */
  name: string;
  /** The acting company's subscription, for tier and add-on checks. */
  actingCompanyTier: CompanyTier;
  actingCompanyAddOns: readonly string[];
  /**
   * The grants of the custom role the user holds, when one applies (enterprise tier, acting in
   * their own company); they replace the built-in role's answer for the areas they list.
   */
  customGrants?: AreaGrants;
}
