import { Role } from 'src/common/auth/principal';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum UserStatus {
  Active = 'active',
  Inactive = 'inactive',
}

@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  /** Lower-cased; unique across the platform because sign-in is by email alone. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ type: 'varchar', length: 16, default: UserStatus.Active })
  status!: UserStatus;

  /** Platform operators (made from the CLI), not staff of their company. */
  @Column({ name: 'is_support', type: 'boolean', default: false })
  isSupport!: boolean;

  @Column({ name: 'mfa_enabled', type: 'boolean', default: false })
  mfaEnabled!: boolean;

  /** The SSO provider this person last signed in through, if any. */
  @Column({ name: 'sso_provider_id', type: 'varchar', length: 36, nullable: true })
  ssoProviderId!: string | null;

  /**
   * Bumped to end every session of the user at once (password reset, deactivation): a session
   * is live only while it carries the current value.
   */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt!: Date | null;

  /**
   * Set by a soft delete (status `inactive`), cleared by a restore. A restored user stays
   * inactive until they set a password; a deleted one cannot use any password link.
   */
  @Column({ name: 'deleted_at', type: 'datetime', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
