import type { EntityManager, ObjectLiteral } from 'typeorm';

/** The mysql2 callback connection TypeORM's MySQL query runner holds while a transaction is open. */
interface Mysql2Connection {
  query(sql: string, values: unknown[], cb: (err: Error | null, result: unknown) => void): unknown;
}

function rawInsert<T extends ObjectLiteral>(em: EntityManager, entity: new () => T, rows: Partial<T>[]): { sql: string; params: unknown[] } {
  const meta = em.connection.getMetadata(entity);
  const cols = meta.columns.filter((c) => !c.isGenerated && Object.prototype.hasOwnProperty.call(rows[0], c.propertyName));
  const q = (s: string) => em.connection.driver.escape(s);
  const one = `(${cols.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  const props = cols.map((c) => c.propertyName);
  // An import stamps every row with the same `now`: format each distinct Date once, not twice a row.
  let lastDate: Date | null = null;
  let lastDb: unknown = null;
  for (const r of rows) {
    for (const p of props) {
      const v = (r as Record<string, unknown>)[p];
      if (v instanceof Date) {
        if (v !== lastDate) {
          lastDate = v;
          lastDb = toDb(v, em);
        }
        params.push(lastDb);
      } else params.push(toDb(v, em));
    }
  }
  return { sql: `INSERT INTO ${q(meta.tableName)} (${cols.map((c) => q(c.databaseName)).join(', ')}) VALUES ${Array(rows.length).fill(one).join(', ')}`, params };
}

function toDb(v: unknown, em: EntityManager): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  // Both drivers store datetime as 'YYYY-MM-DD HH:MM:SS.mmm' in UTC (TypeORM's own format).
  if (v instanceof Date) return em.connection.driver.preparePersistentValue(v, { type: 'datetime' } as never);
  return v;
}

/**
 * The transaction's own mysql2 connection, when `em` is a MySQL/MariaDB transaction. A query
 * handed to it is written to the socket at once, so the caller can build the next statement
 * (encryption, parameter formatting) while the server executes this one; TypeORM's
 * `em.query` only sends after several awaits, i.e. after the caller's synchronous work is done.
 */
function mysqlConnection(em: EntityManager): Mysql2Connection | null {
  if (em.connection.driver.options.type !== 'mysql' && em.connection.driver.options.type !== 'mariadb') return null;
  const qr = em.queryRunner as unknown as { databaseConnection?: Mysql2Connection; isTransactionActive?: boolean } | undefined;
  return qr?.isTransactionActive && qr.databaseConnection ? qr.databaseConnection : null;
}

function firstId(r: unknown, rows: number): number {
  // TypeORM's better-sqlite3 runner answers an INSERT with lastInsertRowid itself.
  if (typeof r === 'number') return r - rows + 1;
  const raw = r as { insertId?: number; lastInsertRowid?: number | bigint };
  if (typeof raw.insertId === 'number') return raw.insertId;
  if (raw.lastInsertRowid !== undefined) return Number(raw.lastInsertRowid) - rows + 1;
  throw new Error(`driver did not report an insert id: ${JSON.stringify(r)?.slice(0, 200)}`);
}

/**
 * Sends a multi-row INSERT and returns a promise of the id of its first row. Both engines hand out
 * consecutive ids to one multi-row statement (InnoDB's "simple insert" under autoinc lock modes
 * 0–2; SQLite has a single writer), so row i got first + i: no SELECT to learn ids. MySQL reports
 * the first id; SQLite the last. Avoids INSERT … RETURNING (MySQL 8 lacks it) and TypeORM's query
 * builder, whose parameter handling costs more than the database does at 1,000 rows a statement.
 *
 * On MySQL inside a transaction the statement is on the wire when this returns (see
 * mysqlConnection). Await it before sending the next statement of the transaction: InnoDB rolls
 * the whole transaction back on a deadlock, and a statement queued behind the failed one would
 * then run in autocommit mode and stay written. The returned promise never causes an unhandled
 * rejection on its own; await it to see the error.
 */
export function sendInsert<T extends ObjectLiteral>(em: EntityManager, entity: new () => T, rows: Partial<T>[]): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  const { sql, params } = rawInsert(em, entity, rows);
  const conn = mysqlConnection(em);
  const p = conn
    ? new Promise<number>((resolve, reject) => {
        conn.query(sql, params, (err, result) => (err ? reject(err) : resolve(firstId(result, rows.length))));
      })
    : em.query(sql, params).then((r: unknown) => firstId(r, rows.length));
  p.catch(() => undefined);
  return p;
}

export function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
