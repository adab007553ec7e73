import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

const plans = new WeakMap<object, Map<string, { sql: string; columns: ColumnMetadata[] }>>();

/**
 * One multi-row `INSERT INTO t (…) VALUES (…), (…)` for rows of an entity, built from its metadata
 * and cached per set of properties, values converted by the driver exactly as the query builder
 * would (dates, booleans). For hot paths: TypeORM's InsertQueryBuilder spends most of its time
 * naming, checking and escaping one parameter per value (quadratic in the row count), which made
 * it the largest cost of a batched intake. Every row must set the same properties. `returning`
 * (column names) appends a RETURNING clause and answers its rows: only where the database has one
 * for INSERT (see `canReturnFromInsert`).
 */
export async function insertRows<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: Partial<T>[], returning?: string[]): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const meta = m.connection.getMetadata(target);
  const props = Object.keys(rows[0]!).filter((k) => rows[0]![k] !== undefined);
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
    plan = { sql: `INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `, columns };
    byProps.set(key, plan);
  }
  const driver = m.connection.driver;
  const tuple = `(${plan.columns.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const r of rows) {
    for (let i = 0; i < props.length; i++) {
      const v = r[props[i]!];
      if (v === undefined) throw new Error(`insertRows: ${meta.name}.${props[i]} missing in a row`);
      params.push(driver.preparePersistentValue(v, plan.columns[i]!));
    }
  }
  const sql = plan.sql + Array(rows.length).fill(tuple).join(', ');
  if (!returning) {
    await m.query(sql, params);
    return [];
  }
  return m.query(`${sql} RETURNING ${returning.map((c) => driver.escape(c)).join(', ')}`, params);
}

/** MariaDB ≥ 10.5 answers INSERT … RETURNING; MySQL does not (TypeORM learns the version at connect). */
export function canReturnFromInsert(m: EntityManager): boolean {
  const d = m.connection.driver;
  return d.options.type === 'mariadb' && d.isReturningSqlSupported('insert');
}
