import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A company's API key. Only the key's SHA-256 is stored, under a unique index, so a request's
 * key is found by one indexed lookup and a database leak reveals no usable key.
 */
@Entity({ name: 'api_keys' })
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index({ unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  /** The key's last 4 characters, so people can tell their keys apart. */
  @Column({ name: 'key_hint', type: 'varchar', length: 4 })
  keyHint!: string;

  /** Kept up to date within a minute; see ApiKeysService.touch. */
  @Column({ name: 'last_used_at', type: 'datetime', nullable: true })
  lastUsedAt!: Date | null;

  /** A revoked key stays listed and never works again. */
  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
