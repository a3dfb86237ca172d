import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { refusalOf } from 'src/common/auth/permission';
import { Permission, PERMISSIONS } from 'src/common/auth/permissions';
import { Principal } from 'src/common/auth/principal';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { ListPage, ListSpec, pageOf, parseListQuery } from 'src/common/http/list-query';
import { CompaniesService } from 'src/companies/companies.service';
import { CompanyView } from 'src/companies/companies.types';
import { CompanyLinksService } from 'src/companies/company-links.service';
import { Database } from 'src/database/database.service';
import {
  TeamMemberAccessResponseDto,
  TeamMemberResponseDto,
} from 'src/linked-companies/dto/team-member-response.dto';
import {
  isTeamMemberRole,
  notGranted,
  TEAM_MEMBER_ROLES,
  TeamAccessService,
} from 'src/linked-companies/team-access.service';
import { UsersAdminService } from 'src/users/users-admin.service';
import { UsersService } from 'src/users/users.service';
import { UserStatus, UserView } from 'src/users/users.types';

const ACCESS_LIST: ListSpec<'name', never> = { sorts: ['name'], defaultSort: 'name', filters: {} };

/**
 * Team members (product.md §3.5): the users of a parent company and their grants. Only a holder
 * of a grant gives or takes it, and only a manager or administrator receives one; every route
 * works on the acting company as the parent, so another parent's ids answer 404.
 */
@Injectable()
export class TeamMembersService {
  private readonly logger = new Logger(TeamMembersService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly links: CompanyLinksService,
    private readonly access: TeamAccessService,
    private readonly users: UsersService,
    private readonly usersAdmin: UsersAdminService,
  ) {}

  /**
   * The users list of the acting company (same filters), each with their linked companies. It
   * shows what GET /api/v1/users shows, so a custom role that hides users hides this too.
   */
  async list(
    principal: Principal,
    query: Record<string, unknown>,
  ): Promise<ListPage<TeamMemberResponseDto>> {
    const refusal = refusalOf(PERMISSIONS[Permission.UsersView], principal);
    if (refusal) {
      throw new AppError(ErrorCode.Forbidden, 'Your custom role does not let you see users', {
        extensions: { permission: Permission.UsersView, refused_by: refusal },
      });
    }
    const page = await this.usersAdmin.list(principal, query);
    const linked = await this.links.allLinked(principal.actingCompanyId);
    const live = new Set(linked.map((c) => c.id));
    const granted = await this.access.companiesOf(page.data.map((u) => u.id));

    return {
      data: page.data.map((user) => ({
        ...user,
        managed_company_ids: (granted.get(user.id) ?? []).filter((id) => live.has(id)),
      })),
      meta: page.meta,
    };
  }

  /**
   * Gives a team member access to a linked company the caller holds a grant for.
   * @throws AppError NOT_FOUND, LINKED_COMPANY_NOT_GRANTED, USER_DELETED, TEAM_MEMBER_NOT_MANAGER
   */
  async grant(principal: Principal, userId: string, companyId: string): Promise<void> {
    await this.db.transaction(async () => {
      const company = await this.loadGranted(principal, companyId);
      const member = await this.loadMember(principal, userId);
      if (member.deletedAt) {
        throw new AppError(ErrorCode.UserDeleted, 'Restore the user before granting access');
      }
      if (!isTeamMemberRole(member.role)) {
        throw new AppError(
          ErrorCode.TeamMemberNotManager,
          'Only managers and administrators can be given access to a linked company',
        );
      }
      if (await this.access.grant(member.id, company.id, principal.userId)) {
        await this.record(principal, 'team_members.access.granted', member.id, company.id);
        this.logger.log(`User ${principal.userId} granted ${member.id} access to ${company.id}`);
      }
    });
  }

  /**
   * Takes a team member's access away; their login stays. Nobody gives up their own grant
   * while no other manager or administrator holds one, or the company could not be managed.
   * @throws AppError NOT_FOUND, LINKED_COMPANY_NOT_GRANTED, LINKED_COMPANY_LAST_GRANT
   */
  async revoke(principal: Principal, userId: string, companyId: string): Promise<void> {
    await this.db.transaction(async () => {
      const company = await this.loadGranted(principal, companyId);
      const member = await this.loadMember(principal, userId);
      if (member.id === principal.userId) {
        await this.assertAnotherHolder(member.id, company.id);
      }
      if (await this.access.revoke(member.id, company.id)) {
        await this.record(principal, 'team_members.access.revoked', member.id, company.id);
        this.logger.log(`User ${principal.userId} revoked ${member.id}'s access to ${company.id}`);
      }
    });
  }

  /**
   * In a linked company: the parent's managers and administrators, and whether each holds a
   * grant for it. A company without a parent has no team members: the list is empty.
   */
  async withAccess(
    principal: Principal,
    query: Record<string, unknown>,
  ): Promise<ListPage<TeamMemberAccessResponseDto>> {
    const listQuery = parseListQuery(query, ACCESS_LIST);
    const company = assertFound(
      await this.companies.findActive(principal.actingCompanyId),
      'Company not found',
    );
    const members = company.parentCompanyId
      ? await this.users.findByRoles(company.parentCompanyId, TEAM_MEMBER_ROLES)
      : [];
    const holders = new Set(await this.access.holdersOf(company.id));
    const ordered = listQuery.sort.descending ? members.reverse() : members;

    return pageOf(
      ordered.map((m) => ({
        id: m.id,
        first_name: m.firstName,
        last_name: m.lastName,
        email: m.email,
        role: m.role,
        has_access: holders.has(m.id),
      })),
      listQuery,
    );
  }

  /** A linked company of the acting company that the caller holds a grant for. */
  private async loadGranted(principal: Principal, companyId: string): Promise<CompanyView> {
    const company = assertFound(
      await this.links.findLinked(principal.actingCompanyId, companyId),
      'Linked company not found',
    );
    if (!principal.userId || !(await this.access.holds(principal.userId, company.id))) {
      throw notGranted();
    }

    return company;
  }

  /** A user of the acting company, deleted or not; 404 for anyone else's. */
  private async loadMember(principal: Principal, userId: string): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user || user.companyId !== principal.actingCompanyId) {
      throw new AppError(ErrorCode.NotFound, 'User not found');
    }

    return user;
  }

  private async assertAnotherHolder(userId: string, companyId: string): Promise<void> {
    const others = (await this.access.holdersOf(companyId)).filter((id) => id !== userId);
    const holders = await this.users.findByIds(others);
    const canManage = holders.some(
      (u) => u.status === UserStatus.Active && !u.deletedAt && isTeamMemberRole(u.role),
    );
    if (!canManage) {
      throw new AppError(
        ErrorCode.LinkedCompanyLastGrant,
        'Grant another manager or administrator access before giving up your own',
      );
    }
  }

  private record(
    principal: Principal,
    event: string,
    userId: string,
    companyId: string,
  ): Promise<void> {
    return this.audit.record({
      companyId: principal.actingCompanyId,
      actor: { type: principal.kind, principal },
      event,
      action: 'update',
      target: { type: 'user', id: userId },
      changes: { company_id: companyId },
    });
  }
}
