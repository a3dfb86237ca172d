import type { AreaGrants } from 'src/common/auth/permission-areas';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A company's own role (the role manager, enterprise tier): view or edit per area. It sits on
 * top of a user's built-in role and decides the areas it lists.
 */
@Entity({ name: 'custom_roles' })
@Index(['companyId', 'name'], { unique: true })
export class CustomRole {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  /** `{area: level}`; an area left out is left to the built-in role. */
  @Column({ type: 'simple-json' })
  grants!: AreaGrants;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
