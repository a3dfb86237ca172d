import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A login between the redirect to the IdP and its callback, keyed by the hash of the `state`
 * handle, so any process can finish it. Used once, and only within its ten minutes.
 */
@Entity({ name: 'sso_login_transactions' })
export class SsoLoginTransaction {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'state_hash', type: 'varchar', length: 64 })
  stateHash!: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ type: 'varchar', length: 64 })
  nonce!: string;

  /** The PKCE code verifier, SecretBox-sealed. */
  @Column({ name: 'code_verifier_sealed', type: 'text' })
  codeVerifierSealed!: string;

  /** Hash of the browser-binding cookie the login started with. */
  @Column({ name: 'binding_hash', type: 'varchar', length: 64 })
  bindingHash!: string;

  /** A dashboard URL to land on (third-party-initiated `target_link_uri`), if any. */
  @Column({ type: 'varchar', length: 2048, nullable: true })
  target!: string | null;

  @Index()
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'consumed_at', type: 'datetime', nullable: true })
  consumedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
