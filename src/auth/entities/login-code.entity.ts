import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A one-time code that a browser flow (an SSO callback) hands the dashboard, which trades it
 * for a token with `POST /api/v1/login/sso`. Only its SHA-256 is stored; single use, 60 s.
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

  /** How the person proved who they are (`sso`); becomes the session's method. */
  @Column({ type: 'varchar', length: 16 })
  method!: string;

  @Index()
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  /** The session the code was traded for, so the flow that issued it can end it. */
  @Column({ name: 'session_id', type: 'varchar', length: 36, nullable: true })
  sessionId!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
