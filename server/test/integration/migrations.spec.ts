import type { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { createDataSource } from '../../src/db/create-data-source.js';
import { buildDataSourceOptions } from '../../src/db/options.js';
import { PiiCipher } from '../../src/register/pii-cipher.js';
import { PersonSearcher } from '../../src/register/search.js';
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

  it('RegisterCompactIndexes keeps existing people findable by name, phone and ID number; RegGridHouseholds counts the households already stored', async () => {
    const db = await createTestDb(kind);
    const cipher = new PiiCipher(randomBytes(32));
    const hex = (b: Buffer) => b.toString('hex');
    try {
      // The schema just before the migration, with a person stored the old way (hex hashes).
      const all = buildDataSourceOptions(db.url, 1).migrations as Function[];
      const at = all.findIndex((m) => m.name.startsWith('RegisterCompactIndexes'));
      const old = createDataSource(db.url, 1, { migrations: all.slice(0, at), logging: false });
      await old.initialize();
      await old.runMigrations({ transaction: 'each' });
      const now = '2026-11-27 10:00:00.000';
      await old.query(`INSERT INTO grid_node (code, name, level, parent_id, path, depth, is_virtual, crs, synthetic) VALUES ('5101', '成都市', 'city', NULL, '5101/', 0, 0, 'gcj02', 0)`);
      await old.query(`INSERT INTO grid_node (code, name, level, parent_id, path, depth, is_virtual, crs, synthetic) VALUES ('5101001', '网格', 'micro', 1, '5101/5101001/', 1, 0, 'gcj02', 0)`);
      await old.query(`INSERT INTO reg_place (grid_node_id, grid_path, address, building, unit, room, created_at, updated_at) VALUES (2, '5101/5101001/', '春熙路1号', '', '', '', ?, ?)`, [now, now]);
      await old.query(`INSERT INTO reg_household (place_id, grid_node_id, grid_path, code, note, version, created_at, updated_at) VALUES (1, 2, '5101/5101001/', '', '', 1, ?, ?)`, [now, now]);
      await old.query(`INSERT INTO reg_household (place_id, grid_node_id, grid_path, code, note, version, created_at, updated_at) VALUES (1, 2, '5101/5101001/', '2', '', 1, ?, ?)`, [now, now]);
      const person = `INSERT INTO reg_person (household_id, grid_path, name, relation, phone_enc, phone_hash, id_enc, id_hash, tags, version, created_at, updated_at) VALUES (1, '5101/5101001/', ?, '户主', ?, ?, ?, ?, '', 1, ?, ?)`;
      await old.query(person, ['王小明', cipher.encrypt('person.phone', '13800138000'), hex(cipher.hash('person.phone', '13800138000')), cipher.encrypt('person.id_number', '11010519491231002X'), hex(cipher.hash('person.id_number', '11010519491231002X')), now, now]);
      await old.query(person, ['王芳', null, null, null, null, now, now]);
      await old.destroy();

      // It and any later migration (e.g. RateWindow) run; the data checks below are about it.
      expect(await runMigrations(db.url)).toEqual(all.slice(at).map((m) => m.name));
      const ds = createDataSource(db.url, 1);
      await ds.initialize();
      try {
        const s = new PersonSearcher(ds, cipher);
        const scope = ['5101/'];
        expect((await s.search({ scope, phone: '13800138000', limit: 5 })).items.map((p) => p.name)).toEqual(['王小明']);
        expect((await s.search({ scope, idNumber: '11010519491231002X', limit: 5 })).items.map((p) => p.name)).toEqual(['王小明']);
        expect((await s.search({ scope, name: '王', limit: 5 })).items.map((p) => [p.name, p.gridNodeId])).toEqual([['王小明', 2], ['王芳', 2]]);
        const raw: { phone_hash: Buffer | null; id_hash: Buffer | null }[] = await ds.query('SELECT phone_hash, id_hash FROM reg_person ORDER BY id');
        expect(raw[1]).toEqual({ phone_hash: null, id_hash: null });
        const counted: { grid_path: string; households: number }[] = await ds.query('SELECT grid_path, households FROM reg_grid_households');
        expect(counted.map((r) => [r.grid_path, Number(r.households)])).toEqual([['5101/5101001/', 2]]);
      } finally {
        await ds.destroy();
      }
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
