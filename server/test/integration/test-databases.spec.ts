import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';

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
