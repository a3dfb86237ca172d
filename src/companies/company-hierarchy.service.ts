import { Injectable } from '@nestjs/common';
import { CompanyHierarchy } from 'src/common/companies/company-hierarchy';
import { Company } from 'src/companies/entities/company.entity';
import { Database } from 'src/database/database.service';
import { IsNull } from 'typeorm';

/** Reads `companies.parent_company_id`; the companies module's answer to COMPANY_HIERARCHY. */
@Injectable()
export class CompanyHierarchyService implements CompanyHierarchy {
  constructor(private readonly db: Database) {}

  async linkedCompanyIds(parentCompanyId: string): Promise<string[]> {
    const children = await this.db.repo(Company).find({
      select: { id: true },
      where: { parentCompanyId, deletedAt: IsNull() },
      order: { id: 'ASC' },
    });

    return children.map((child) => child.id);
  }
}
