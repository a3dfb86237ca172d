import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SessionsService } from 'src/auth/sessions.service';
import { Authenticator } from 'src/common/auth/authenticator';
import { CompanyTier, Principal } from 'src/common/auth/principal';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { CompaniesService } from 'src/companies/companies.service';
import { RolesService } from 'src/users/roles.service';
import { UsersService, UserStatus } from 'src/users/users.service';

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
    const home = await this.companies.findActive(user.companyId);
    const acting =
      session.actingCompanyId === user.companyId
        ? home
        : await this.companies.findActive(session.actingCompanyId);
    if (!home || !acting) {
      throw invalid();
    }
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
}
