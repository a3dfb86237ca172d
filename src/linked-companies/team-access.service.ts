import { Injectable } from '@nestjs/common';
import { Role } from 'src/common/auth/principal';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { CompanyView } from 'src/companies/companies.types';
import { CompanyLinksService } from 'src/companies/company-links.service';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { TeamMemberGrant } from 'src/linked-companies/entities/team-member-grant.entity';
import { In } from 'typeorm';

/** The roles a team member needs, besides a grant, to manage a linked company (§3.4). */
export const TEAM_MEMBER_ROLES: readonly Role[] = [Role.Administrator, Role.Manager];

export const isTeamMemberRole = (role: Role): boolean => TEAM_MEMBER_ROLES.includes(role);

/** A user as the access rule needs them. */
export interface TeamMember {
  id: string;
  companyId: string;
  role: Role;
}

export const notGranted = (): AppError =>
  new AppError(
    ErrorCode.LinkedCompanyNotGranted,
    'You have not been granted access to this linked company',
  );

/**
 * Who may manage which linked company: the grants, and the one rule that reads them. A user
 * acts in a company other than their own only while it is live and linked to their company,
 * they are a manager or administrator, and they hold a grant for it. The authenticator asks
 * this on every request of a switched session, so a revoked grant or an unlink stops it at once.
 */
@Injectable()
export class TeamAccessService {
  constructor(
    private readonly db: Database,
    private readonly links: CompanyLinksService,
  ) {}

  async mayActIn(user: TeamMember, company: CompanyView): Promise<boolean> {
    if (company.id === user.companyId) {
      return true;
    }
    if (
      company.deletedAt ||
      company.parentCompanyId !== user.companyId ||
      !isTeamMemberRole(user.role)
    ) {
      return false;
    }

    return this.holds(user.id, company.id);
  }

  /**
   * The linked company `user` may switch into.
   * @throws AppError NOT_FOUND (not linked to the user's company), LINKED_COMPANY_NOT_GRANTED
   */
  async enterable(user: TeamMember, companyId: string): Promise<CompanyView> {
    const company = assertFound(
      await this.links.findLinked(user.companyId, companyId),
      'Company not found',
    );
    if (!(await this.mayActIn(user, company))) {
      throw notGranted();
    }

    return company;
  }

  holds(userId: string, companyId: string): Promise<boolean> {
    return this.db.repo(TeamMemberGrant).existsBy({ userId, companyId });
  }

  /** user id → the ids of the companies they hold grants for. */
  async companiesOf(userIds: string[]): Promise<Map<string, string[]>> {
    const rows =
      userIds.length > 0 ? await this.db.repo(TeamMemberGrant).findBy({ userId: In(userIds) }) : [];
    const byUser = new Map<string, string[]>();
    for (const row of rows) {
      byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.companyId].sort());
    }

    return byUser;
  }

  /** The ids of the users holding a grant for the company. */
  async holdersOf(companyId: string): Promise<string[]> {
    const rows = await this.db.repo(TeamMemberGrant).findBy({ companyId });

    return rows.map((row) => row.userId);
  }

  /** Gives the grant; false when the user already held it. */
  async grant(userId: string, companyId: string, grantedBy: string | null): Promise<boolean> {
    if (await this.holds(userId, companyId)) {
      return false;
    }
    try {
      await this.db.repo(TeamMemberGrant).insert({ userId, companyId, grantedBy });
    } catch (error) {
      // two grants racing: the primary key keeps one
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }

    return true;
  }

  /** Takes the grant away; false when the user did not hold it. */
  async revoke(userId: string, companyId: string): Promise<boolean> {
    const result = await this.db.repo(TeamMemberGrant).delete({ userId, companyId });

    return (result.affected ?? 0) > 0;
  }

  /** Removes every grant for the company; returns whose they were. */
  async revokeAll(companyId: string): Promise<string[]> {
    const holders = await this.holdersOf(companyId);
    await this.db.repo(TeamMemberGrant).delete({ companyId });

    return holders.sort();
  }
}
