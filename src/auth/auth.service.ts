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
import { RegisterDto } from 'src/auth/dto/register.dto';
import { MessageResponseDto, ResetPasswordDto } from 'src/auth/dto/reset-password.dto';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { unmetPasswordRules } from 'src/auth/password-policy';
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
import { UsersService, UserStatus } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';

const fullName = (u: { firstName: string; lastName: string }): string =>
  `${u.firstName} ${u.lastName}`;

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
    private readonly sessions: SessionsService,
    @Inject(PASSWORD_LOGIN_POLICY) private readonly loginPolicy: PasswordLoginPolicy,
  ) {}

  /** A new company with the registrant as its first administrator, atomically. */
  async register(dto: RegisterDto): Promise<RegisterResponseDto> {
    const passwordHash = await this.hashAcceptablePassword(dto.password, 'password');

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
        actor: { type: 'user', id: user.id, name: dto.first_name, companyId: company.id },
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
   * Same answer, and the same hashing work, for an unknown email as for a wrong password. A
   * right password of someone whose company enforces SSO gets 403 with the URL to use instead.
   */
  async login(dto: LoginDto): Promise<TokenResponseDto> {
    const user = await this.users.findCredentialsByEmail(dto.email);
    const passwordOk = await this.hasher.verify(user?.passwordHash, dto.password);
    const company = user && passwordOk ? await this.companies.findActive(user.companyId) : null;
    if (!user || !passwordOk || user.status !== UserStatus.Active || !company) {
      await this.recordRefusedLogin(user, 'auth.login.failed');
      throw wrongCredentials();
    }
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

    const issued = await this.sessions.issue(user, user.companyId, 'password');
    await this.users.recordLogin(user.id);
    await this.audit.record({
      companyId: user.companyId,
      actor: { type: 'user', id: user.id, name: fullName(user), companyId: user.companyId },
      event: 'auth.login.succeeded',
      action: 'login',
      target: { type: 'user', id: user.id },
      changes: { method: 'password' },
    });
    this.logger.log(`User ${user.id} signed in with a password`);

    return { message: 'Login successful', ...issued };
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
   * Sets a password through an emailed link. A refused password leaves the link usable; a used
   * link ends every session of the user.
   */
  async resetPassword(dto: ResetPasswordDto): Promise<MessageResponseDto> {
    const passwordHash = await this.hashAcceptablePassword(dto.password, 'password');
    const user = await this.users.setPasswordWithToken(dto.token, passwordHash);
    await this.audit.record({
      companyId: user.companyId,
      actor: { type: 'user', id: user.id, name: fullName(user), companyId: user.companyId },
      event: 'auth.password.reset',
      action: 'update',
      target: { type: 'user', id: user.id },
    });

    return { message: 'Your password has been set' };
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

  /** The product's password rules, every unmet one on `field`; then the argon2id hash. */
  private async hashAcceptablePassword(password: string, field: string): Promise<string> {
    const unmet = unmetPasswordRules(password);
    if (unmet.length > 0) {
      throw invalidInput(unmet.map((message) => ({ field, message })));
    }

    return this.hasher.hash(password);
  }

  async me(principal: Principal): Promise<MeResponseDto> {
    const user = assertFound(await this.users.findById(principal.userId ?? ''), 'User not found');
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
}
