import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only: nothing updates or deletes an entry except the retention job. Ids are UUIDv7,
 * so (company, id) serves "newest first" and the export's keyset pages, (company, created_at)
 * the date filters, and created_at alone the retention job.
 */
@Entity({ name: 'audit_logs' })
@Index(['companyId', 'createdAt'])
@Index(['companyId', 'id'])
export class AuditLog {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The company the event happened in (the acting company after a switch). */
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true })
  companyId!: string | null;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 255, nullable: true })
  actorName!: string | null;

  /** The actor's own company, which differs from companyId when acting in a linked company. */
  @Column({ name: 'actor_company_id', type: 'varchar', length: 36, nullable: true })
  actorCompanyId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  event!: string;

  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 36, nullable: true })
  targetId!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  changes!: object | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Index()
  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
