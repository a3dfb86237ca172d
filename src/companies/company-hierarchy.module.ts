import { Global, Module } from '@nestjs/common';
import { COMPANY_HIERARCHY } from 'src/common/companies/company-hierarchy';
import { CompanyHierarchyService } from 'src/companies/company-hierarchy.service';

/**
 * Global so that modules which must not import a feature module (audit/) can inject
 * COMPANY_HIERARCHY; it exposes that one token and nothing else of the companies module.
 */
@Global()
@Module({
  providers: [{ provide: COMPANY_HIERARCHY, useClass: CompanyHierarchyService }],
  exports: [COMPANY_HIERARCHY],
})
export class CompanyHierarchyModule {}
