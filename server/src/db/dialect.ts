/** MariaDB or MySQL (the mysql2 driver), as opposed to the embedded SQLite default: where their SQL differs. */
export function isMysql(ds: { options: { type: string } }): boolean {
  return ds.options.type === 'mysql' || ds.options.type === 'mariadb';
}
