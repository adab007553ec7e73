import type { DataSource } from 'typeorm';
import { isDeadlock } from './errors.js';

/** MariaDB or MySQL (the mysql2 driver), as opposed to the embedded SQLite default: where their SQL differs. */
export function isMysql(ds: { options: { type: string } }): boolean {
  return ds.options.type === 'mysql' || ds.options.type === 'mariadb';
}

/** `?, ?, ?` — one placeholder per value, for `IN (…)` lists (the values go as parameters). */
export const marks = (xs: readonly unknown[]): string => xs.map(() => '?').join(', ');

/**
 * INSERT of `rows` rows into a table of counters that adds to the row already there for the same
 * key (`counter = counter + new`), in each driver's words. Parameters: per row, the key columns
 * then the counters, in the order given.
 */
export function addCountersSql(ds: { options: { type: string } }, table: string, keys: readonly string[], counters: readonly string[], rows = 1): string {
  const cols = [...keys, ...counters];
  const values = Array.from({ length: rows }, () => `(${cols.map(() => '?').join(', ')})`).join(', ');
  const insert = `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${values}`;
  return isMysql(ds)
    ? `${insert} ON DUPLICATE KEY UPDATE ${counters.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
    : `${insert} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${counters.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
}

/** What the dialect helpers need: a DataSource or an EntityManager (its `connection`). */
type HasDriver = { options: { type: string } } | { connection: { options: { type: string } } };
const dsOf = (q: HasDriver): { options: { type: string } } => ('connection' in q ? q.connection : q);

/** ' FOR UPDATE' on MariaDB/MySQL; '' on SQLite, whose write transaction already excludes other writers. */
export function forUpdate(q: HasDriver): string {
  return isMysql(dsOf(q)) ? ' FOR UPDATE' : '';
}

/** `INSERT IGNORE` / `INSERT OR IGNORE`: rows that hit a unique index are dropped, not an error. */
export function insertIgnore(q: HasDriver): string {
  return isMysql(dsOf(q)) ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
}

/** String concatenation of SQL expressions (CONCAT on MariaDB, where `||` means OR). */
export function concatSql(q: HasDriver, parts: readonly string[]): string {
  return isMysql(dsOf(q)) ? `CONCAT(${parts.join(', ')})` : parts.join(' || ');
}

/**
 * Rows an INSERT/UPDATE/DELETE through `.query()` changed, when the driver says: mysql2 answers a
 * ResultSetHeader with affectedRows; better-sqlite3 (through TypeORM's raw query) does not, so
 * null there and the caller counts itself.
 */
export function affectedRows(q: HasDriver, result: unknown): number | null {
  return isMysql(dsOf(q)) ? Number((result as { affectedRows?: number }).affectedRows ?? 0) : null;
}

/**
 * Adds 1 to the counter of (key columns = values), creating the row at 1, and answers the new
 * count — atomic under concurrency, one round trip on both drivers.
 */
export async function bumpCounter(
  q: HasDriver & { query(sql: string, params?: unknown[]): Promise<unknown> },
  table: string,
  keys: Readonly<Record<string, string | number>>,
  counter: string,
): Promise<number> {
  const cols = Object.keys(keys);
  const vals = Object.values(keys);
  const marks = cols.map(() => '?').join(', ');
  if (isMysql(dsOf(q))) {
    // LAST_INSERT_ID(expr) hands this statement's own result back in the OK packet: the count
    // after our increment, exact under concurrency, in one round trip.
    const r = (await q.query(`INSERT INTO ${table} (${cols.join(', ')}, ${counter}) VALUES (${marks}, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE ${counter} = LAST_INSERT_ID(${counter} + 1)`, vals)) as { insertId: number | string };
    return Number(r.insertId);
  }
  const rows = (await q.query(`INSERT INTO ${table} (${cols.join(', ')}, ${counter}) VALUES (${marks}, 1) ON CONFLICT (${cols.join(', ')}) DO UPDATE SET ${counter} = ${counter} + 1 RETURNING ${counter} AS n`, vals)) as { n: number }[];
  return Number(rows[0]!.n);
}

/**
 * Empties a table: `TRUNCATE TABLE` on MariaDB/MySQL (drops and recreates it: no undo log, ids
 * restart), `DELETE FROM` on SQLite, which has no TRUNCATE.
 */
export function emptyTableSql(q: HasDriver, table: string): string {
  return isMysql(dsOf(q)) ? `TRUNCATE TABLE ${table}` : `DELETE FROM ${table}`;
}

/**
 * Find options that lock the found row for the rest of the transaction on MariaDB/MySQL
 * (`SELECT … FOR UPDATE`); none on SQLite, whose write transaction already excludes other
 * writers (and where TypeORM refuses a pessimistic lock).
 */
export function lockForUpdate(q: HasDriver): { lock?: { mode: 'pessimistic_write' } } {
  return isMysql(dsOf(q)) ? { lock: { mode: 'pessimistic_write' } } : {};
}

/**
 * `DELETE FROM table WHERE … ` of at most `limit` rows (a bounded purge): MariaDB takes LIMIT on a
 * DELETE; SQLite only if compiled with SQLITE_ENABLE_UPDATE_DELETE_LIMIT, so it picks the ids first.
 */
export function deleteLimitSql(q: HasDriver, table: string, where: string, limit: number): string {
  const n = Math.max(1, Math.floor(limit));
  return isMysql(dsOf(q)) ? `DELETE FROM ${table} WHERE ${where} LIMIT ${n}` : `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${where} LIMIT ${n})`;
}

/** What `claimRows` claims: due rows of `table` (with an `id` key), marked taken by `set`. */
export interface ClaimSpec {
  table: string;
  /** Which rows may be claimed, with `whereParams`. */
  where: string;
  whereParams: readonly unknown[];
  orderBy: string;
  limit: number;
  /** The assignments that mark a row claimed, with `setParams`. */
  set: string;
  setParams: readonly unknown[];
  /** The columns answered, as SQL over the row after `set`. */
  returning: string;
  /** The same values computed from the row before `set` (MariaDB reads, then updates). */
  returningBefore: string;
  /** A condition (with `claimedParams`) true of exactly the rows this claim took, e.g. its token. */
  claimed: string;
  claimedParams: readonly unknown[];
}

const galera = new WeakMap<object, Promise<boolean>>();

/** True when the MariaDB server is a Galera cluster node (`wsrep_on`); asked once per DataSource. */
export function isGalera(ds: DataSource): Promise<boolean> {
  if (!isMysql(ds)) return Promise.resolve(false);
  let known = galera.get(ds);
  if (!known) {
    known = ds
      .query('SELECT @@wsrep_on AS w')
      .then((r: { w: unknown }[]) => Number(r[0]?.w) === 1 || String(r[0]?.w).toUpperCase() === 'ON')
      .catch(() => false); // MySQL has no such variable
    galera.set(ds, known);
  }
  return known;
}

/**
 * Claims up to `limit` rows so that concurrent claimers (other processes too) never take the same
 * row, and answers them with structured results (`affected` is exact on both drivers):
 * - MariaDB/MySQL: one READ COMMITTED transaction — `SELECT … FOR UPDATE SKIP LOCKED` (rows another
 *   claimer holds are passed over, not waited for; READ COMMITTED takes no gap locks that would
 *   hold up inserts), then `UPDATE … WHERE id IN (…)`.
 * - SQLite: one writer at a time, so a single `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING`
 *   is already atomic.
 * - A Galera cluster: row locks (and so SKIP LOCKED) are local to one node; a claimer on another
 *   node does not see them. The claim is one conditional `UPDATE … WHERE <claimable> ORDER BY …
 *   LIMIT n` (a lease), then a read of the rows it took: two nodes updating the same rows at once
 *   are refused to all but one at commit (certification), and the loser simply claims again.
 * Runs on its own pooled connection (the caller holds no transaction).
 */
export async function claimRows(ds: DataSource, c: ClaimSpec): Promise<Record<string, unknown>[]> {
  const limit = Math.max(1, Math.floor(c.limit));
  if (await isGalera(ds)) return claimByUpdate(ds, c, limit);
  const qr = ds.createQueryRunner();
  try {
    if (!isMysql(ds)) {
      const r = await qr.query(
        `UPDATE ${c.table} SET ${c.set} WHERE id IN (SELECT id FROM ${c.table} WHERE ${c.where} ORDER BY ${c.orderBy} LIMIT ${limit}) RETURNING ${c.returning}`,
        [...c.setParams, ...c.whereParams],
        true,
      );
      return Array.isArray(r.records) ? (r.records as Record<string, unknown>[]) : [];
    }
    await qr.startTransaction('READ COMMITTED');
    try {
      const locked: Record<string, unknown>[] = await qr.query(
        `SELECT ${c.returningBefore} FROM ${c.table} WHERE ${c.where} ORDER BY ${c.orderBy} LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
        [...c.whereParams],
      );
      if (locked.length > 0) {
        await qr.query(`UPDATE ${c.table} SET ${c.set} WHERE id IN (${locked.map(() => '?').join(',')})`, [...c.setParams, ...locked.map((r) => r.id)]);
      }
      await qr.commitTransaction();
      return locked;
    } catch (e) {
      await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    }
  } finally {
    await qr.release();
  }
}

async function claimByUpdate(ds: DataSource, c: ClaimSpec, limit: number): Promise<Record<string, unknown>[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await execStructured(ds, `UPDATE ${c.table} SET ${c.set} WHERE ${c.where} ORDER BY ${c.orderBy} LIMIT ${limit}`, [...c.setParams, ...c.whereParams]);
      if (r.affected === 0) return [];
      return await ds.query(`SELECT ${c.returning} FROM ${c.table} WHERE ${c.claimed} ORDER BY ${c.orderBy}`, [...c.claimedParams]);
    } catch (e) {
      // Another node claimed some of the same rows first: nothing of ours was written.
      if (!isDeadlock(e) || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

/** Runs one statement on its own pooled connection and answers rows and affected count on both drivers. */
export async function execStructured(ds: DataSource, sql: string, params: readonly unknown[]): Promise<{ records: unknown[]; affected: number }> {
  const qr = ds.createQueryRunner();
  try {
    const r = await qr.query(sql, [...params], true);
    return { records: Array.isArray(r.records) ? r.records : [], affected: r.affected ?? 0 };
  } finally {
    await qr.release();
  }
}
