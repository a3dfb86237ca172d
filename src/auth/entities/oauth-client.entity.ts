import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A machine client of the OAuth 2 client-credentials grant: a company credential like an API
 * key, traded for short-lived access tokens. The secret is stored as its SHA-256 only.
 */
@Entity({ name: 'oauth_clients' })
export class OAuthClient {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The public identifier the client sends as `client_id`. */
  @Index({ unique: true })
  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
