import { Injectable, Logger } from '@nestjs/common';
import { Role } from 'src/common/auth/principal';
import { hashToken, randomToken } from 'src/common/crypto/tokens';
import { AppError, assertFound } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { newId } from 'src/common/ids';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { PasswordToken, PasswordTokenPurpose } from 'src/users/entities/password-token.entity';
import { User, UserStatus } from 'src/users/entities/user.entity';
import { UserCredentials, UserView } from 'src/users/users.types';
import { In, IsNull, MoreThan, Not } from 'typeorm';

export { PasswordTokenPurpose, UserStatus };

export interface CreateUserInput {
  companyId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  passwordHash?: string | null;
  status?: UserStatus;
  /** Platform support accounts only (made from the command line). */
  isSupport?: boolean;
}

export interface UserDetailsChanges {
  firstName?: string;
  lastName?: string;
  email?: string;
}

const PASSWORD_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

const linkInvalid = (): AppError =>
  new AppError(ErrorCode.PasswordLinkInvalid, 'This link has been used or has expired');

const emailTaken = (): AppError =>
  new AppError(ErrorCode.EmailTaken, 'An account with this email already exists');

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

function toView({ passwordHash: _hash, ...view }: User): UserView {
  return view;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(private readonly db: Database) {}

  /** @throws AppError EMAIL_TAKEN when any account already uses the email. */
  async create(input: CreateUserInput): Promise<UserView> {
    const email = normalizeEmail(input.email);
    await this.assertEmailFree(email);
    const user = this.db.repo(User).create({
      id: newId(),
      companyId: input.companyId,
      email,
      firstName: input.firstName,
      lastName: input.lastName,
      role: input.role,
      passwordHash: input.passwordHash ?? null,
      status: input.status ?? UserStatus.Active,
      isSupport: input.isSupport ?? false,
      mfaEnabled: false,
      ssoProviderId: null,
      tokenVersion: 0,
      lastLoginAt: null,
      deletedAt: null,
    });
    try {
      await this.db.repo(User).insert(user);
    } catch (error) {
      // two sign-ups racing for one email: the unique index decides
      if (isUniqueViolation(error)) {
        throw emailTaken();
      }
      throw error;
    }
    this.logger.log(`Created user ${user.id} in company ${user.companyId}`);

    return toView(user);
  }

  async findById(id: string): Promise<UserView | null> {
    const user = await this.db.repo(User).findOneBy({ id });

    return user ? toView(user) : null;
  }

  /** The account with this email on the whole platform (emails are unique), or null. */
  async findByEmail(email: string): Promise<UserView | null> {
    const user = await this.db.repo(User).findOneBy({ email: normalizeEmail(email) });

    return user ? toView(user) : null;
  }

  /** The users among `ids` that exist, in no particular order; one query. */
  async findByIds(ids: readonly string[]): Promise<UserView[]> {
    if (ids.length === 0) {
      return [];
    }
    const users = await this.db.repo(User).findBy({ id: In([...ids]) });

    return users.map(toView);
  }

  /** The company's users holding one of `roles`, deleted ones left out, by name. */
  async findByRoles(companyId: string, roles: readonly Role[]): Promise<UserView[]> {
    const users = await this.db.repo(User).findBy({
      companyId,
      role: In([...roles]),
      deletedAt: IsNull(),
    });
    const name = (u: User): string => `${u.firstName} ${u.lastName}`.toLowerCase();

    return users
      .sort((a, b) => name(a).localeCompare(name(b)) || a.id.localeCompare(b.id))
      .map(toView);
  }

  /** company id → the latest sign-in of any of its users, for the companies that have one. */
  async lastLoginsOf(companyIds: string[]): Promise<Map<string, Date>> {
    const rows =
      companyIds.length > 0
        ? await this.db.repo(User).find({
            select: { companyId: true, lastLoginAt: true },
            where: { companyId: In(companyIds), lastLoginAt: Not(IsNull()) },
          })
        : [];
    const latest = new Map<string, Date>();
    for (const { companyId, lastLoginAt } of rows) {
      const seen = latest.get(companyId);
      if (lastLoginAt && (!seen || lastLoginAt > seen)) {
        latest.set(companyId, lastLoginAt);
      }
    }

    return latest;
  }

  findCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    return this.db.repo(User).findOneBy({ email: normalizeEmail(email) });
  }

  /**
   * A single-use link token to choose a password, valid 24 hours. Only its hash is stored, and
   * it replaces any earlier unused token of the user, so only the newest email works.
   */
  async issuePasswordToken(userId: string, purpose: PasswordTokenPurpose): Promise<string> {
    const token = randomToken();
    const now = new Date();
    await this.db.transaction(async () => {
      await this.db.repo(PasswordToken).update({ userId, usedAt: IsNull() }, { usedAt: now });
      await this.db.repo(PasswordToken).insert({
        id: newId(),
        userId,
        tokenHash: hashToken(token),
        purpose,
        expiresAt: new Date(now.getTime() + PASSWORD_TOKEN_TTL_MS),
        usedAt: null,
      });
    });

    return token;
  }

  /**
   * Uses a password link: sets the password, activates the account (a restored user stays
   * inactive until this) and ends every session. The conditional update makes it single-use
   * even when two requests race, and a deleted user's links do not work.
   * @throws AppError PASSWORD_LINK_INVALID when the link is unknown, used or expired.
   */
  async setPasswordWithToken(token: string, passwordHash: string): Promise<UserView> {
    return this.db.transaction(async () => {
      const tokens = this.db.repo(PasswordToken);
      const found = await tokens.findOneBy({ tokenHash: hashToken(token) });
      const claimed =
        found &&
        (await tokens.update(
          { id: found.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
          { usedAt: new Date() },
        ));
      if (!found || !claimed || claimed.affected !== 1) {
        throw linkInvalid();
      }
      // a deleted user's links are dead: only a restore (and its new link) brings them back
      const updated = await this.db
        .repo(User)
        .update(
          { id: found.userId, deletedAt: IsNull() },
          { passwordHash, status: UserStatus.Active, tokenVersion: () => 'token_version + 1' },
        );
      if (updated.affected !== 1) {
        throw linkInvalid();
      }
      this.logger.log(`Password set for user ${found.userId} through a ${found.purpose} link`);

      return assertFound(await this.findById(found.userId), 'User not found');
    });
  }

  async recordLogin(id: string, at = new Date()): Promise<void> {
    await this.db.repo(User).update({ id }, { lastLoginAt: at });
  }

  /** Records the SSO provider the user last signed in through (`sso_provider_id` of /me). */
  async setSsoProvider(id: string, providerId: string): Promise<void> {
    await this.db.repo(User).update({ id }, { ssoProviderId: providerId });
  }

  /** Forgets a deleted provider on every user who last signed in through it. */
  async detachSsoProvider(providerId: string): Promise<void> {
    await this.db.repo(User).update({ ssoProviderId: providerId }, { ssoProviderId: null });
  }

  /**
   * Sets a new password hash and bumps the token version, ending every session; returns the new
   * version so the caller can keep the session it acts from.
   */
  async setPassword(id: string, passwordHash: string): Promise<number> {
    return this.db.transaction(async () => {
      await this.db
        .repo(User)
        .update({ id }, { passwordHash, tokenVersion: () => 'token_version + 1' });
      const user = assertFound(await this.db.repo(User).findOneBy({ id }), 'User not found');
      this.logger.log(`Password changed for user ${id}`);

      return user.tokenVersion;
    });
  }

  /**
   * Changes a user's name or sign-in email; an email stays unique across the platform.
   * @throws AppError EMAIL_TAKEN when another account uses the new email.
   */
  async updateDetails(id: string, changes: UserDetailsChanges): Promise<UserView> {
    const user = assertFound(await this.db.repo(User).findOneBy({ id }), 'User not found');
    const email = changes.email === undefined ? user.email : normalizeEmail(changes.email);
    if (email !== user.email) {
      await this.assertEmailFree(email);
    }
    const patch = {
      firstName: changes.firstName ?? user.firstName,
      lastName: changes.lastName ?? user.lastName,
      email,
    };
    try {
      await this.db.repo(User).update({ id }, patch);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw emailTaken();
      }
      throw error;
    }

    return toView({ ...user, ...patch });
  }

  /** Mirrors whether the user has confirmed two-factor authentication (owned by auth). */
  async setMfaEnabled(id: string, isEnabled: boolean): Promise<void> {
    await this.db.repo(User).update({ id }, { mfaEnabled: isEnabled });
  }

  private async assertEmailFree(email: string): Promise<void> {
    if (await this.db.repo(User).existsBy({ email })) {
      throw emailTaken();
    }
  }
}
