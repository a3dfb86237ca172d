import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who holds a custom role: at most one per user, so the user id is the key. */
@Entity({ name: 'custom_role_assignments' })
export class CustomRoleAssignment {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Index()
  @Column({ name: 'role_id', type: 'varchar', length: 36 })
  roleId!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
