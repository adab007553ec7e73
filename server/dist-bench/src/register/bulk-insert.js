function rawInsert(em, entity, rows) {
    const meta = em.connection.getMetadata(entity);
    const cols = meta.columns.filter((c) => !c.isGenerated && Object.prototype.hasOwnProperty.call(rows[0], c.propertyName));
    const q = (s) => em.connection.driver.escape(s);
    const one = `(${cols.map(() => '?').join(', ')})`;
    const params = [];
    for (const r of rows)
        for (const c of cols)
            params.push(toDb(r[c.propertyName], em));
    return { sql: `INSERT INTO ${q(meta.tableName)} (${cols.map((c) => q(c.databaseName)).join(', ')}) VALUES ${Array(rows.length).fill(one).join(', ')}`, params };
}
function toDb(v, em) {
    if (v === undefined)
        return null;
    if (typeof v === 'boolean')
        return v ? 1 : 0;
    // Both drivers store datetime as 'YYYY-MM-DD HH:MM:SS.mmm' in UTC (TypeORM's own format).
    if (v instanceof Date)
        return em.connection.driver.preparePersistentValue(v, { type: 'datetime' });
    return v;
}
/**
 * Multi-row INSERT that returns the id of the first row. Both engines hand out consecutive ids to
 * one multi-row statement (InnoDB's "simple insert" under autoinc lock modes 0–2; SQLite has a
 * single writer), so row i got first + i. MySQL reports the first id; SQLite the last.
 * Avoids INSERT … RETURNING (MySQL 8 lacks it) and TypeORM's query builder, whose parameter
 * handling costs more than the database does at 1,000 rows a statement.
 */
export async function insertMany(em, entity, rows) {
    if (rows.length === 0)
        return 0;
    const { sql, params } = rawInsert(em, entity, rows);
    const r = (await em.query(sql, params));
    // TypeORM's better-sqlite3 runner answers an INSERT with lastInsertRowid itself.
    if (typeof r === 'number')
        return r - rows.length + 1;
    const raw = r;
    if (typeof raw.insertId === 'number')
        return raw.insertId;
    if (raw.lastInsertRowid !== undefined)
        return Number(raw.lastInsertRowid) - rows.length + 1;
    throw new Error(`driver did not report an insert id: ${JSON.stringify(r)?.slice(0, 200)}`);
}
/** The same multi-row INSERT, for tables without an id of their own. */
export async function insertRows(em, entity, rows) {
    if (rows.length === 0)
        return;
    const { sql, params } = rawInsert(em, entity, rows);
    await em.query(sql, params);
}
export function chunks(xs, size) {
    const out = [];
    for (let i = 0; i < xs.length; i += size)
        out.push(xs.slice(i, i + size));
    return out;
}
//# sourceMappingURL=bulk-insert.js.map