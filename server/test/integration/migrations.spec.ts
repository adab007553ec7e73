import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createTestDb, testDbKinds } from '../helpers/databases.js';

describe.each(testDbKinds())('migrations on %s', (kind) => {
  it('bring a fresh database exactly to the entities (no drift)', async () => {
    const db = await createTestDb(kind);
    try {
      const applied = await runMigrations(db.url);
      expect(applied.length).toBeGreaterThan(0);
      const ds = createDataSource(db.url, 1);
      await ds.initialize();
      try {
        const pending = await ds.driver.createSchemaBuilder().log();
        // If this fails, run `pnpm --filter @weigrid/server migration:generate <Name>`.
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      } finally {
        await ds.destroy();
      }
      expect(await runMigrations(db.url)).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('stores Chinese text and 4-byte emoji intact', async () => {
    const db = await createTestDb(kind);
    try {
      await runMigrations(db.url);
      const ds = createDataSource(db.url, 1);
      await ds.initialize();
      try {
        const name = '锦江区春熙路街道🏮';
        await ds.query('INSERT INTO category (code, name, icon, sort, active) VALUES (?, ?, ?, ?, ?)', ['t', name, '', 1, 1]);
        const [row] = await ds.query('SELECT name FROM category WHERE code = ?', ['t']);
        expect(row.name).toBe(name);
      } finally {
        await ds.destroy();
      }
    } finally {
      await db.drop();
    }
  });
});
