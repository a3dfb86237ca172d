import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A team member's explicit access to one linked company (product.md §3.5): a user of the parent
 * company may manage the linked company while they hold this and are a manager or administrator.
 */
@Entity({ name: 'team_member_grants' })
export class TeamMemberGrant {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Index()
  @PrimaryColumn({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  /** Who gave it: a holder of the same grant, or the administrator who created the company. */
  @Column({ name: 'granted_by', type: 'varchar', length: 36, nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
