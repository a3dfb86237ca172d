import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { TokenResponseDto } from 'src/auth/dto/auth-responses.dto';
import { SwitchCompanyDto } from 'src/auth/dto/switch-company.dto';
import { SessionsService } from 'src/auth/sessions.service';
import { Principal } from 'src/common/auth/principal';
import { assertFound } from 'src/common/errors/app-error';
import { CompaniesService } from 'src/companies/companies.service';
import { CompanyView } from 'src/companies/companies.types';
import { TeamAccessService } from 'src/linked-companies/team-access.service';
import { UsersService } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';

/**
 * Switching companies (product.md §2.3): a new session whose every read and write applies to a
 * linked company, with the team member's own role, and back. The session switched from stays
 * valid until it is logged out or expires; the authenticator re-checks the grant behind a
 * switched session on every request.
 */
@Injectable()
export class CompanySwitchService {
  private readonly logger = new Logger(CompanySwitchService.name);

  constructor(
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly sessions: SessionsService,
    private readonly teamAccess: TeamAccessService,
    private readonly users: UsersService,
  ) {}

  /**
   * A token acting in a linked company the caller holds a grant for (or in their own).
   * @throws AppError NOT_FOUND (not linked to the caller's company), LINKED_COMPANY_NOT_GRANTED
   */
  async switchTo(principal: Principal, dto: SwitchCompanyDto): Promise<TokenResponseDto> {
    const user = await this.loadUser(principal);
    const company =
      dto.company_id === user.companyId
        ? await this.loadHome(user)
        : await this.teamAccess.enterable(user, dto.company_id);

    return this.issue(principal, user, company);
  }

  /** A token acting in the caller's own company again. */
  async switchBack(principal: Principal): Promise<TokenResponseDto> {
    const user = await this.loadUser(principal);

    return this.issue(principal, user, await this.loadHome(user));
  }

  private async issue(
    principal: Principal,
    user: UserView,
    company: CompanyView,
  ): Promise<TokenResponseDto> {
    const issued = await this.sessions.issue(user, company.id, 'switch');
    await this.audit.record({
      companyId: company.id,
      actor: { type: principal.kind, principal },
      event: 'auth.company.switched',
      action: 'login',
      target: { type: 'company', id: company.id },
      changes: { acting_company_id: { from: principal.actingCompanyId, to: company.id } },
    });
    this.logger.log(`User ${user.id} switched to company ${company.id}`);

    return { message: `Now acting in ${company.name}`, ...issued };
  }

  private async loadUser(principal: Principal): Promise<UserView> {
    return assertFound(await this.users.findById(principal.userId ?? ''), 'User not found');
  }

  private async loadHome(user: UserView): Promise<CompanyView> {
    return assertFound(await this.companies.findActive(user.companyId), 'Company not found');
  }
}
