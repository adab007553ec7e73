/**
 * Reading raw rows (`m.query`, `getRawMany`) the same way on both drivers. mysql2 answers BIGINT
 * and DECIMAL (COUNT, SUM) as strings, TINYINT(1) booleans as 0/1, DATETIME as Date; better-sqlite3
 * answers integers as numbers, booleans as 0/1, and datetimes as 'YYYY-MM-DD HH:MM:SS[.fff]' UTC
 * text (what TypeORM writes). Repositories convert here, so services see plain JS values.
 */

/** A DATETIME value as a Date: mysql2 gives a Date, SQLite UTC text without a zone. */
export function dbDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

/** `dbDate` as an ISO-8601 string (what the API answers with). */
export function dbIso(v: unknown): string {
  return dbDate(v).toISOString();
}

/** Nullable DATETIME → ISO string or null. */
export function dbIsoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : dbIso(v);
}

/** A numeric column (COUNT(*), SUM(…), BIGINT ids come back as strings from mysql2). */
export function num(v: unknown): number {
  return Number(v);
}

/** A nullable numeric column. */
export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** A boolean column: true/false from TypeORM entities, 1/0 (or '1'/'0') from raw SQL on both drivers. */
export function bool(v: unknown): boolean {
  return v === true || Number(v) === 1;
}

/**
 * A Date as the literal both drivers compare correctly with a `datetime` column in raw SQL:
 * 'YYYY-MM-DD HH:MM:SS.mmm' in UTC — what TypeORM itself writes for SQLite, and what MySQL /
 * MariaDB (connection time zone 'Z') parse for DATETIME. better-sqlite3 cannot bind a Date at all.
 */
export function sqlTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
