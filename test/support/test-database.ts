import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A database of its own for one test file: a temporary SQLite file, or, when the MariaDB script
 * set TEST_MYSQL_URL (a server URL with rights to create databases), a fresh database there.
 */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function mysqlAdmin(serverUrl: string, sql: string): Promise<void> {
  const uri = serverUrl.replace(/^mariadb:/, 'mysql:');
  const connection = await createConnection({ uri, connectTimeout: 5000 });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_MYSQL_URL;
  if (server) {
    const name = `t_${Date.now()}_${randomBytes(4).toString('hex')}`;
    await mysqlAdmin(
      server,
      `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const url = new URL(server);
    url.pathname = `/${name}`;

    return {
      url: url.toString(),
      drop: () => mysqlAdmin(server, `DROP DATABASE IF EXISTS ${name}`),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'pwi-test-'));

  return {
    url: `sqlite:${join(dir, 'test.sqlite')}`,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}
