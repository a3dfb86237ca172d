import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { TokenResponseDto } from 'src/auth/dto/auth-responses.dto';
import { LoginSsoDto } from 'src/auth/dto/login-sso.dto';
import { LoginCode } from 'src/auth/entities/login-code.entity';
import { SessionsService } from 'src/auth/sessions.service';
import { hashToken, randomToken } from 'src/common/crypto/tokens';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { newId } from 'src/common/ids';
import { CompaniesService } from 'src/companies/companies.service';
import { Database } from 'src/database/database.service';
import { UsersService, UserStatus } from 'src/users/users.service';
import { IsNull, MoreThan } from 'typeorm';

const CODE_TTL_MS = 60 * 1000;

/** Who a code signs in: the user, and the company they act in (their own unless given). */
export interface LoginCodeSubject {
  id: string;
  companyId: string;
}

const invalidCode = (): AppError =>
  new AppError(ErrorCode.LoginCodeInvalid, 'The sign-in code is unknown, used or expired');

/**
 * The hand-over at the end of a browser sign-in (SSO or Google): the callback issues a one-time
 * code and redirects the browser to the dashboard with it; the dashboard trades it for a token.
 * Tokens never travel in a URL.
 */
@Injectable()
export class LoginCodesService {
  private readonly logger = new Logger(LoginCodesService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  /** A code valid for 60 seconds and one use; only its hash is stored. */
  async issue(
    user: LoginCodeSubject,
    method: string,
    actingCompanyId = user.companyId,
  ): Promise<string> {
    const code = randomToken();
    await this.db.repo(LoginCode).insert({
      id: newId(),
      codeHash: hashToken(code),
      userId: user.id,
      actingCompanyId,
      method,
      expiresAt: new Date(Date.now() + CODE_TTL_MS),
      usedAt: null,
    });

    return code;
  }

  /**
   * Trades a code for a login token. The conditional update makes it single use even when two
   * requests race; the user and companies must still be active.
   * @throws AppError LOGIN_CODE_INVALID (401) when unknown, used, expired or no longer valid.
   */
  async redeem(dto: LoginSsoDto): Promise<TokenResponseDto> {
    const codes = this.db.repo(LoginCode);
    const found = await codes.findOneBy({ codeHash: hashToken(dto.code) });
    const claimed =
      found &&
      (await codes.update(
        { id: found.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        { usedAt: new Date() },
      ));
    if (!found || !claimed || claimed.affected !== 1) {
      throw invalidCode();
    }
    const user = await this.users.findById(found.userId);
    const home = user && (await this.companies.findActive(user.companyId));
    const acting = home && (await this.companies.findActive(found.actingCompanyId));
    if (!user || user.status !== UserStatus.Active || !acting) {
      throw invalidCode();
    }

    const issued = await this.sessions.issue(user, found.actingCompanyId, found.method);
    await this.users.recordLogin(user.id);
    await this.audit.record({
      companyId: found.actingCompanyId,
      actor: {
        type: 'user',
        id: user.id,
        name: `${user.firstName} ${user.lastName}`,
        companyId: user.companyId,
      },
      event: 'auth.login.succeeded',
      action: 'login',
      target: { type: 'user', id: user.id },
      changes: { method: found.method },
    });
    this.logger.log(`User ${user.id} signed in with a one-time code (${found.method})`);

    return { message: 'Login successful', ...issued };
  }
}
