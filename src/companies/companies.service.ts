import { Injectable, Logger } from '@nestjs/common';
import { changesBetween } from 'src/audit/audit-changes';
import { AuditService } from 'src/audit/audit.service';
import { refusalOf } from 'src/common/auth/permission';
import { Permission, PERMISSIONS } from 'src/common/auth/permissions';
import { CompanyTier, Principal } from 'src/common/auth/principal';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { newId } from 'src/common/ids';
import { CompanyView } from 'src/companies/companies.types';
import {
  CompanyResponseDto,
  SupportCompanyResponseDto,
} from 'src/companies/dto/company-response.dto';
import { UpdateCompanyDto } from 'src/companies/dto/update-company.dto';
import { UpdateSubscriptionDto } from 'src/companies/dto/update-subscription.dto';
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

type ProfileField = keyof UpdateCompanyDto;

/** The matrix entry each profile field needs (product.md §2.1). */
const FIELD_PERMISSION: Record<ProfileField, Permission> = {
  name: Permission.CompanyUpdateName,
  website: Permission.CompanyUpdateContact,
  telephone: Permission.CompanyUpdateContact,
  email: Permission.CompanyUpdateContact,
  banner: Permission.CompanyManageBanner,
};

/** An empty or blank optional value clears the field. */
const cleared = (value: string | null | undefined): string | null | undefined =>
  typeof value === 'string' && value.trim() === '' ? null : value;

@Injectable()
export class CompaniesService {
  private readonly logger = new Logger(CompaniesService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

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

  async getProfile(principal: Principal): Promise<CompanyResponseDto> {
    return CompanyResponseDto.from(await this.loadActing(principal));
  }

  /**
   * Changes the profile of the acting company. Every field sent must be one the caller's role
   * may change, else nothing changes: a 403 names the refused fields.
   * @throws AppError COMPANY_FIELD_FORBIDDEN
   */
  async updateProfile(principal: Principal, dto: UpdateCompanyDto): Promise<CompanyResponseDto> {
    const fields = (Object.keys(FIELD_PERMISSION) as ProfileField[]).filter(
      (field) => dto[field] !== undefined,
    );
    const refused = fields.filter((f) => refusalOf(PERMISSIONS[FIELD_PERMISSION[f]], principal));
    if (refused.length > 0) {
      throw new AppError(ErrorCode.CompanyFieldForbidden, 'Your role may not change these fields', {
        extensions: { fields: refused, permissions: refused.map((f) => FIELD_PERMISSION[f]) },
      });
    }

    return this.db.transaction(async () => {
      const company = await this.loadActing(principal);
      const after = {
        name: dto.name,
        website: cleared(dto.website),
        telephone: cleared(dto.telephone),
        email: cleared(dto.email),
        banner: cleared(dto.banner),
      };
      const changes = changesBetween(company, after);
      if (Object.keys(changes).length > 0) {
        const update = Object.fromEntries(
          Object.keys(changes).map((f) => [f, after[f as ProfileField]]),
        );
        await this.db.repo(Company).update({ id: company.id }, update);
        await this.audit.record({
          companyId: company.id,
          actor: { type: principal.kind, principal },
          event: 'company.updated',
          action: 'update',
          target: { type: 'company', id: company.id },
          changes,
        });
        this.logger.log(`Updated the profile of company ${company.id}`);
      }

      return CompanyResponseDto.from(await this.loadActing(principal));
    });
  }

  /** Soft-deletes the acting company: its users' tokens and sign-ins stop at once. */
  async deleteCompany(principal: Principal): Promise<void> {
    await this.db.transaction(async () => {
      const company = await this.loadActing(principal);
      await this.db.repo(Company).update({ id: company.id }, { deletedAt: new Date() });
      await this.audit.record({
        companyId: company.id,
        actor: { type: principal.kind, principal },
        event: 'company.deleted',
        action: 'delete',
        target: { type: 'company', id: company.id },
        changes: { name: company.name },
      });
    });
    this.logger.log(`Deleted company ${principal.actingCompanyId}`);
  }

  /** Platform support sets any company's tier and add-ons. */
  async updateSubscription(
    principal: Principal,
    companyId: string,
    dto: UpdateSubscriptionDto,
  ): Promise<SupportCompanyResponseDto> {
    return this.db.transaction(async () => {
      const company = assertFound(await this.findActive(companyId), 'Company not found');
      const after = { tier: dto.tier ?? company.tier, add_ons: dto.add_ons ?? [...company.addOns] };
      const changes = changesBetween({ tier: company.tier, add_ons: company.addOns }, after);
      if (Object.keys(changes).length > 0) {
        await this.db
          .repo(Company)
          .update({ id: company.id }, { tier: after.tier, addOns: after.add_ons });
        await this.audit.record({
          companyId: company.id,
          actor: { type: principal.kind, principal },
          event: 'company.subscription.updated',
          action: 'update',
          target: { type: 'company', id: company.id },
          changes,
        });
        this.logger.log(`Support changed the subscription of company ${company.id}`);
      }

      return SupportCompanyResponseDto.from(assertFound(await this.findActive(companyId)));
    });
  }

  private async loadActing(principal: Principal): Promise<CompanyView> {
    return assertFound(await this.findActive(principal.actingCompanyId), 'Company not found');
  }
}
