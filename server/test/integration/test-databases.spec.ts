import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';
import { TableHashes } from '../helpers/table-changes.js';

/**
 * Tests boot on a copy of a migrated template (test/helpers/databases.ts) instead of migrating an
 * empty database each time. The copy must be what migrating gives: the same tables, columns,
 * indexes and the same migration rows — otherwise a test would run on a schema production never has.
 */
async function schemaOf(db: TestDb): Promise<{ tables: Record<string, string>; migrations: unknown[] }> {
  const ds: DataSource = createDataSource(db.url, 1, { logging: false });
  await ds.initialize();
  try {
    const tables: Record<string, string> = {};
    if (db.kind === 'sqlite') {
      const rows: { type: string; name: string; sql: string | null }[] = await ds.query("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
      for (const r of rows) tables[`${r.type} ${r.name}`] = r.sql ?? '';
    } else {
      const names: { t: string }[] = await ds.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name');
      for (const { t } of names) {
        const [c]: Record<string, string>[] = await ds.query(`SHOW CREATE TABLE \`${t}\``);
        // The next auto-increment value is state, not schema.
        tables[t] = c!['Create Table']!.replace(/ AUTO_INCREMENT=\d+/, '');
      }
    }
    const migrations: unknown[] = await ds.query('SELECT id, timestamp, name FROM migrations ORDER BY id');
    return { tables, migrations };
  } finally {
    await ds.destroy();
  }
}

describe.each(testDbKinds())('test databases on %s', (kind) => {
  it('a copy of the migrated template has the schema and migration rows of a freshly migrated database', async () => {
    const fresh = await createTestDb(kind);
    const copy = await createTestDb(kind, { migrated: true });
    try {
      await runMigrations(fresh.url);
      expect(await runMigrations(copy.url)).toEqual([]);
      const [a, b] = [await schemaOf(fresh), await schemaOf(copy)];
      expect(Object.keys(b.tables)).toEqual(Object.keys(a.tables));
      expect(b).toEqual(a);
      expect(a.migrations.length).toBeGreaterThan(10);
    } finally {
      await fresh.drop();
      await copy.drop();
    }
  });

  it('copies are independent: rows written in one are not in the next', async () => {
    const one = await createTestDb(kind, { migrated: true });
    const two = await createTestDb(kind, { migrated: true });
    try {
      const ds = createDataSource(one.url, 1, { logging: false });
      await ds.initialize();
      await ds.query("INSERT INTO category (code, name, icon, sort, active) VALUES ('p17', 'x', '', 0, 1)");
      await ds.destroy();
      const ds2 = createDataSource(two.url, 1, { logging: false });
      await ds2.initialize();
      expect(await ds2.query("SELECT code FROM category WHERE code = 'p17'")).toEqual([]);
      await ds2.destroy();
    } finally {
      await one.drop();
      await two.drop();
    }
  });
});

describe('TableHashes (test/helpers/table-changes.ts) on sqlite', () => {
  it('rehashes exactly the tables written since the last call — by plain writes, upserts and deletes, not by rolled-back ones', async () => {
    const db = await createTestDb('sqlite', { migrated: true });
    const ds = createDataSource(db.url, 1, { logging: false });
    await ds.initialize();
    try {
      const reads: string[] = [];
      const tables = ['category', 'outbox', 'rate_window'];
      const hashes = await TableHashes.track(ds, tables, async (table) => {
        reads.push(table);
        return JSON.stringify(await ds.query(`SELECT * FROM ${table}`));
      });
      const h0 = await hashes.hashes();
      expect(reads.splice(0)).toEqual(tables);
      expect(await hashes.hashes()).toEqual(h0);
      expect(reads.splice(0)).toEqual([]);

      await ds.query("INSERT INTO category (code, name, icon, sort, active) VALUES ('p17', 'x', '', 0, 1)");
      const h1 = await hashes.hashes();
      expect(reads.splice(0)).toEqual(['category']);
      expect(h1.get('category')).not.toBe(h0.get('category'));

      // An UPDATE that changes nothing is still a write: reread, and the hash is unchanged.
      await ds.query("UPDATE category SET name = 'x' WHERE code = 'p17'");
      expect(await hashes.hashes()).toEqual(h1);
      expect(reads.splice(0)).toEqual(['category']);

      await ds.query("INSERT INTO rate_window (bucket_key, win, n) VALUES ('k', 1, 1) ON CONFLICT (bucket_key, win) DO UPDATE SET n = n + 1");
      await ds.query("INSERT INTO rate_window (bucket_key, win, n) VALUES ('k', 1, 1) ON CONFLICT (bucket_key, win) DO UPDATE SET n = n + 1");
      await ds.query("DELETE FROM category WHERE code = 'p17'");
      const h2 = await hashes.hashes();
      expect(reads.splice(0).sort()).toEqual(['category', 'rate_window']);
      expect(h2.get('category')).toBe(h0.get('category'));
      expect(h2.get('rate_window')).toContain('"n":2');

      await ds
        .transaction(async (m) => {
          await m.query("INSERT INTO outbox (kind, payload, status, attempts, due_at, created_at) VALUES ('k', '{}', 'pending', 0, '2026-01-15 08:00:00', '2026-01-15 08:00:00')");
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await hashes.hashes()).toEqual(h2);
      expect(reads.splice(0)).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
