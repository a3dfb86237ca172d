import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { Role } from 'src/common/auth/principal';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { newId } from 'src/common/ids';
import { CompaniesService } from 'src/companies/companies.service';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { SsoIdentity } from 'src/sso/entities/sso-identity.entity';
import { SsoProfile } from 'src/sso/providers/sso-plugin';
import { SsoLoginError } from 'src/sso/sso-login.error';
import { SsoLoginFailure, SsoProviderView } from 'src/sso/sso.types';
import { UsersService, UserStatus } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';

/** How the person was found: already linked, matched by email, or just created. */
export type AccountMatch = 'linked' | 'email' | 'provisioned';

export interface ResolvedAccount {
  readonly user: UserView;
  readonly match: AccountMatch;
}

const NAME_LENGTH = 100;

/** Who an IdP subject is here: linking, matching by email and just-in-time provisioning. */
@Injectable()
export class SsoAccountsService {
  private readonly logger = new Logger(SsoAccountsService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly users: UsersService,
  ) {}

  /**
   * The user of the provider's company that a verified login names:
   *   1. the user linked to (provider, subject);
   *   2. else the company's user with the login's email, when the IdP verified the email or
   *      its domain is one of the provider's; then linked;
   *   3. else a new user with the provider's default role, when just-in-time provisioning is
   *      on and the email is free; then linked;
   *   4. else refused.
   * Deleted companies and inactive users are refused. Joins the caller's transaction.
   * @throws SsoLoginError
   */
  async resolve(
    provider: SsoProviderView,
    subject: string,
    profile: SsoProfile,
  ): Promise<ResolvedAccount> {
    if (!(await this.companies.findActive(provider.companyId))) {
      throw new SsoLoginError(SsoLoginFailure.CompanyInactive, 'the company is deleted');
    }

    const account =
      (await this.findLinked(provider, subject)) ??
      (await this.matchByEmail(provider, profile)) ??
      (await this.provision(provider, profile));
    if (account.user.status !== UserStatus.Active) {
      throw new SsoLoginError(
        SsoLoginFailure.AccountInactive,
        `user ${account.user.id} is inactive`,
      );
    }
    if (account.match !== 'linked') {
      await this.link(provider, subject, account.user);
    }

    return account;
  }

  private async findLinked(provider: SsoProviderView, subject: string) {
    const identity = await this.db
      .repo(SsoIdentity)
      .findOneBy({ providerId: provider.id, subject });
    const user = identity && (await this.users.findById(identity.userId));
    if (!identity || !user || user.companyId !== provider.companyId) {
      return null;
    }
    await this.db.repo(SsoIdentity).update({ id: identity.id }, { lastLoginAt: new Date() });

    return { user, match: 'linked' } satisfies ResolvedAccount;
  }

  // an unverified address only counts on a domain the company says its IdP vouches for
  private async matchByEmail(provider: SsoProviderView, profile: SsoProfile) {
    const email = profile.email;
    const isTrusted =
      email !== null &&
      (profile.isEmailVerified || provider.domains.includes(email.slice(email.indexOf('@') + 1)));
    const user = isTrusted ? await this.users.findByEmail(email) : null;

    return user && user.companyId === provider.companyId
      ? ({ user, match: 'email' } satisfies ResolvedAccount)
      : null;
  }

  private async provision(
    provider: SsoProviderView,
    profile: SsoProfile,
  ): Promise<ResolvedAccount> {
    if (!provider.jitProvisioning) {
      throw new SsoLoginError(SsoLoginFailure.AccountNotFound, 'no matching user, JIT is off');
    }
    const email = profile.email;
    if (!email) {
      throw new SsoLoginError(SsoLoginFailure.EmailMissing, 'the IdP sent no email address');
    }

    let user: UserView;
    try {
      user = await this.users.create({
        companyId: provider.companyId,
        email,
        firstName: (profile.firstName ?? email.slice(0, email.indexOf('@'))).slice(0, NAME_LENGTH),
        lastName: (profile.lastName ?? '').slice(0, NAME_LENGTH),
        // never an administrator, whatever the row says
        role: provider.defaultRole === Role.Administrator ? Role.User : provider.defaultRole,
        passwordHash: null,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.EmailTaken) {
        throw new SsoLoginError(
          SsoLoginFailure.AccountNotFound,
          'the email has an unlinkable account',
        );
      }
      throw error;
    }
    await this.audit.record({
      companyId: provider.companyId,
      actor: { type: 'system' },
      event: 'sso.user.provisioned',
      action: 'create',
      target: { type: 'user', id: user.id },
      changes: { provider_id: provider.id, email, role: user.role },
    });

    return { user, match: 'provisioned' };
  }

  private async link(provider: SsoProviderView, subject: string, user: UserView): Promise<void> {
    try {
      await this.db.repo(SsoIdentity).insert({
        id: newId(),
        providerId: provider.id,
        subject,
        userId: user.id,
        companyId: provider.companyId,
        lastLoginAt: new Date(),
      });
    } catch (error) {
      // two first sign-ins of one subject at once: the other one linked it
      if (isUniqueViolation(error)) {
        return;
      }
      throw error;
    }
    this.logger.log(`Linked OIDC subject of provider ${provider.id} to user ${user.id}`);
  }
}
