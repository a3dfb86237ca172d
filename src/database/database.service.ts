import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/**
 * Repositories that join the caller's transaction without passing a manager around: a service
 * asks for `db.repo(Entity)` and gets the transaction's repository when one is open.
 */
@Injectable()
export class Database {
  private readonly transactions = new AsyncLocalStorage<EntityManager>();
  /** SQLite has one connection, so its transactions must not interleave; MySQL's pool may. */
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  get kind(): 'sqlite' | 'mysql' {
    return this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    const manager = this.transactions.getStore() ?? this.dataSource.manager;

    return manager.getRepository(entity);
  }

  /** Runs fn atomically; nested calls join the outer transaction. */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.transactions.getStore()) {
      return fn();
    }
    const run = (): Promise<T> =>
      this.dataSource.transaction((manager) => this.transactions.run(manager, fn));
    if (this.kind === 'mysql') {
      return run();
    }
    const next = this.sqliteQueue.then(run, run);
    this.sqliteQueue = next.catch(() => undefined);

    return next;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
