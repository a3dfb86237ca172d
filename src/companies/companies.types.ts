import { CompanyTier } from 'src/common/auth/principal';

export { CompanyTier };

/** What other modules see of a company; the entity itself stays inside this module. */
export interface CompanyView {
  readonly id: string;
  readonly name: string;
  readonly website: string | null;
  readonly telephone: string | null;
  readonly email: string | null;
  readonly banner: string | null;
  readonly parentCompanyId: string | null;
  readonly tier: CompanyTier;
  readonly addOns: readonly string[];
  readonly createdAt: Date;
  readonly deletedAt: Date | null;
}
