import { Injectable, Logger } from '@nestjs/common';
import { Role } from 'src/common/auth/principal';
import { AppError } from 'src/common/errors/app-error';
import { ErrorCode } from 'src/common/errors/error-codes';
import { newId } from 'src/common/ids';
import { Database } from 'src/database/database.service';
import { isUniqueViolation } from 'src/database/unique-violation';
import { User, UserStatus } from 'src/users/entities/user.entity';
import { UserCredentials, UserView } from 'src/users/users.types';

export { UserStatus };

export interface CreateUserInput {
  companyId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  passwordHash?: string | null;
  status?: UserStatus;
}

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

  async recordLogin(id: string, at = new Date()): Promise<void> {
    await this.db.repo(User).update({ id }, { lastLoginAt: at });
  }

  private async assertEmailFree(email: string): Promise<void> {
    if (await this.db.repo(User).existsBy({ email })) {
      throw emailTaken();
    }
  }
}
