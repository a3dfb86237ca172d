import { Injectable, Logger } from '@nestjs/common';
import { CompanyTier } from 'src/common/auth/principal';
import { newId } from 'src/common/ids';
import { CompanyView } from 'src/companies/companies.types';
import { Company } from 'src/companies/entities/company.entity';
import { Database } from 'src/database/database.service';
import { IsNull } from 'typeorm';

export interface CreateCompanyInput {
  name: string;
  tier?: CompanyTier;
  parentCompanyId?: string | null;
  email?: string | null;
  website?: string | null;
  telephone?: string | null;
}

@Injectable()
export class CompaniesService {
  private readonly logger = new Logger(CompaniesService.name);

  constructor(private readonly db: Database) {}

  async create(input: CreateCompanyInput): Promise<CompanyView> {
    const company = this.db.repo(Company).create({
      id: newId(),
      name: input.name,
      tier: input.tier ?? CompanyTier.Trial,
      parentCompanyId: input.parentCompanyId ?? null,
      email: input.email ?? null,
      website: input.website ?? null,
      telephone: input.telephone ?? null,
      banner: null,
      addOns: [],
      deletedAt: null,
    });
    await this.db.repo(Company).insert(company);
    this.logger.log(`Created company ${company.id}`);

    return company;
  }

  /** A company that has not been deleted, or null. */
  findActive(id: string): Promise<CompanyView | null> {
    return this.db.repo(Company).findOneBy({ id, deletedAt: IsNull() });
  }
}
