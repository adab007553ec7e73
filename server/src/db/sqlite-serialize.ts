import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * SQLite through better-sqlite3 is one connection, and TypeORM hands every caller the same query
 * runner. Two requests that each run `ds.transaction(…)` therefore interleave on that connection:
 * the second `BEGIN` fails ("cannot start a transaction within a transaction") or becomes a
 * savepoint inside the first; and a plain query from a third request lands inside whichever
 * transaction is open, so that transaction's rollback would silently undo it (and a read would
 * see its uncommitted rows).
 *
 * This serializes the connection with one async lock per DataSource:
 *
 * - `manager.transaction(fn)` / `ds.transaction(fn)` from outside a transaction waits for the lock,
 *   then runs `fn` holding it; the async context of `fn` is marked as the owner (AsyncLocalStorage),
 *   so everything it awaits — including queries through the unbound `ds`/repositories and nested
 *   `ds.transaction` calls, which become savepoints — runs straight through instead of deadlocking.
 * - a query from any other context waits for the lock, runs, and lets go: it never runs inside
 *   another request's transaction, so a rollback cannot undo it and it never reads uncommitted rows.
 * - a transaction started by hand (`qr.startTransaction()`, as TypeORM's own `save()` and
 *   migrations do) also takes the lock, so it cannot interleave with another transaction; its
 *   queries cannot be told apart from other requests' (no async context marks them), so while it is
 *   open other plain queries run inside it, as they would without this lock. Prefer `ds.transaction`.
 *
 * MySQL/MariaDB pools give each transaction its own connection and are left alone.
 */
export function serializeSqlite(ds: DataSource): DataSource {
  if (ds.options.type !== 'better-sqlite3') return ds;
  const state = ds as DataSource & { [SERIALIZED]?: true };
  if (state[SERIALIZED]) return ds;
  state[SERIALIZED] = true;

  const lock = new Lock();
  const owner = new AsyncLocalStorage<symbol>();
  const owns = () => {
    const t = owner.getStore();
    return t !== undefined && t === lock.holder;
  };

  // Transactions through an entity manager (ds.transaction delegates to ds.manager; repositories
  // and managers bound to the query runner are made by createEntityManager).
  const serializeManager = (m: EntityManager): EntityManager => {
    const transaction = m.transaction.bind(m) as (...args: unknown[]) => Promise<unknown>;
    (m as { transaction: unknown }).transaction = (...args: unknown[]) => {
      if (owns()) return transaction(...args);
      const token = Symbol('sqlite transaction');
      return owner.run(token, async () => {
        await lock.acquire(token);
        try {
          return await transaction(...args);
        } finally {
          lock.release(token);
        }
      });
    };
    return m;
  };
  serializeManager(ds.manager);
  const createManager = ds.createEntityManager.bind(ds);
  ds.createEntityManager = (qr?: QueryRunner) => serializeManager(createManager(qr));

  // The driver creates its single query runner lazily (and again after a re-initialize).
  const driver = ds.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: string) => {
    const qr = create(mode) as QueryRunner & { [SERIALIZED]?: true; transactionDepth?: number };
    if (qr[SERIALIZED]) return qr;
    qr[SERIALIZED] = true;
    let manual: symbol | undefined;

    const query = qr.query.bind(qr) as (...args: unknown[]) => Promise<unknown>;
    (qr as { query: unknown }).query = async (...args: unknown[]) => {
      // A hand-started transaction's own queries carry no mark: let everything through meanwhile.
      if (owns() || (manual !== undefined && lock.holder === manual)) return query(...args);
      const token = Symbol('sqlite query');
      await lock.acquire(token);
      try {
        return await query(...args);
      } finally {
        lock.release(token);
      }
    };

    const start = qr.startTransaction.bind(qr);
    qr.startTransaction = async (isolation) => {
      if (owns() || (manual !== undefined && lock.holder === manual)) return start(isolation);
      const token = Symbol('sqlite manual transaction');
      await lock.acquire(token);
      manual = token;
      try {
        await start(isolation);
      } catch (e) {
        manual = undefined;
        lock.release(token);
        throw e;
      }
    };
    const endManual = () => {
      const token = manual;
      manual = undefined;
      if (token !== undefined) lock.release(token);
    };
    const commit = qr.commitTransaction.bind(qr);
    qr.commitTransaction = async () => {
      await commit();
      // Let go once the outermost hand-started transaction has committed.
      if (manual !== undefined && lock.holder === manual && !qr.isTransactionActive) endManual();
    };
    const rollback = qr.rollbackTransaction.bind(qr);
    qr.rollbackTransaction = async () => {
      const outermost = (qr.transactionDepth ?? 0) <= 1;
      try {
        await rollback();
      } finally {
        // Even a failed outermost rollback ends it: SQLite has already dropped the transaction then.
        if (manual !== undefined && lock.holder === manual && outermost) endManual();
      }
    };
    return qr;
  };
  return ds;
}

const SERIALIZED: unique symbol = Symbol('weigrid.sqliteSerialized');

/** FIFO async mutex; `holder` names who has it, so re-entrant callers can be recognised. */
class Lock {
  holder: symbol | undefined;
  private readonly waiters: { token: symbol; wake: () => void }[] = [];

  acquire(token: symbol): Promise<void> {
    if (this.holder === undefined) {
      this.holder = token;
      return Promise.resolve();
    }
    return new Promise((wake) => this.waiters.push({ token, wake }));
  }

  release(token: symbol): void {
    if (this.holder !== token) return;
    const next = this.waiters.shift();
    this.holder = next?.token;
    next?.wake();
  }
}
