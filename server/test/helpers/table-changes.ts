import type { DataSource } from 'typeorm';

/**
 * For "a refused request changed nothing" checks that hash every table before and after each
 * request (the access matrix, the API fuzz): on SQLite, triggers note which tables were written
 * (INSERT, UPDATE or DELETE, by the app or the test — SQLite has one connection, so there is no lock
 * to contend for), and `hashes()` recomputes only those; the others keep the hash computed when they
 * were last read, which is what recomputing would give. The answer is the same map a full pass
 * gives, for a fraction of the reads. A rolled-back write leaves no note (nor a change).
 *
 * MariaDB is left to CHECKSUM TABLE (one statement, computed by the server): triggers there would
 * make concurrent writers queue on the note's row.
 */
export class TableHashes {
  private readonly cache = new Map<string, string>();

  private constructor(
    private readonly ds: DataSource,
    private readonly tables: readonly string[],
    private readonly hashOf: (table: string) => Promise<string>,
  ) {}

  /** Installs the triggers (SQLite only) on `tables`; `hashOf(table)` hashes one table's rows. */
  static async track(ds: DataSource, tables: readonly string[], hashOf: (table: string) => Promise<string>): Promise<TableHashes> {
    if (ds.options.type !== 'better-sqlite3') throw new Error('TableHashes: SQLite only (use CHECKSUM TABLE on MariaDB)');
    // No key on it: a trigger's statement takes the conflict policy of the statement that fired it
    // (an app's INSERT … ON CONFLICT, INSERT OR IGNORE), so a unique note would make the app's write fail.
    await ds.query('CREATE TABLE IF NOT EXISTS _test_written (tbl TEXT NOT NULL)');
    for (const t of tables) {
      if (!/^\w+$/.test(t)) throw new Error(`TableHashes: table name ${t}`);
      for (const [op, suffix] of [['INSERT', 'i'], ['UPDATE', 'u'], ['DELETE', 'd']] as const) {
        await ds.query(`CREATE TRIGGER IF NOT EXISTS _test_written_${t}_${suffix} AFTER ${op} ON "${t}" BEGIN INSERT INTO _test_written (tbl) VALUES ('${t}'); END`);
      }
    }
    return new TableHashes(ds, tables, hashOf);
  }

  /** Every table's hash, recomputing those written since the last call (all of them the first time). */
  async hashes(): Promise<Map<string, string>> {
    // Read and clear in one statement, so a write between the two cannot go unnoticed.
    const written: { tbl: string }[] = await this.ds.query('DELETE FROM _test_written RETURNING tbl');
    const dirty = new Set(written.map((r) => r.tbl));
    for (const t of this.tables) if (dirty.has(t) || !this.cache.has(t)) this.cache.set(t, await this.hashOf(t));
    return new Map(this.cache);
  }
}
