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
import { IsNull, MoreThan } from 'typeorm';

export { PasswordTokenPurpose, UserStatus };

export interface CreateUserInput {
  companyId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  passwordHash?: string | null;
  status?: UserStatus;
}

export interface UserDetailsChanges {
  firstName?: string;
  lastName?: string;
  email?: string;
}

const PASSWORD_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

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
      isSupport: false,
      mfaEnabled: false,
      ssoProviderId: null,
      tokenVersion: 0,
      lastLoginAt: null,
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
   * even when two requests race.
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
        throw new AppError(ErrorCode.PasswordLinkInvalid, 'This link has been used or has expired');
      }
      await this.db
        .repo(User)
        .update(
          { id: found.userId },
          { passwordHash, status: UserStatus.Active, tokenVersion: () => 'token_version + 1' },
        );
      this.logger.log(`Password set for user ${found.userId} through a ${found.purpose} link`);

      return assertFound(await this.findById(found.userId), 'User not found');
    });
  }

  async recordLogin(id: string, at = new Date()): Promise<void> {
    await this.db.repo(User).update({ id }, { lastLoginAt: at });
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
