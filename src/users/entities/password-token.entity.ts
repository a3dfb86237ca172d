import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum PasswordTokenPurpose {
  /** Sent to a user an administrator created, or restored. */
  SetPassword = 'set_password',
  /** Sent by "forgot password" or by an administrator's reset. */
  Reset = 'reset',
}

/** A single-use link to choose a password; only its SHA-256 is stored. */
@Entity({ name: 'password_tokens' })
export class PasswordToken {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 16 })
  purpose!: PasswordTokenPurpose;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
