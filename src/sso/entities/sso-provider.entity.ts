import { Role } from 'src/common/auth/principal';
import { SsoProviderType } from 'src/sso/sso.types';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A company's connection to one OpenID Provider. `version` grows with every change, so every
 * process notices an edit made by another one and rebuilds its cached strategy.
 */
@Entity({ name: 'sso_providers' })
@Index(['companyId', 'name'], { unique: true })
export class SsoProvider {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: SsoProviderType;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'base_url', type: 'varchar', length: 500 })
  baseUrl!: string;

  /** The issuer ID tokens must name; for Entra, the GUID form once discovery resolved it. */
  @Column({ type: 'varchar', length: 500 })
  issuer!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 255, nullable: true })
  clientId!: string | null;

  /** SecretBox-sealed (AES-256-GCM with a key id); never returned or logged. */
  @Column({ name: 'client_secret_sealed', type: 'text', nullable: true })
  clientSecretSealed!: string | null;

  @Column({ type: 'boolean', default: false })
  enabled!: boolean;

  @Column({ name: 'jit_provisioning', type: 'boolean', default: false })
  jitProvisioning!: boolean;

  @Column({ name: 'default_role', type: 'varchar', length: 32, default: Role.User })
  defaultRole!: Role;

  @Column({ name: 'enforce_sso', type: 'boolean', default: false })
  enforceSso!: boolean;

  /** Lower-cased email domains this provider vouches for; see SsoProviderDomain. */
  @Column({ type: 'simple-json' })
  domains!: string[];

  @Column({ type: 'int', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
