import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { sqlDatetime } from 'src/audit/sql-datetime';
import { AppConfig } from 'src/config/app-config';
import { Database } from 'src/database/database.service';
import { In } from 'typeorm';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per delete: short statements, so the job never holds long locks on a busy table. */
export const RETENTION_BATCH_SIZE = 1000;

/**
 * Enforces AUDIT_RETENTION_DAYS. Every process runs the job; that is safe because a delete is
 * idempotent: two processes picking the same batch delete it once, and each moves on to the
 * next batch until none is left.
 */
@Injectable()
export class AuditRetentionService {
  private readonly logger = new Logger(AuditRetentionService.name);

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'audit-retention' })
  async purgeOnSchedule(): Promise<void> {
    try {
      await this.purgeExpired();
    } catch (error) {
      this.logger.error('Audit retention run failed', error instanceof Error ? error.stack : '');
    }
  }

  /** Deletes the entries older than the retention period; returns how many this call removed. */
  async purgeExpired(now = new Date()): Promise<number> {
    const days = this.config.auditRetentionDays;
    if (days === 0) {
      return 0;
    }
    const cutoff = sqlDatetime(new Date(now.getTime() - days * DAY_MS));
    const repo = this.db.repo(AuditLog);

    let deleted = 0;
    for (;;) {
      const batch = await repo
        .createQueryBuilder('a')
        .select('a.id', 'id')
        .where('a.createdAt < :cutoff', { cutoff })
        .limit(RETENTION_BATCH_SIZE)
        .getRawMany<{ id: string }>();
      if (batch.length === 0) {
        break;
      }
      const result = await repo.delete({ id: In(batch.map((row) => row.id)) });
      deleted += result.affected ?? 0;
    }
    if (deleted > 0) {
      this.logger.log(`Deleted ${deleted} audit entries older than ${days} days`);
    }

    return deleted;
  }
}
