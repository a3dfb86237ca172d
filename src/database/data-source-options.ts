import { MYSQL_MIGRATIONS } from 'src/database/migrations/mysql';
import { SQLITE_MIGRATIONS } from 'src/database/migrations/sqlite';
import type { DataSourceOptions } from 'typeorm';

/**
 * TypeORM options for a DATABASE_URL. Entities are registered by their modules
 * (autoLoadEntities) in the app, and listed by the CLI's ormconfig; migrations are per dialect.
 */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  if (databaseUrl.startsWith('sqlite:')) {
    return {
      type: 'better-sqlite3',
      database: databaseUrl.slice('sqlite:'.length),
      migrations: SQLITE_MIGRATIONS,
      // WAL lets readers proceed while a write is under way; foreign keys are off by default.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  const url = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));

  return {
    // TypeORM reads MariaDB's information schema differently (column defaults, JSON), so the
    // URL's scheme names the server: mysql:// for MySQL 8, mariadb:// for MariaDB.
    type: databaseUrl.startsWith('mariadb:') ? 'mariadb' : 'mysql',
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    migrations: MYSQL_MIGRATIONS,
    extra: { connectionLimit: 10 },
  };
}
