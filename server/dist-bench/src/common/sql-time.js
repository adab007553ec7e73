/**
 * A Date as the literal both drivers compare correctly with a `datetime` column in raw SQL:
 * 'YYYY-MM-DD HH:MM:SS.mmm' in UTC — what TypeORM itself writes for SQLite, and what MySQL /
 * MariaDB (connection time zone 'Z') parse for DATETIME. better-sqlite3 cannot bind a Date at all.
 */
export function sqlTime(d) {
    return d.toISOString().replace('T', ' ').replace('Z', '');
}
//# sourceMappingURL=sql-time.js.map