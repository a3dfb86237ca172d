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
import { In, IsNull, MoreThan } from 'typeorm';

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

  /** The users among `ids` that exist, in no particular order; one query. */
  async findByIds(ids: readonly string[]): Promise<UserView[]> {
    if (ids.length === 0) {
      return [];
    }
    const users = await this.db.repo(User).findBy({ id: In([...ids]) });

    return users.map(toView);
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

  private async assertEmailFree(email: string): Promise<void> {
    if (await this.db.repo(User).existsBy({ email })) {
      throw emailTaken();
    }
  }
}
