import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An outside account a user signs in with (Google): its stable id and the profile fields the
 * product keeps (product.md 1.1: user id, name, email, avatar URL), refreshed at each sign-in.
 */
@Entity({ name: 'external_identities' })
@Index(['provider', 'subject'], { unique: true })
@Index(['provider', 'userId'], { unique: true })
export class ExternalIdentity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** `google` */
  @Column({ type: 'varchar', length: 16 })
  provider!: string;

  /** The provider's user id (`sub`). */
  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name!: string | null;

  @Column({ name: 'avatar_url', type: 'varchar', length: 2048, nullable: true })
  avatarUrl!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
