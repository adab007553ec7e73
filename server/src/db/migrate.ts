import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from './create-data-source.js';
import { isMysql } from './dialect.js';
import { isDeadlock, isUniqueViolation } from './errors.js';

/** How long a lock holder may go silent before another instance takes over (it renews every LEASE/4). */
const LEASE_MS = 60_000;
/** How long an instance waits for another one's migrations before giving up with a clear error. */
const WAIT_MS = 10 * 60_000;

/**
 * Opens the database, applies pending migrations, closes. Throws if the database is unreachable.
 * Several API instances start at once behind a load balancer: one of them migrates while the
 * others wait for it (schema_lock below), then find nothing left to do.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url, 2, { logging: false });
  await ds.initialize();
  try {
    return await withSchemaLock(ds, async () => (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name));
  } finally {
    await ds.destroy();
  }
}

/**
 * A lock held as a row: whoever inserts row 1 of `schema_lock` holds it. A row, not GET_LOCK():
 * on a Galera cluster GET_LOCK is local to one node, while two inserts of the same key on two nodes
 * are refused to all but one (a certification conflict at commit). The holder renews its lease;
 * a holder that died is replaced once the lease has run out.
 */
export async function withSchemaLock<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  await ds.query(
    `CREATE TABLE IF NOT EXISTS schema_lock (id INT NOT NULL PRIMARY KEY, holder VARCHAR(100) NOT NULL, expires_at BIGINT NOT NULL)${isMysql(ds) ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' : ''}`,
  );
  const holder = `${hostname().slice(0, 60)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const started = Date.now();
  let told = false;
  for (;;) {
    await ds.query('DELETE FROM schema_lock WHERE id = 1 AND expires_at < ?', [Date.now()]);
    try {
      await ds.query('INSERT INTO schema_lock (id, holder, expires_at) VALUES (1, ?, ?)', [holder, Date.now() + LEASE_MS]);
      break;
    } catch (e) {
      if (!isUniqueViolation(e) && !isDeadlock(e)) throw e;
    }
    if (Date.now() - started > WAIT_MS) {
      const [h] = (await ds.query('SELECT holder FROM schema_lock WHERE id = 1')) as { holder: string }[];
      throw new Error(`migrations: waited ${WAIT_MS / 60_000} min for another instance (${h?.holder ?? 'gone'}) to finish migrating; start again once it has`);
    }
    if (!told) process.stderr.write('weigrid: another instance is applying migrations; waiting for it\n');
    told = true;
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
  }
  const renew = setInterval(() => {
    ds.query('UPDATE schema_lock SET expires_at = ? WHERE id = 1 AND holder = ?', [Date.now() + LEASE_MS, holder]).catch(() => undefined);
  }, LEASE_MS / 4);
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await ds.query('DELETE FROM schema_lock WHERE id = 1 AND holder = ?', [holder]).catch(() => undefined);
  }
}
