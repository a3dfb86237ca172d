import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user linked to one IdP subject of one provider: how returning people are recognised. */
@Entity({ name: 'sso_identities' })
@Index(['providerId', 'subject'], { unique: true })
export class SsoIdentity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId!: string;

  /** The ID token's `sub`, unique per issuer (OIDC Core §2). */
  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Index()
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Column({ name: 'last_login_at', type: 'datetime', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
