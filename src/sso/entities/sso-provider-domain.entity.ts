import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per domain a provider lists: the primary key makes a domain belong to one provider
 * on the whole platform, and `GET /api/v1/sso/discover` looks it up here.
 */
@Entity({ name: 'sso_provider_domains' })
export class SsoProviderDomain {
  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain!: string;

  @Index()
  @Column({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;
}
