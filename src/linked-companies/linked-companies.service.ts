import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { Principal } from 'src/common/auth/principal';
import { assertFound } from 'src/common/errors/app-error';
import { ListPage, ListSpec, parseListQuery } from 'src/common/http/list-query';
import { CompaniesService } from 'src/companies/companies.service';
import { CompanyLinksService, LinkedCompanySort } from 'src/companies/company-links.service';
import { Database } from 'src/database/database.service';
import { CreateLinkedCompanyDto } from 'src/linked-companies/dto/create-linked-company.dto';
import { LinkedCompanyResponseDto } from 'src/linked-companies/dto/linked-company-response.dto';
import { renderSummaryCsv } from 'src/linked-companies/summary-csv';
import { isTeamMemberRole, TeamAccessService } from 'src/linked-companies/team-access.service';
import { UsersService } from 'src/users/users.service';

export const LINKED_COMPANY_LIST: ListSpec<LinkedCompanySort, 'search'> = {
  sorts: ['name', 'created_at'],
  defaultSort: 'name',
  filters: { search: 'text' },
};

/**
 * The linked companies of the acting company (product.md §2.3): listed for its managers and
 * administrators, created by its administrator (who gets a grant for it), summarised as CSV,
 * and unlinked by platform support, which ends every team member's access to it.
 */
@Injectable()
export class LinkedCompaniesService {
  private readonly logger = new Logger(LinkedCompaniesService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly links: CompanyLinksService,
    private readonly access: TeamAccessService,
    private readonly users: UsersService,
  ) {}

  async list(
    principal: Principal,
    query: Record<string, unknown>,
  ): Promise<ListPage<LinkedCompanyResponseDto>> {
    const { page, perPage, sort, filters } = parseListQuery(query, LINKED_COMPANY_LIST);
    const { items, total } = await this.links.page(principal.actingCompanyId, {
      search: filters.search,
      sort,
      page,
      perPage,
    });
    const granted = await this.managedBy(principal);

    return {
      data: items.map((c) => LinkedCompanyResponseDto.from(c, granted.has(c.id))),
      meta: { page, per_page: perPage, total },
    };
  }

  /** A trial-tier company linked to the acting one; its creator holds a grant for it. */
  async create(
    principal: Principal,
    dto: CreateLinkedCompanyDto,
  ): Promise<LinkedCompanyResponseDto> {
    const creatorId = assertFound(principal.userId, 'User not found');
    const company = await this.db.transaction(async () => {
      const created = await this.links.createLinked(principal.actingCompanyId, {
        name: dto.name,
        email: dto.email,
        website: dto.website || null,
        telephone: dto.telephone || null,
      });
      await this.access.grant(creatorId, created.id, creatorId);
      await this.audit.record({
        companyId: principal.actingCompanyId,
        actor: { type: principal.kind, principal },
        event: 'linked_companies.created',
        action: 'create',
        target: { type: 'company', id: created.id },
        changes: { name: created.name, email: created.email, granted_to: [creatorId] },
      });

      return created;
    });
    this.logger.log(`User ${creatorId} created linked company ${company.id}`);

    return LinkedCompanyResponseDto.from(company, true);
  }

  /** The acting company's own row with `parent` empty, then its linked companies by name. */
  async summaryCsv(principal: Principal): Promise<string> {
    const parent = assertFound(
      await this.companies.findActive(principal.actingCompanyId),
      'Company not found',
    );
    const linked = await this.links.allLinked(parent.id);
    const lastLogins = await this.users.lastLoginsOf([parent.id, ...linked.map((c) => c.id)]);

    return renderSummaryCsv(
      [parent, ...linked].map((company) => ({
        id: company.id,
        name: company.name,
        plans: company.addOns,
        tier: company.tier,
        parent: company === parent ? null : parent.name,
        createdAt: company.createdAt,
        lastLogin: lastLogins.get(company.id) ?? null,
      })),
    );
  }

  /**
   * Platform support cuts a linked company loose: it becomes standalone, every grant for it is
   * removed (switched sessions stop at once) and its native users keep their access.
   */
  async unlink(principal: Principal, id: string): Promise<void> {
    await this.db.transaction(async () => {
      const company = await this.links.unlink(id);
      const revoked = await this.access.revokeAll(company.id);
      const changes = {
        parent_company_id: { from: company.parentCompanyId, to: null },
        revoked_user_ids: revoked,
      };
      for (const companyId of [company.id, company.parentCompanyId]) {
        await this.audit.record({
          companyId,
          actor: { type: principal.kind, principal },
          event: 'linked_companies.unlinked',
          action: 'delete',
          target: { type: 'company', id: company.id },
          changes,
        });
      }
    });
    this.logger.log(`Support user ${principal.userId} unlinked company ${id}`);
  }

  /** The linked companies the caller may switch into. */
  private async managedBy(principal: Principal): Promise<Set<string>> {
    if (!principal.userId || !isTeamMemberRole(principal.role)) {
      return new Set();
    }
    const granted = await this.access.companiesOf([principal.userId]);

    return new Set(granted.get(principal.userId) ?? []);
  }
}
