/** MariaDB or MySQL (the mysql2 driver), as opposed to the embedded SQLite default: where their SQL differs. */
export function isMysql(ds: { options: { type: string } }): boolean {
  return ds.options.type === 'mysql' || ds.options.type === 'mariadb';
}

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
