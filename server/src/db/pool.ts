import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';

/** What the MariaDB/MySQL pool is doing now (null on SQLite, which has no pool). */
export interface PoolStats {
  size: number;
  inUse: number;
  waiting: number;
}

interface Mysql2Pool {
  config?: { connectionLimit?: number };
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

interface PooledConnection {
  release(): void;
}

function mysqlDriver(ds: DataSource): { pool?: Mysql2Pool; obtainMasterConnection(): Promise<PooledConnection> } | null {
  const t = ds.options.type;
  return t === 'mariadb' || t === 'mysql' ? (ds.driver as never) : null;
}

/**
 * mysql2's pool has no acquire timeout: a request that finds every connection busy waits in its
 * queue for as long as it takes — forever, if the holders are themselves waiting (issue 16). Bound
 * the wait: after `ms` the caller gets 503 DB_UNAVAILABLE ("busy", retry-after 1) and the
 * connection it would have received, if one comes later, goes straight back to the pool. The
 * breaker is not tripped: the database answers, the pool is merely full.
 */
export function limitPoolWait(ds: DataSource, ms: number): DataSource {
  const driver = mysqlDriver(ds);
  if (!driver || ms <= 0) return ds;
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = () =>
    new Promise<PooledConnection>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        const s = poolStats(ds);
        reject(
          new AppError('DB_UNAVAILABLE', `database busy: no free connection within ${ms} ms`, {
            reason: 'pool_exhausted',
            ...(s ?? {}),
          }),
        );
      }, ms);
      obtain().then(
        (c) => {
          if (settled) return c.release();
          settled = true;
          clearTimeout(timer);
          resolve(c);
        },
        (e: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  return ds;
}

export function poolStats(ds: DataSource): PoolStats | null {
  const pool = mysqlDriver(ds)?.pool;
  if (!pool) return null;
  const all = pool._allConnections?.length ?? 0;
  const free = pool._freeConnections?.length ?? 0;
  return { size: pool.config?.connectionLimit ?? all, inUse: all - free, waiting: pool._connectionQueue?.length ?? 0 };
}

/** The cheapest round trip to the database (readiness probe). */
export async function ping(ds: DataSource): Promise<void> {
  await ds.query('SELECT 1');
}
