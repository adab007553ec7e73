import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from '../helpers/cli.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

describe.each(testDbKinds())('grids:import / grids:export CLI on %s', (kind) => {
  let db: TestDb;
  const dir = mkdtempSync(join(tmpdir(), 'weigrid-cli-'));
  beforeAll(async () => {
    db = await createTestDb(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('imports a file, then reports a re-import as all unchanged', async () => {
    const file = join(dir, 'tree.geojson');
    writeFileSync(file, JSON.stringify(fixtureCollection()));
    const first = await run('grids-import.js', [file], { DB_URL: db.url });
    expect(first.err).not.toMatch(/problem/);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/8 features: 8 created, 0 updated, 0 unchanged/);
    const again = await run('grids-import.js', [file], { DB_URL: db.url });
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/8 features: 0 created, 0 updated, 8 unchanged/);
  });

  it('lists every problem of a bad file with its feature index and exits 1 without writing', async () => {
    const fc = fixtureCollection() as { type: string; features: any[] };
    fc.features.push(
      { type: 'Feature', properties: { code: '510104017001001099', name: '未闭合', level: 'micro', parent: FIXTURE.GRID }, geometry: { type: 'Polygon', coordinates: [[[104.0, 30.63], [104.01, 30.63], [104.01, 30.64], [104.0, 30.64]]] } },
      { type: 'Feature', properties: { code: '510104017001009001', name: '无上级', level: 'micro', parent: '510104017001009' }, geometry: null },
    );
    const file = join(dir, 'bad.geojson');
    writeFileSync(file, JSON.stringify(fc));
    const r = await run('grids-import.js', [file], { DB_URL: db.url });
    expect(r.code).toBe(1);
    expect(r.err).toContain('2 problem(s); nothing was imported');
    expect(r.err).toContain('feature #8 (510104017001001099): unclosed_ring');
    expect(r.err).toContain('feature #9 (510104017001009001): unknown_parent');
    const exported = await run('grids-export.js', [FIXTURE.GRID], { DB_URL: db.url });
    expect(JSON.parse(exported.out).features).toHaveLength(4);
  });

  it('exports a subtree to a file in the format it imports', async () => {
    const out = join(dir, 'out.geojson');
    const r = await run('grids-export.js', [FIXTURE.DISTRICT, '--out', out, '--levels', 'grid,micro'], { DB_URL: db.url });
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([FIXTURE.GRID, FIXTURE.A, FIXTURE.B, FIXTURE.C]);
    const back = await run('grids-import.js', [out], { DB_URL: db.url });
    expect(back.out).toMatch(/4 features: 0 created, 0 updated, 4 unchanged/);
  });

  it('answers usage errors with exit 2 and unknown codes with exit 1', async () => {
    expect((await run('grids-import.js', [], { DB_URL: db.url })).code).toBe(2);
    expect((await run('grids-import.js', ['x.geojson', '--crs', 'bd09'], { DB_URL: db.url })).code).toBe(2);
    const missing = await run('grids-import.js', [join(dir, 'nope.geojson')], { DB_URL: db.url });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read');
    const unknown = await run('grids-export.js', ['510104999'], { DB_URL: db.url });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('not found');
  });
});
