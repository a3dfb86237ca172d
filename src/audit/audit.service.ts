import { Injectable } from '@nestjs/common';
import { AuditActor, AuditEntryInput } from 'src/audit/audit.types';
import { AuditLog } from 'src/audit/entities/audit-log.entity';
import { RequestContext } from 'src/common/http/request-context';
import { newId } from 'src/common/ids';
import { REDACTED_KEYS } from 'src/common/logging/json-logger';
import { Database } from 'src/database/database.service';

type ActorColumns = Pick<AuditLog, 'actorType' | 'actorId' | 'actorName' | 'actorCompanyId'>;

function actorColumns(actor: AuditActor): ActorColumns {
  if ('principal' in actor) {
    const p = actor.principal;

    return {
      actorType: actor.type,
      actorId: p.userId ?? p.credentialId ?? null,
      actorName: p.name,
      actorCompanyId: p.companyId,
    };
  }
  if ('id' in actor) {
    return {
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      actorCompanyId: actor.companyId,
    };
  }

  return { actorType: actor.type, actorId: null, actorName: null, actorCompanyId: null };
}

function withoutSecrets(changes: Record<string, unknown>): Record<string, unknown> {
  const secret = new Set(REDACTED_KEYS.map((k) => k.toLowerCase()));

  return Object.fromEntries(
    Object.entries(changes)
      .filter(([key]) => !secret.has(key.toLowerCase()))
      .map(([key, value]) => [
        key,
        value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
          ? withoutSecrets(value as Record<string, unknown>)
          : value,
      ]),
  );
}

/** Records security-relevant events; joins the caller's transaction when there is one. */
@Injectable()
export class AuditService {
  constructor(private readonly db: Database) {}

  async record(entry: AuditEntryInput): Promise<void> {
    const ctx = RequestContext.current();
    const repo = this.db.repo(AuditLog);
    await repo.insert(
      repo.create({
        id: newId(),
        companyId: entry.companyId,
        ...actorColumns(entry.actor),
        event: entry.event,
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        changes: entry.changes ? withoutSecrets(entry.changes) : null,
        ip: ctx?.ip ?? null,
        userAgent: ctx?.userAgent ?? null,
      }),
    );
  }
}
