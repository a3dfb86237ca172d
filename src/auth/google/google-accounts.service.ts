import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { GoogleRegistrationDto } from 'src/auth/dto/google.dto';
import { MessageResponseDto } from 'src/auth/dto/reset-password.dto';
import { ExternalIdentity } from 'src/auth/entities/external-identity.entity';
import { GoogleRegistration } from 'src/auth/entities/google-registration.entity';
import { GoogleProfile } from 'src/auth/google/google-oidc.adapter';
import { GoogleSignInError } from 'src/auth/google/google-sign-in.error';
import { Role } from 'src/common/auth/principal';
import { hashToken, randomToken } from 'src/common/crypto/tokens';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { newId } from 'src/common/ids';
import { RateLimiter, tooManyRequests } from 'src/common/rate-limit/rate-limiter.service';
import { CompaniesService } from 'src/companies/companies.service';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { MailService } from 'src/mail/mail.service';
import { MailTemplates } from 'src/mail/mail.templates';
import { normalizeEmail, UsersService, UserStatus } from 'src/users/users.service';
import { UserView } from 'src/users/users.types';
import { IsNull, MoreThan } from 'typeorm';

const PROVIDER = 'google';
const REGISTRATION_TTL_MS = 24 * 60 * 60 * 1000;
/** Registration links per email address and hour. */
const REGISTRATION_MAILS = { limit: 3, windowSeconds: 60 * 60 };

const actorOf = (user: UserView) => ({
  type: 'user' as const,
  id: user.id,
  name: `${user.firstName} ${user.lastName}`,
  companyId: user.companyId,
});

/**
 * Who a Google account is here: a user already linked to its id; else, the first time, the user
 * with the same (Google-verified) email, who gets linked; else nobody, because registering with
 * Google starts with an emailed link (product.md 1.2), and then a new company and its
 * administrator are created for it.
 */
