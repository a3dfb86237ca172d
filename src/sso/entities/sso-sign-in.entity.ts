import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A finished SSO sign-in, named by an HttpOnly cookie on the logout URL's path: what
 * `GET /sso/{id}/logout` needs to end the session and send `id_token_hint` to the IdP.
 */
@Entity({ name: 'sso_sign_ins' })
export class SsoSignIn {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'handle_hash', type: 'varchar', length: 64 })
  handleHash!: string;

  @Index()
  @Column({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** The one-time login code handed to the dashboard; the session is the one it became. */
  @Column({ name: 'login_code_id', type: 'varchar', length: 36 })
  loginCodeId!: string;

  /** The raw ID token, SecretBox-sealed, for `id_token_hint`. */
  @Column({ name: 'id_token_sealed', type: 'text' })
  idTokenSealed!: string;

  @Index()
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
