import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { isMysql } from './dialect.js';

/** How one column's values reach the driver: as they are, or through TypeORM's conversion. */
interface Plan {
  sql: string;
  tuple: string;
  props: string[];
  columns: ColumnMetadata[];
  /** Per column: false when the value goes to the driver unchanged (strings, numbers, Buffers, null). */
  convert: boolean[];
}

const plans = new WeakMap<object, Map<string, Plan>>();

function planFor(m: EntityManager, target: EntityTarget<ObjectLiteral>, first: ObjectLiteral): Plan {
  const meta = m.connection.getMetadata(target);
  const props = Object.keys(first).filter((k) => first[k] !== undefined);
  const key = props.join(',');
  let byProps = plans.get(meta);
  if (!byProps) plans.set(meta, (byProps = new Map()));
  let plan = byProps.get(key);
  if (!plan) {
    const columns = props.map((p) => {
      const c = meta.findColumnWithPropertyName(p);
      if (!c) throw new Error(`insertRows: ${meta.name} has no column for ${p}`);
      return c;
    });
    const driver = m.connection.driver;
    plan = {
      sql: `INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `,
      tuple: `(${columns.map(() => '?').join(', ')})`,
      props,
      columns,
      // Plain string/number columns without a transformer are passed through: preparePersistentValue
      // is a chain of type tests per value, measurable at 15 columns × 1,000,000 rows of an import.
      convert: columns.map((c) => !!c.transformer || !['varchar', 'char', 'text', 'int', 'integer', 'double', 'binary'].includes(String(c.type))),
    };
    byProps.set(key, plan);
  }
  return plan;
}

/**
 * One multi-row `INSERT INTO t (…) VALUES (…), (…)` for rows of an entity, built from its metadata
 * (cached per set of properties), values converted by the driver exactly as the query builder
 * would (dates, booleans). For hot paths: TypeORM's InsertQueryBuilder spends most of its time
 * naming, checking and escaping one parameter per value (quadratic in the row count), which made
 * it the largest cost of a batched intake and of the register import. Every row must set the same
 * properties as the first (undefined = not set).
 */
export function buildInsert<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: Partial<T>[]): { sql: string; params: unknown[] } {
  const plan = planFor(m, target as EntityTarget<ObjectLiteral>, rows[0]!);
  const driver = m.connection.driver;
  const { props, columns, convert } = plan;
  const params: unknown[] = [];
  // A batch stamps every row with the same `now`: convert each distinct Date once, not once a row.
  let lastDate: Date | null = null;
  let lastDb: unknown = null;
  for (const r of rows) {
    for (let i = 0; i < props.length; i++) {
      const v = (r as Record<string, unknown>)[props[i]!];
      if (v === undefined) throw new Error(`insertRows: ${columns[i]!.entityMetadata.name}.${props[i]} missing in a row`);
      if (!convert[i]) params.push(v);
      else if (v instanceof Date) {
        if (v !== lastDate) {
          lastDate = v;
          lastDb = driver.preparePersistentValue(v, columns[i]!);
        }
        params.push(lastDb);
      } else params.push(driver.preparePersistentValue(v, columns[i]!));
    }
  }
  return { sql: plan.sql + Array(rows.length).fill(plan.tuple).join(', '), params };
}

/**
 * Inserts rows with one statement (see buildInsert). `returning` (column names) appends a
 * RETURNING clause and answers its rows: only where the database has one for INSERT (see
 * `canReturnFromInsert`).
 */
export async function insertRows<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: Partial<T>[], returning?: string[]): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const { sql, params } = buildInsert(m, target, rows);
  if (!returning) {
    await m.query(sql, params);
    return [];
  }
  const driver = m.connection.driver;
  return m.query(`${sql} RETURNING ${returning.map((c) => driver.escape(c)).join(', ')}`, params);
}

/** MariaDB ≥ 10.5 answers INSERT … RETURNING; MySQL does not (TypeORM learns the version at connect). */
export function canReturnFromInsert(m: EntityManager): boolean {
  const d = m.connection.driver;
  return d.options.type === 'mariadb' && d.isReturningSqlSupported('insert');
}

/** The mysql2 callback connection TypeORM's MySQL query runner holds while a transaction is open. */
interface Mysql2Connection {
  query(sql: string, values: unknown[], cb: (err: Error | null, result: unknown) => void): unknown;
}

/**
 * The transaction's own mysql2 connection, when `em` is a MySQL/MariaDB transaction. A query
 * handed to it is written to the socket at once, so the caller can build the next statement
 * (encryption, parameter formatting) while the server executes this one; TypeORM's
 * `em.query` only sends after several awaits, i.e. after the caller's synchronous work is done.
 */
function mysqlConnection(em: EntityManager): Mysql2Connection | null {
  if (!isMysql(em.connection.driver)) return null;
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
 * Sends a multi-row INSERT (see buildInsert) and returns a promise of the id of its first row.
 * Both engines hand out consecutive ids to one multi-row statement (InnoDB's "simple insert" under
 * autoinc lock modes 0–2; SQLite has a single writer), so row i got first + i: no SELECT to learn
 * ids. MySQL reports the first id; SQLite the last. Avoids INSERT … RETURNING (MySQL 8 lacks it).
 *
 * On MySQL inside a transaction the statement is on the wire when this returns (see
 * mysqlConnection). Await it before sending the next statement of the transaction: InnoDB rolls
 * the whole transaction back on a deadlock, and a statement queued behind the failed one would
 * then run in autocommit mode and stay written. The returned promise never causes an unhandled
 * rejection on its own; await it to see the error.
 */
export function sendInsert<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: Partial<T>[]): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  const { sql, params } = buildInsert(em, target, rows);
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
