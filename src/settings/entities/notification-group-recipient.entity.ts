import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A user of the group's company (userId set: their current email is used) or any email address
 * (email set). The unique indexes refuse the same user or address twice in a group; NULLs do not
 * collide, on either database.
 */
@Entity({ name: 'notification_group_recipients' })
@Index(['groupId', 'userId'], { unique: true })
@Index(['groupId', 'email'], { unique: true })
export class NotificationGroupRecipient {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'group_id', type: 'varchar', length: 36 })
  groupId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