@Injectable()
export class GoogleAccountsService {
  private readonly logger = new Logger(GoogleAccountsService.name);

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly limiter: RateLimiter,
    private readonly mail: MailService,
    private readonly users: UsersService,
  ) {}

  /**
   * Step one of registering with Google: the email to associate gets a link that starts the
   * Google sign-in. @throws AppError EMAIL_TAKEN when an account already uses the email.
   */
  async requestRegistration(dto: GoogleRegistrationDto): Promise<MessageResponseDto> {
    if (!this.config.google) {
      throw new AppError(ErrorCode.NotFound, 'Google sign-in is not enabled');
    }
    const email = normalizeEmail(dto.email);
    if (await this.users.findCredentialsByEmail(email)) {
      throw new AppError(ErrorCode.EmailTaken, 'An account with this email already exists');
    }
    const budget = await this.limiter.hit('google-registration-mails', email, REGISTRATION_MAILS);
    if (budget.isExceeded) {
      throw tooManyRequests(budget.resetAt, 'A link was sent several times already; check mail');
    }

    const token = randomToken();
    await this.db.repo(GoogleRegistration).insert({
      id: newId(),
      tokenHash: hashToken(token),
      email,
      companyName: dto.company_name,
      expiresAt: new Date(Date.now() + REGISTRATION_TTL_MS),
      usedAt: null,
    });
    const link = `${this.config.publicUrl}/auth/google/register?token=${token}`;
    await this.mail.send(MailTemplates.googleRegistration(email, dto.company_name, link));
    await this.audit.record({
      companyId: null,
      actor: { type: 'anonymous' },
      event: 'auth.google.registration_requested',
      action: 'other',
      changes: { email, company_name: dto.company_name },
    });

    return { message: 'We sent a link to this address: open it to continue with Google' };
  }

  /** The live registration behind an emailed link, or null. */
  async findRegistration(token: string): Promise<{ id: string; email: string } | null> {
    const registration = await this.db.repo(GoogleRegistration).findOneBy({
      tokenHash: hashToken(token),
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });

    return registration && { id: registration.id, email: registration.email };
  }

  /** @throws GoogleSignInError with the reason the person cannot sign in. */
  async resolve(profile: GoogleProfile, registrationId: string | null): Promise<UserView> {
    const user = registrationId
      ? await this.register(profile, registrationId)
      : await this.findOrLink(profile);
    const company = await this.companies.findActive(user.companyId);
    if (user.status !== UserStatus.Active || !company) {
      throw new GoogleSignInError('account_inactive', `User ${user.id} or its company is inactive`);
    }
    await this.db
      .repo(ExternalIdentity)
      .update(
        { provider: PROVIDER, subject: profile.subject },
        { email: profile.email, name: profile.name, avatarUrl: profile.avatarUrl },
      );

    return user;
  }

  private async findOrLink(profile: GoogleProfile): Promise<UserView> {
    const identity = await this.db
      .repo(ExternalIdentity)
      .findOneBy({ provider: PROVIDER, subject: profile.subject });
    const linked = identity && (await this.users.findById(identity.userId));
    if (linked) {
      return linked;
    }

    const email = this.verifiedEmail(profile);
    const user = await this.users.findCredentialsByEmail(email);
    if (!user) {
      throw new GoogleSignInError('google_not_registered', 'No account uses this Google email');
    }
    if (await this.db.repo(ExternalIdentity).existsBy({ provider: PROVIDER, userId: user.id })) {
      throw new GoogleSignInError('google_account_mismatch', 'Another Google account is linked');
    }
    await this.link(user, profile);
    await this.audit.record({
      companyId: user.companyId,
      actor: actorOf(user),
      event: 'auth.google.linked',
      action: 'create',
      target: { type: 'user', id: user.id },
      changes: { email },
    });
    this.logger.log(`Linked a Google account to user ${user.id}`);

    return user;
  }

  /** Step two of registering with Google: the company and its administrator, without password. */
  private async register(profile: GoogleProfile, registrationId: string): Promise<UserView> {
    const email = this.verifiedEmail(profile);
    const registration = await this.db.repo(GoogleRegistration).findOneBy({ id: registrationId });
    if (!registration || registration.email !== email) {
      throw new GoogleSignInError(
        'registration_email_mismatch',
        'The Google account is not the one the registration link was sent to',
      );
    }

    try {
      return await this.db.transaction(() => this.createAccount(profile, registration));
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.EmailTaken) {
        throw new GoogleSignInError('email_taken', 'An account already uses this email');
      }
      throw error;
    }
  }

  private async createAccount(
    profile: GoogleProfile,
    registration: GoogleRegistration,
  ): Promise<UserView> {
    const claimed = await this.db
      .repo(GoogleRegistration)
      .update(
        { id: registration.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        { usedAt: new Date() },
      );
    if (claimed.affected !== 1) {
      throw new GoogleSignInError('registration_invalid', 'The registration link was used');
    }
    const company = await this.companies.create({ name: registration.companyName });
    const user = await this.users.create({
      companyId: company.id,
      email: registration.email,
      firstName: profile.givenName ?? profile.name ?? registration.email.split('@')[0],
      lastName: profile.familyName ?? '',
      role: Role.Administrator,
      passwordHash: null,
    });
    await this.link(user, profile);
    await this.audit.record({
      companyId: company.id,
      actor: actorOf(user),
      event: 'auth.registered',
      action: 'create',
      target: { type: 'company', id: company.id },
      changes: { company_name: company.name, email: user.email, method: 'google' },
    });
    this.logger.log(`Registered company ${company.id} through Google`);

    return user;
  }

  private async link(user: UserView, profile: GoogleProfile): Promise<void> {
    try {
      await this.db.repo(ExternalIdentity).insert({
        id: newId(),
        userId: user.id,
        provider: PROVIDER,
        subject: profile.subject,
        email: profile.email,
        name: profile.name,
        avatarUrl: profile.avatarUrl,
      });
    } catch (error) {
      // the Google account is already someone's, or this user got linked meanwhile
      if (isUniqueViolation(error)) {
        throw new GoogleSignInError('google_account_in_use', 'The Google account is linked');
      }
      throw error;
    }
  }

  private verifiedEmail(profile: GoogleProfile): string {
    if (!profile.email || !profile.isEmailVerified) {
      throw new GoogleSignInError('email_not_verified', 'Google has not verified the email');
    }

    return normalizeEmail(profile.email);
  }
}
