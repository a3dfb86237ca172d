import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A named list of email recipients of one company (product.md §4.2). */
@Entity({ name: 'notification_groups' })
@Index(['companyId', 'nameKey'], { unique: true })
export class NotificationGroup {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /**
   * The name trimmed and lower-cased: names are unique per company regardless of letter case,
   * on SQLite (case-sensitive) as on MySQL (case-insensitive collation).
   */
  @Column({ name: 'name_key', type: 'varchar', length: 100 })
  nameKey!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
