import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { TestApp } from 'test/support/test-app';
import { DataSource } from 'typeorm';

/** The audit entries of one event (optionally about one target), oldest first. */
export function auditEntries(t: TestApp, event: string, targetId?: string): Promise<AuditLog[]> {
  return t.app
    .get(DataSource)
    .getRepository(AuditLog)
    .find({ where: { event, ...(targetId ? { targetId } : {}) }, order: { createdAt: 'ASC' } });
}
