import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { PiiCipher } from '../../src/register/pii-cipher.js';
import { RegisterImporter } from '../../src/register/import/importer.js';
import type { RawImportRow } from '../../src/register/import/columns.js';
import { idRuns, PersonSearcher } from '../../src/register/search.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';
import { seedGridFixture, type GridFixture } from '../helpers/register-grid-fixture.js';
import { personRow } from '../helpers/xlsx.js';

describe('idRuns', () => {
  it('turns sorted ids into runs, bridging the narrowest gaps when there are too many', () => {
    expect(idRuns([1, 2, 3, 5, 6, 10])).toEqual([[1, 3], [5, 6], [10, 10]]);
    expect(idRuns([1, 2, 3, 5, 6, 10], 2)).toEqual([[1, 6], [10, 10]]);
    expect(idRuns([4], 1)).toEqual([[4, 4]]);
    expect(idRuns([])).toEqual([]);
  });
});

describe.each(testDbKinds())('register name search on %s', (kind) => {
  let db: TestDb;
  let ds: DataSource;
  let g: GridFixture;
  const cipher = new PiiCipher(randomBytes(32));
  let n = 0;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await runMigrations(db.url);
    ds = createDataSource(db.url, 2, { logging: false });
    await ds.initialize();
    g = await seedGridFixture(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** `count` people per name in micro-grid `code`, each in a household of their own. */
  const people = async (code: string, names: string[], count: number) => {
    const rows: { row: number; values: RawImportRow }[] = [];
    for (const name of names) for (let i = 0; i < count; i++) rows.push({ row: rows.length + 2, values: personRow({ gridCode: code, householdCode: `H${++n}`, room: String(n), name: `${name}${n}`, phone: '', idNumber: '', birthYear: '1980', tags: '' }) as RawImportRow });
    await new RegisterImporter(ds, cipher).importRows(rows, null);
  };
  const micros = () => [...g.nodes.values()].filter((x) => x.level === 'micro');
  /** Every page of a name search, followed by cursor. */
  const allPages = async (s: PersonSearcher, scope: string[], name: string) => {
    const out: { name: string; gridPath: string; id: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.search({ scope, name, limit: 3, cursor });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  };
  const expected = async (scope: string[], prefix: string) =>
    ((await ds.query('SELECT id, name, grid_path FROM reg_person')) as { id: number; name: string; grid_path: string }[])
      .filter((p) => p.name.startsWith(prefix) && scope.some((sc) => p.grid_path.startsWith(sc)))
      .map((p) => Number(p.id))
      .sort((a, b) => a - b);

  it('finds exactly the people of the scope, in name order, across pages', async () => {
    for (const m of micros()) await people(m.code, ['王', '李', '王小'], 2);
    const s = new PersonSearcher(ds, cipher);
    for (const scope of [[g.district.path], [g.streetA.path], [g.microA.path], [g.microB.path, g.gridA.path], [g.communityA.path, g.streetB.path]]) {
      for (const prefix of ['王', '王小', '李', '赵']) {
        const got = await allPages(s, scope, prefix);
        expect(got.map((p) => p.id).sort((a, b) => a - b)).toEqual(await expected(scope, prefix));
        const names = got.map((p) => p.name);
        expect(names).toEqual([...names].sort());
      }
    }
  });

  it('a micro-grid created after a search is found at once, and only in its own scope', async () => {
    const s = new PersonSearcher(ds, cipher);
    await allPages(s, [g.streetA.path], '王');
    await allPages(s, [g.streetB.path], '王');
    // Straight into the tree, as an import in another instance would: this searcher's cached scope ids predate it.
    const grid = g.nodes.get('510104001001001')!;
    const fresh = await ds.getRepository(GridNode).save({ code: '510104001001001009', name: '新微网格', level: 'micro', parentId: grid.id, path: `${grid.path}510104001001001009/`, depth: grid.depth + 1, virtual: false, boundary: null, crs: 'gcj02', synthetic: true });
    await people(fresh.code, ['王新'], 2);
    const inA = await allPages(s, [g.streetA.path], '王新');
    expect(inA).toHaveLength(2);
    expect(inA.every((p) => p.gridPath === fresh.path)).toBe(true);
    expect(await allPages(s, [g.streetB.path], '王新')).toEqual([]);
    expect((await allPages(s, [g.streetA.path], '王')).map((p) => p.id).sort((a, b) => a - b)).toEqual(await expected([g.streetA.path], '王'));
  });
});
