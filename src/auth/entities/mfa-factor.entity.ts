import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user's TOTP authenticator: pending until a first code confirms it, then 2FA is on. */
@Entity({ name: 'mfa_factors' })
export class MfaFactor {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** The base32 TOTP secret, sealed with SecretBox (AES-256-GCM). */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed!: string;

  @Column({ name: 'confirmed_at', type: 'datetime', nullable: true })
  confirmedAt!: Date | null;

  /** The newest accepted TOTP time step: a code is accepted only for a later step (replay). */
  @Column({ name: 'last_used_step', type: 'int', default: 0 })
  lastUsedStep!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
