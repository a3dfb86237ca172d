import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { BreachedPasswordsClient } from 'src/auth/breached-passwords.adapter';
import { ChangePasswordDto, ForgotPasswordDto } from 'src/auth/dto/password.dto';
import { MessageResponseDto, ResetPasswordDto } from 'src/auth/dto/reset-password.dto';
import { LoginThrottle } from 'src/auth/login-throttle.service';
import { PasswordHasher } from 'src/auth/password-hasher.adapter';
import { unmetPasswordRules } from 'src/auth/password-policy';
import { SessionsService } from 'src/auth/sessions.service';
import { Principal } from 'src/common/auth/principal';
import { AppError, assertFound, validationError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { invalidInput } from 'src/common/http/strict-validation.pipe';
import { RateLimiter } from 'src/common/rate-limit/rate-limiter.service';
import { CompaniesService } from 'src/companies/companies.service';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { MailService } from 'src/mail/mail.service';
import { MailTemplates } from 'src/mail/mail.templates';
import { PasswordTokenPurpose, UsersService, UserStatus } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';

/** Reset emails per account and hour; more requests still answer 202 but send nothing. */
const RESET_MAILS = { limit: 5, windowSeconds: 60 * 60 };

const actorOf = (user: UserView) => ({
  type: 'user' as const,
  id: user.id,
  name: `${user.firstName} ${user.lastName}`,
  companyId: user.companyId,
});

/** Password rules and breach check, forgot/reset by emailed link, and changing one's own. */
@Injectable()
export class PasswordsService {
  private readonly logger = new Logger(PasswordsService.name);

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly breached: BreachedPasswordsClient,
    private readonly companies: CompaniesService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly mail: MailService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly users: UsersService,
  ) {}

  /**
   * The product's rules (every unmet one on `field`), then the breach check, then the argon2id
   * hash. An unreachable range service accepts the password with a warning, or refuses it with
   * 503 when BREACHED_PASSWORDS_FAIL_CLOSED is set.
   */
  async hashAcceptablePassword(password: string, field: string): Promise<string> {
    const unmet = unmetPasswordRules(password);
    if (unmet.length > 0) {
      throw invalidInput(unmet.map((message) => ({ field, message })));
    }

    const breach = await this.breached.check(password);
    if (breach === 'breached') {
      throw validationError(field, 'has appeared in a data breach; choose another password');
    }
    if (breach === 'unavailable' && this.config.breachedPasswordsFailClosed) {
      throw new AppError(
        ErrorCode.PasswordCheckUnavailable,
        'The password could not be checked against known breaches; try again later',
      );
    }
    if (breach === 'unavailable') {
      this.logger.warn('Accepted a password without the breach check: the service is unreachable');
    }

    return this.hasher.hash(password);
  }

  /**
   * Answers the same, after the same work, whether or not the email has an account: the lookup
   * is the only step on the response path, and the link is made and mailed afterwards.
   */
  async requestReset(dto: ForgotPasswordDto): Promise<MessageResponseDto> {
    const user = await this.users.findCredentialsByEmail(dto.email);
    this.inBackground('Sending a reset link', () => this.sendResetLink(user));

    return { message: 'If an account uses this email, a reset link is on its way' };
  }

  /**
   * Sets a password through an emailed link. A refused password leaves the link usable; a used
   * link ends every session of the user, and makes the place it was used from a known source
   * for the sign-in limits (so a locked-out owner gets back in).
   */
  async resetPassword(dto: ResetPasswordDto): Promise<MessageResponseDto> {
    const passwordHash = await this.hashAcceptablePassword(dto.password, 'password');

    const user = await this.users.setPasswordWithToken(dto.token, passwordHash);
    await this.throttle.recordProvenSource(user.email);
    await this.audit.record({
      companyId: user.companyId,
      actor: actorOf(user),
      event: 'auth.password.reset',
      action: 'update',
      target: { type: 'user', id: user.id },
    });

    return { message: 'Your password has been set' };
  }

  /**
   * Changes the caller's own password. A wrong current password counts as a failed sign-in;
   * the change ends every other session of the user and keeps the caller's.
   */
  async changePassword(principal: Principal, dto: ChangePasswordDto): Promise<void> {
    if (dto.password !== dto.password_confirmation) {
      throw validationError('password_confirmation', 'must match password');
    }
    const view = assertFound(await this.users.findById(principal.userId ?? ''), 'User not found');
    const user = assertFound(await this.users.findCredentialsByEmail(view.email));

    await this.throttle.assertAllowed(user.email);
    if (!(await this.hasher.verify(user.passwordHash, dto.current_password))) {
      await this.throttle.recordFailure(user.email);
      throw validationError('current_password', 'is incorrect');
    }
    const passwordHash = await this.hashAcceptablePassword(dto.password, 'password');

    await this.db.transaction(async () => {
      const tokenVersion = await this.users.setPassword(user.id, passwordHash);
      await this.sessions.adoptTokenVersion(principal.sessionId ?? '', tokenVersion);
      await this.audit.record({
        companyId: user.companyId,
        actor: { type: 'user', principal },
        event: 'auth.password.changed',
        action: 'update',
        target: { type: 'user', id: user.id },
      });
    });
    this.inBackground('Sending a password-change notice', () =>
      this.mail.send(MailTemplates.passwordChanged(user.email)),
    );
  }

  private async sendResetLink(user: UserView | null): Promise<void> {
    if (!user || user.status !== UserStatus.Active) {
      return;
    }
    const company = await this.companies.findActive(user.companyId);
    const budget = await this.limiter.hit('reset-mails', user.id, RESET_MAILS);
    if (!company || budget.isExceeded) {
      this.logger.warn(`No reset link sent to user ${user.id}: company gone or mail limit hit`);

      return;
    }

    const token = await this.users.issuePasswordToken(user.id, PasswordTokenPurpose.Reset);
    const link = `${this.config.publicUrl}/password/reset?token=${encodeURIComponent(token)}`;
    await this.mail.send(MailTemplates.resetPassword(user.email, link));
    await this.audit.record({
      companyId: user.companyId,
      actor: { type: 'anonymous' },
      event: 'auth.password.forgot',
      action: 'other',
      target: { type: 'user', id: user.id },
    });
  }

  /** Work the response does not wait for; failures are logged, never shown to the caller. */
  private inBackground(what: string, work: () => Promise<void>): void {
    work().catch((error: unknown) => this.logger.error(`${what} failed`, error as Error));
  }
}
