/**
 * The parent/child relation between companies, for modules that must scope reads to "this
 * company and its linked companies" without depending on the companies module (audit/ may
 * depend on no feature module). Declared here, provided globally by the companies module.
 */
export interface CompanyHierarchy {
  /** Ids of the live (not deleted) companies whose parent is `parentCompanyId`. */
  linkedCompanyIds(parentCompanyId: string): Promise<string[]>;
}

export const COMPANY_HIERARCHY = Symbol('COMPANY_HIERARCHY');
