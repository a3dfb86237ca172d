import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per issued login token: the token carries this id, so revoking the row stops the
 * token in every process at once.
 */
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'acting_company_id', type: 'varchar', length: 36 })
  actingCompanyId!: string;

  /** How the session began: password, mfa, sso, google, switch. */
  @Column({ type: 'varchar', length: 16 })
  method!: string;

  /** The user's token version when the session began; see User.tokenVersion. */
  @Column({ name: 'token_version', type: 'int' })
  tokenVersion!: number;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
