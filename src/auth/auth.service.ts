import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import {
  MeResponseDto,
  RegisteredCompanyDto,
  RegisteredUserDto,
  RegisterResponseDto,
  TokenResponseDto,
} from 'src/auth/dto/auth-responses.dto';
import { LoginDto } from 'src/auth/dto/login.dto';
import { LoginMfaDto, MfaChallengeResponseDto } from 'src/auth/dto/mfa.dto';
import { RegisterDto } from 'src/auth/dto/register.dto';
import { UpdateMeDto } from 'src/auth/dto/update-me.dto';
import { LoginThrottle } from 'src/auth/login-throttle.service';
import { MfaService } from 'src/auth/mfa.service';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { PasswordsService } from 'src/auth/passwords.service';
import { SessionsService } from 'src/auth/sessions.service';
import {
  PASSWORD_LOGIN_POLICY,
  type PasswordLoginPolicy,
} from 'src/common/auth/password-login-policy';
import { Principal, Role } from 'src/common/auth/principal';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { invalidInput } from 'src/common/http/strict-validation.pipe';
import { CompaniesService } from 'src/companies/companies.service';
import { Database } from 'src/database/database.service';
import { MailService } from 'src/mail/mail.service';
import { MailTemplates } from 'src/mail/mail.templates';
import { UsersService, UserStatus } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';

const fullName = (u: { firstName: string; lastName: string }): string =>
  `${u.firstName} ${u.lastName}`;

const userActor = (user: UserView) => ({
  type: 'user' as const,
  id: user.id,
  name: fullName(user),
  companyId: user.companyId,
});

