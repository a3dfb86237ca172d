import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A one-time code that a browser sign-in (SSO or Google) hands the dashboard, which trades it for
 * a token at POST /api/v1/login/sso: 60 seconds, single use, only its SHA-256 stored.
 */
@Entity({ name: 'login_codes' })
export class LoginCode {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'acting_company_id', type: 'varchar', length: 36 })
  actingCompanyId!: string;

  /** The session method the code starts: sso, google. */
  @Column({ type: 'varchar', length: 16 })
  method!: string;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
