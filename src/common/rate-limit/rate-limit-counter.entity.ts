import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A fixed-window counter of the database rate-limit store; expired rows are swept. */
@Entity({ name: 'rate_limit_counters' })
export class RateLimitCounter {
  /** `<bucket>:<sha-256 of the subject>`, so no email or address is stored in clear. */
  @PrimaryColumn({ name: 'counter_key', type: 'varchar', length: 128 })
  counterKey!: string;

  @Column({ type: 'int' })
  hits!: number;

  @Index()
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt!: Date;
}
