import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { RateLimitCounter } from 'src/common/rate-limit/rate-limit-counter.entity';
import { RateLimitStore, RateLimitWindow } from 'src/common/rate-limit/rate-limit.store';
import { Database } from 'src/database/database.service';
import { LessThanOrEqual, MoreThan } from 'typeorm';

const SWEEP_INTERVAL_MS = 5 * 60 * 1000;
const DEADLOCK_RETRIES = 3;

// One statement increments a live window or restarts an expired one. SQLite evaluates every SET
// expression against the old row; MySQL left to right, so `hits` is set before `expires_at`
// changes and both read the old expiry.
const UPSERT = {
  sqlite: `INSERT INTO rate_limit_counters (counter_key, hits, expires_at) VALUES (?, 1, ?)
    ON CONFLICT (counter_key) DO UPDATE SET
      hits = CASE WHEN rate_limit_counters.expires_at <= ? THEN 1
        ELSE rate_limit_counters.hits + 1 END,
      expires_at = CASE WHEN rate_limit_counters.expires_at <= ? THEN excluded.expires_at
        ELSE rate_limit_counters.expires_at END`,
  mysql: `INSERT INTO rate_limit_counters (counter_key, hits, expires_at) VALUES (?, 1, ?)
    ON DUPLICATE KEY UPDATE
      hits = IF(expires_at <= ?, 1, hits + 1),
      expires_at = IF(expires_at <= ?, ?, expires_at)`,
};

/** TypeORM's own datetime format, which both drivers store and compare as UTC. */
const sqlDatetime = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

const isDeadlock = (error: unknown): boolean => {
  const e = error as { code?: string; driverError?: { code?: string } };

  return (e?.driverError?.code ?? e?.code) === 'ER_LOCK_DEADLOCK';
};

/**
 * The default store: a row per counter in `rate_limit_counters`, incremented by one upsert and
 * read back in the same transaction, so the count is exact on SQLite and MySQL alike.
 */
export class DatabaseRateLimitStore implements RateLimitStore, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseRateLimitStore.name);
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly db: Database) {}

  async increment(key: string, windowSeconds: number): Promise<RateLimitWindow> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(() => this.upsert(key, windowSeconds));
      } catch (error) {
        // InnoDB may pick two first hits on a new key as deadlock victims; a retry succeeds
        if (!isDeadlock(error) || attempt >= DEADLOCK_RETRIES) {
          throw error;
        }
      }
    }
  }

  async get(key: string): Promise<RateLimitWindow | null> {
    const row = await this.db
      .repo(RateLimitCounter)
      .findOneBy({ counterKey: key, expiresAt: MoreThan(new Date()) });

    return row ? { hits: row.hits, resetAt: row.expiresAt } : null;
  }

  async delete(key: string): Promise<void> {
    await this.db.repo(RateLimitCounter).delete({ counterKey: key });
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Deletes expired counters so the table holds only live windows. */
  async sweep(): Promise<void> {
    try {
      await this.db.repo(RateLimitCounter).delete({ expiresAt: LessThanOrEqual(new Date()) });
    } catch (error) {
      this.logger.error('Sweeping expired rate-limit counters failed', error as Error);
    }
  }

  private async upsert(key: string, windowSeconds: number): Promise<RateLimitWindow> {
    const now = new Date();
    const nowSql = sqlDatetime(now);
    const expiresSql = sqlDatetime(new Date(now.getTime() + windowSeconds * 1000));
    const params =
      this.db.kind === 'sqlite'
        ? [key, expiresSql, nowSql, nowSql]
        : [key, expiresSql, nowSql, nowSql, expiresSql];
    const counters = this.db.repo(RateLimitCounter);
    await counters.query(UPSERT[this.db.kind], params);
    const row = await counters.findOneByOrFail({ counterKey: key });

    return { hits: row.hits, resetAt: row.expiresAt };
  }
}
