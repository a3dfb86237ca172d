import { newId } from 'src/common/ids';
import { DataSource } from 'typeorm';

export interface SeededAuditEntry {
  companyId: string;
  createdAt: Date;
  event?: string;
  action?: string;
  actorType?: string;
  actorId?: string | null;
  actorName?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  changes?: Record<string, unknown> | null;
}

const COLUMNS = [
  'id',
  'company_id',
  'actor_type',
  'actor_id',
  'actor_name',
  'event',
  'action',
  'target_type',
  'target_id',
  'changes',
  'ip',
  'user_agent',
  'created_at',
];
// SQLite allows 32766 bound parameters per statement; 13 columns x 500 rows stays well below
const ROWS_PER_INSERT = 500;

const datetime = (at: Date): string => at.toISOString().slice(0, 19).replace('T', ' ');

function rowValues(entry: SeededAuditEntry): unknown[] {
  return [
    newId(entry.createdAt.getTime()),
    entry.companyId,
    entry.actorType ?? 'user',
    entry.actorId ?? null,
    entry.actorName ?? 'Seeded Actor',
    entry.event ?? 'test.seeded',
    entry.action ?? 'other',
    entry.targetType ?? null,
    entry.targetId ?? null,
    entry.changes ? JSON.stringify(entry.changes) : null,
    '127.0.0.1',
    'seed',
    datetime(entry.createdAt),
  ];
}

/**
 * Inserts audit entries with chosen timestamps (the service stamps entries with the current
 * time), in multi-row statements inside one transaction, so thousands take well under a second.
 * Ids are UUIDv7 of each entry's own time, as the service would have made them. Returns the ids.
 */
export async function seedAuditEntries(
  dataSource: DataSource,
  entries: SeededAuditEntry[],
): Promise<string[]> {
  const rows = entries.map(rowValues);
  const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
  const quote = dataSource.options.type === 'better-sqlite3' ? '"' : '`';
  const columns = COLUMNS.map((c) => `${quote}${c}${quote}`).join(', ');
  await dataSource.transaction(async (manager) => {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      await manager.query(
        `INSERT INTO audit_logs (${columns}) VALUES ${chunk.map(() => placeholders).join(', ')}`,
        chunk.flat(),
      );
    }
  });

  return rows.map((row) => row[0] as string);
}
