import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { TokenResponseDto } from 'src/auth/dto/auth-responses.dto';
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

export const LOGIN_CODE_TTL_MS = 60 * 1000;
/** Used and expired codes are kept a day for the logout that ends their session. */
export const LOGIN_CODE_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface IssuedLoginCode {
  /** The code itself: goes to the browser once, never stored. */
  code: string;
  id: string;
}

const invalidCode = (): AppError =>
  new AppError(ErrorCode.LoginCodeInvalid, 'The sign-in code is unknown, used or expired');

/**
 * One-time login codes: how a browser flow that proved who someone is (an SSO callback) hands
 * a session to the dashboard without putting a token in a URL.
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

  /** A code for `userId` acting in their own company; joins the caller's transaction. */
  async issue(user: { id: string; companyId: string }, method: string): Promise<IssuedLoginCode> {
    const code = randomToken();
    const now = Date.now();
    const id = newId();
    await this.db.repo(LoginCode).insert({
      id,
      codeHash: hashToken(code),
      userId: user.id,
      actingCompanyId: user.companyId,
      method,
      expiresAt: new Date(now + LOGIN_CODE_TTL_MS),
      usedAt: null,
      sessionId: null,
    });

    return { code, id };
  }

  /**
   * Trades a code for a login token, once: the conditional update lets one of two racing
   * requests win. The user and company must still be active.
   * @throws AppError LOGIN_CODE_INVALID
   */
  async redeem(code: string): Promise<TokenResponseDto> {
    return this.db.transaction(async () => {
      const codes = this.db.repo(LoginCode);
      const found = await codes.findOneBy({ codeHash: hashToken(code) });
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
      const company = user && (await this.companies.findActive(found.actingCompanyId));
      if (!user || user.status !== UserStatus.Active || !company) {
        throw invalidCode();
      }

      const issued = await this.sessions.issueSession(user, found.actingCompanyId, found.method);
      await codes.update({ id: found.id }, { sessionId: issued.sessionId });
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
      this.logger.log(`User ${user.id} signed in with a one-time ${found.method} code`);

      return { message: 'Login successful', token: issued.token, expires_in: issued.expires_in };
    });
  }

  /** Ends the session a code was traded for, if it was. */
  async endSession(codeId: string): Promise<void> {
    const found = await this.db.repo(LoginCode).findOneBy({ id: codeId });
    if (found?.sessionId) {
      await this.sessions.revoke(found.sessionId);
    }
  }
}
