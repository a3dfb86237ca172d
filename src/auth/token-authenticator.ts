import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SessionsService } from 'src/auth/sessions.service';
import { Authenticator } from 'src/common/auth/authenticator';
import { CompanyTier, Principal } from 'src/common/auth/principal';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { CompaniesService } from 'src/companies/companies.service';
import { CompanyView } from 'src/companies/companies.types';
import { TeamAccessService } from 'src/linked-companies/team-access.service';
import { RolesService } from 'src/users/roles.service';
import { UsersService, UserStatus } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';

const invalid = (): AppError =>
  new AppError(ErrorCode.Unauthenticated, 'The credentials are invalid or have expired');

/** `Authorization: Bearer <token>`: a login token whose session, user and company are live. */
@Injectable()
export class TokenAuthenticator implements Authenticator {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly companies: CompaniesService,
    private readonly roles: RolesService,
    private readonly teamAccess: TeamAccessService,
  ) {}

  async authenticate(req: Request): Promise<Principal | null> {
    const header = req.header('authorization');
    if (!header) {
      return null;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const session = match ? await this.sessions.findLive(match[1]) : null;
    if (!session) {
      throw invalid();
    }
    const user = await this.users.findById(session.userId);
    // a password reset or deactivation bumps the version, ending every older session
    if (!user || user.status !== UserStatus.Active || user.tokenVersion !== session.tokenVersion) {
      throw invalid();
    }
    const { home, acting } = await this.companiesOf(user, session.actingCompanyId);
    // custom roles are an enterprise feature of the user's own company
    const customGrants =
      acting.id === home.id && acting.tier === CompanyTier.Enterprise
        ? await this.roles.grantsOf(user.id)
        : undefined;

    return {
      kind: 'user',
      userId: user.id,
      sessionId: session.id,
      companyId: user.companyId,
      actingCompanyId: session.actingCompanyId,
      role: user.role,
      isSupport: user.isSupport,
      name: `${user.firstName} ${user.lastName}`,
      actingCompanyTier: acting.tier,
      actingCompanyAddOns: acting.addOns,
      customGrants,
    };
  }

  /**
   * The user's own company and the one the session acts in, both live. A switched session
   * lasts only while the grant behind it, the link and the member's role do.
   */
  private async companiesOf(
    user: UserView,
    actingCompanyId: string,
  ): Promise<{ home: CompanyView; acting: CompanyView }> {
    const home = await this.companies.findActive(user.companyId);
    const acting =
      actingCompanyId === user.companyId ? home : await this.companies.findActive(actingCompanyId);
    if (!home || !acting) {
      throw invalid();
    }
    if (acting.id !== home.id && !(await this.teamAccess.mayActIn(user, acting))) {
      throw new AppError(
        ErrorCode.SwitchedAccessEnded,
        'Your access to this company has ended; use a token of your own company or sign in again',
      );
    }

    return { home, acting };
  }
}
