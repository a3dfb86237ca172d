import { Role } from 'src/common/auth/principal';
import { UserStatus } from 'src/users/entities/user.entity';

export { UserStatus };

/** What other modules see of a user; the entity stays inside the users module. */
export interface UserView {
  readonly id: string;
  readonly companyId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly role: Role;
  readonly status: UserStatus;
  readonly isSupport: boolean;
  readonly mfaEnabled: boolean;
  readonly ssoProviderId: string | null;
  readonly tokenVersion: number;
  readonly lastLoginAt: Date | null;
  readonly createdAt: Date;
  readonly deletedAt: Date | null;
}

/** Includes the password hash: only for the auth module's credential checks. */
export interface UserCredentials extends UserView {
  readonly passwordHash: string | null;
}