const wrongCredentials = (): AppError =>
  new AppError(ErrorCode.InvalidCredentials, 'The email or password is incorrect');

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailService,
    private readonly mfa: MfaService,
    private readonly passwords: PasswordsService,
    private readonly sessions: SessionsService,
    @Inject(PASSWORD_LOGIN_POLICY) private readonly loginPolicy: PasswordLoginPolicy,
    private readonly throttle: LoginThrottle,
  ) {}

  /** A new company with the registrant as its first administrator, atomically. */
  async register(dto: RegisterDto): Promise<RegisterResponseDto> {
    const passwordHash = await this.passwords.hashAcceptablePassword(dto.password, 'password');

    const { user, company } = await this.db.transaction(async () => {
      const company = await this.companies.create({ name: dto.company_name });
      const user = await this.users.create({
        companyId: company.id,
        email: dto.email,
        firstName: dto.first_name,
        lastName: dto.last_name,
        role: Role.Administrator,
        passwordHash,
      });
      await this.audit.record({
        companyId: company.id,
        actor: { type: 'user', id: user.id, name: fullName(user), companyId: company.id },
        event: 'auth.registered',
        action: 'create',
        target: { type: 'company', id: company.id },
        changes: { company_name: company.name, email: user.email },
      });

      return { user, company };
    });

    return { user: RegisteredUserDto.from(user), company: RegisteredCompanyDto.from(company) };
  }

  /**
   * Same answer, and the same hashing work, for an unknown email as for a wrong password; both
   * count towards the account's lock (see LoginThrottle), which is checked first. A right
   * password of someone whose company enforces SSO gets 403 with the URL to use instead.
   */
  async login(dto: LoginDto): Promise<TokenResponseDto | MfaChallengeResponseDto> {
    await this.throttle.assertAllowed(dto.email);
    const user = await this.users.findCredentialsByEmail(dto.email);
    const passwordOk = await this.hasher.verify(user?.passwordHash, dto.password);
    const company = user && passwordOk ? await this.companies.findActive(user.companyId) : null;
    if (!user || !passwordOk || user.status !== UserStatus.Active || !company) {
      return this.refuseLogin(dto.email, user, 'password');
    }
    // checked only after a right password, so it tells nothing about which emails exist
    const ssoUrl = await this.loginPolicy.ssoUrlFor(user);
    if (ssoUrl) {
      await this.recordRefusedLogin(user, 'auth.login.sso_required');
      throw new AppError(
        ErrorCode.SsoRequired,
        'Your company signs in through its identity provider',
        {
          extensions: { sso_url: ssoUrl },
        },
      );
    }

    if (await this.mfa.isEnabled(user.id)) {
      await this.audit.record({
        companyId: user.companyId,
        actor: userActor(user),
        event: 'auth.login.mfa_required',
        action: 'other',
        target: { type: 'user', id: user.id },
      });

      return this.mfa.createChallenge(user);
    }

    return this.completeLogin(user, 'password');
  }

  private async recordRefusedLogin(user: UserView | null, event: string): Promise<void> {
    await this.audit.record({
      companyId: user?.companyId ?? null,
      actor: user
        ? { type: 'user', id: user.id, name: fullName(user), companyId: user.companyId }
        : { type: 'anonymous' },
      event,
      action: 'refuse',
      target: user ? { type: 'user', id: user.id } : undefined,
    });
  }

  /**
   * The second step of a sign-in with 2FA: the `mfa_token` of the password step and a TOTP code
   * or a recovery code. Wrong codes count towards the account lock like wrong passwords; the
   * token works once, and not after the password was reset in between.
   */
  async loginWithMfa(dto: LoginMfaDto): Promise<TokenResponseDto> {
    if ((dto.code === undefined) === (dto.recovery_code === undefined)) {
      throw invalidInput([{ field: 'code', message: 'send either code or recovery_code' }]);
    }
    const challenge = await this.mfa.findChallenge(dto.mfa_token);
    const user = challenge && (await this.users.findById(challenge.userId));
    if (!challenge || !user || user.tokenVersion !== challenge.tokenVersion) {
      throw new AppError(ErrorCode.MfaTokenInvalid, 'The sign-in has expired; start again');
    }

    await this.throttle.assertAllowed(user.email);
    const factor = await this.mfa.verifySecondFactor(user.id, {
      code: dto.code,
      recoveryCode: dto.recovery_code,
    });
    if (!factor) {
      return this.refuseLogin(user.email, user, 'mfa_code');
    }
    const company = await this.companies.findActive(user.companyId);
    if (!(await this.mfa.consumeChallenge(challenge.id))) {
      throw new AppError(ErrorCode.MfaTokenInvalid, 'The sign-in has expired; start again');
    }
    if (user.status !== UserStatus.Active || !company) {
      throw wrongCredentials();
    }

    return this.completeLogin(user, 'mfa', { second_factor: factor });
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId) {
      await this.sessions.revoke(principal.sessionId);
    }
    await this.audit.record({
      companyId: principal.actingCompanyId,
      actor: { type: principal.kind, principal },
      event: 'auth.logout',
      action: 'logout',
      target: principal.userId ? { type: 'user', id: principal.userId } : undefined,
    });
  }

  async me(principal: Principal): Promise<MeResponseDto> {
    if (!principal.userId) {
      throw new AppError(ErrorCode.Forbidden, 'API keys and machine clients have no user profile');
    }
    const user = assertFound(await this.users.findById(principal.userId), 'User not found');
    const home = assertFound(await this.companies.findActive(principal.companyId));
    const acting =
      principal.actingCompanyId === home.id
        ? home
        : assertFound(await this.companies.findActive(principal.actingCompanyId));

    return {
      id: user.id,
      email: user.email,
      first_name: user.firstName,
      last_name: user.lastName,
      role: principal.role,
      company: { id: home.id, name: home.name },
      acting_company: { id: acting.id, name: acting.name },
      mfa_enabled: user.mfaEnabled,
      sso_provider_id: user.ssoProviderId,
    };
  }

  /**
   * Changes the caller's own name or sign-in email. An email change takes effect at once, as the
   * product's account settings describe, and the old address is told.
   * @throws AppError EMAIL_TAKEN when another account uses the new email.
   */
  async updateMe(principal: Principal, dto: UpdateMeDto): Promise<MeResponseDto> {
    const before = assertFound(await this.users.findById(principal.userId ?? ''), 'User not found');

    const after = await this.db.transaction(async () => {
      const updated = await this.users.updateDetails(before.id, {
        firstName: dto.first_name,
        lastName: dto.last_name,
        email: dto.email,
      });
      const fields = { email: 'email', first_name: 'firstName', last_name: 'lastName' } as const;
      const changes = Object.fromEntries(
        Object.entries(fields)
          .filter(([, key]) => before[key] !== updated[key])
          .map(([name, key]) => [name, { from: before[key], to: updated[key] }]),
      );
      if (Object.keys(changes).length > 0) {
        await this.audit.record({
          companyId: principal.companyId,
          actor: { type: 'user', principal },
          event: 'auth.account.updated',
          action: 'update',
          target: { type: 'user', id: before.id },
          changes,
        });
      }

      return updated;
    });
    if (after.email !== before.email) {
      this.mail
        .send(MailTemplates.emailChanged(before.email, after.email))
        .catch((error: unknown) => this.logger.error('Email-change notice failed', error as Error));
    }

    return this.me(principal);
  }

  /** Counts the failure, audits it (and a lock it causes), and answers 401. */
  private async refuseLogin(
    email: string,
    user: UserView | null,
    reason: 'password' | 'mfa_code',
  ): Promise<never> {
    const isNowLocked = await this.throttle.recordFailure(email);
    const entry = {
      companyId: user?.companyId ?? null,
      actor: user ? userActor(user) : ({ type: 'anonymous' } as const),
      target: user ? { type: 'user', id: user.id } : undefined,
    };
    await this.audit.record({
      ...entry,
      event: 'auth.login.failed',
      action: 'refuse',
      changes: { reason },
    });
    if (isNowLocked) {
      this.logger.warn(
        `Password sign-in locked for ${user ? `user ${user.id}` : 'an unknown email'}`,
      );
      await this.audit.record({ ...entry, event: 'auth.login.locked', action: 'refuse' });
    }
    throw wrongCredentials();
  }

  private async completeLogin(
    user: UserView,
    method: string,
    details: Record<string, unknown> = {},
  ): Promise<TokenResponseDto> {
    const issued = await this.sessions.issue(user, user.companyId, method);
    await this.users.recordLogin(user.id);
    await this.throttle.recordSuccess(user.email);
    await this.audit.record({
      companyId: user.companyId,
      actor: userActor(user),
      event: 'auth.login.succeeded',
      action: 'login',
      target: { type: 'user', id: user.id },
      changes: { method, ...details },
    });
    this.logger.log(`User ${user.id} signed in (${method})`);

    return { message: 'Login successful', ...issued };
  }
}
