import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One Google sign-in under way, between the redirect to Google and the callback: 10 minutes,
 * single use, readable by every process. It is bound to the browser that started it by a cookie
 * whose hash is kept here, so a callback URL cannot sign a different browser in.
 */
@Entity({ name: 'google_logins' })
export class GoogleLogin {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'state_hash', type: 'varchar', length: 64 })
  stateHash!: string;

  @Column({ name: 'browser_hash', type: 'varchar', length: 64 })
  browserHash!: string;

  @Column({ type: 'varchar', length: 64 })
  nonce!: string;

  /** The PKCE verifier, sealed with SecretBox. */
  @Column({ name: 'code_verifier_sealed', type: 'text' })
  codeVerifierSealed!: string;

  /** Set when the sign-in finishes a registration started by email link. */
  @Column({ name: 'registration_id', type: 'varchar', length: 36, nullable: true })
  registrationId!: string | null;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
