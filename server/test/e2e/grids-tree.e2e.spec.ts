import request from 'supertest';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/bootstrap.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { importGrids } from '../../src/grids/import.js';
import { subtreeRange } from '../../src/grids/tree.js';
import { bootTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

describe.each(testDbKinds())('grid tree API on %s', (kind) => {
  let t: TestApp;
  const get = (path: string) => request(t.base).get(`/api/v1${path}`);
  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0' });
    await importGrids(t.ds, fixtureCollection());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the top of the tree and a node\'s children with child counts', async () => {
    const top = await get('/grids').expect(200);
    expect(top.body).toEqual({ items: [{ code: '5101', name: '成都市', level: 'city', childCount: 1 }], nextCursor: null });
    const kids = await get(`/grids/${FIXTURE.GRID}/children`).expect(200);
    expect(kids.body.items.map((i: { code: string }) => i.code)).toEqual([FIXTURE.A, FIXTURE.B, FIXTURE.C]);
    expect(kids.body.items[0].childCount).toBe(0);
  });

  it('pages children with an opaque cursor', async () => {
    const p1 = await get(`/grids/${FIXTURE.GRID}/children?limit=2`).expect(200);
    expect(p1.body.items).toHaveLength(2);
    expect(p1.body.nextCursor).toEqual(expect.any(String));
    const p2 = await get(`/grids/${FIXTURE.GRID}/children?limit=2&cursor=${p1.body.nextCursor}`).expect(200);
    expect(p2.body.items.map((i: { code: string }) => i.code)).toEqual([FIXTURE.C]);
    expect(p2.body.nextCursor).toBeNull();
    expect((await get(`/grids/${FIXTURE.GRID}/children?cursor=%%%`).expect(422)).body.details.fields).toHaveProperty('cursor');
    expect((await get(`/grids/${FIXTURE.GRID}/children?limit=0`).expect(422)).body.details.fields).toHaveProperty('limit');
    expect((await get(`/grids/${FIXTURE.GRID}/children?limit=abc`).expect(422)).body.details.fields).toHaveProperty('limit');
  });

  it('shows a node with its path, flags and version', async () => {
    const r = await get(`/grids/${FIXTURE.A}`).expect(200);
    expect(r.body).toMatchObject({ code: FIXTURE.A, level: 'micro', parentCode: FIXTURE.GRID, virtual: false, hasBoundary: true, synthetic: false, version: 1, childCount: 0, bbox: [104.0, 30.6, 104.01, 30.62] });
    expect(r.body.path.map((p: { name: string }) => p.name)).toEqual(['成都市', '锦江区', '锦官驿街道', '水井坊社区', '第一网格', '一号微网格']);
    expect((await get(`/grids/${FIXTURE.C}`).expect(200)).body).toMatchObject({ virtual: true, hasBoundary: false, bbox: null });
    expect((await get(`/grids/${FIXTURE.A}/path`).expect(200)).body).toHaveLength(6);
    expect((await get('/grids/510104999').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await get('/grids/abc').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('searches by name and by code prefix, within a subtree and a level', async () => {
    const byName = await get(`/grids/search?q=${encodeURIComponent('微网格')}`).expect(200);
    expect(byName.body.items.map((i: { code: string }) => i.code)).toEqual([FIXTURE.A, FIXTURE.B]);
    expect(byName.body.items[0].path).toHaveLength(6);
    const byCode = await get('/grids/search?q=510104017001001&level=micro').expect(200);
    expect(byCode.body.items.map((i: { code: string }) => i.code)).toEqual([FIXTURE.A, FIXTURE.B, FIXTURE.C]);
    const under = await get(`/grids/search?q=${encodeURIComponent('网格')}&under=${FIXTURE.GRID}&limit=1`).expect(200);
    expect(under.body.items).toHaveLength(1);
    expect(under.body.nextCursor).not.toBeNull();
    // LIKE wildcards in the query are literal.
    expect((await get('/grids/search?q=%25').expect(200)).body.items).toEqual([]);
    expect((await get('/grids/search').expect(422)).body.details.fields).toHaveProperty('q');
    expect((await get('/grids/search?q=x&level=town').expect(422)).body.details.fields).toHaveProperty('level');
  });

  it('exports a subtree as GeoJSON, optionally by level and in WGS-84', async () => {
    const all = await get(`/grids/${FIXTURE.GRID}/geojson`).expect(200);
    expect(all.body.type).toBe('FeatureCollection');
    expect(all.body.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([FIXTURE.GRID, FIXTURE.A, FIXTURE.B, FIXTURE.C]);
    expect(all.body.features[1].geometry.coordinates).toHaveLength(2); // outer ring + hole
    expect(all.body.features[3]).toMatchObject({ geometry: null, properties: { virtual: true, parent: FIXTURE.GRID } });
    const micro = await get(`/grids/${FIXTURE.DISTRICT}/geojson?levels=micro&crs=wgs84`).expect(200);
    expect(micro.body.crs).toBe('wgs84');
    expect(micro.body.features).toHaveLength(3);
    // WGS-84 sits ~0.0025° west of GCJ-02 in Chengdu.
    expect(micro.body.features[0].geometry.coordinates[0][0][0]).toBeLessThan(104.0 - 0.002);
    expect((await get(`/grids/${FIXTURE.GRID}/geojson?levels=town`).expect(422)).body.details.fields).toHaveProperty('levels');
  });

  it('reads a subtree with one range scan of the path index', async () => {
    const [from, to] = subtreeRange('5101/510104/');
    if (kind === 'sqlite') {
      const plan: { detail: string }[] = await t.ds.query('EXPLAIN QUERY PLAN SELECT code FROM grid_node WHERE path >= ? AND path < ?', [from, to]);
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX idx_grid_node_path/);
    } else {
      const plan: { key: string | null; type: string }[] = await t.ds.query('EXPLAIN SELECT id, code FROM grid_node FORCE INDEX (idx_grid_node_path) WHERE path >= ? AND path < ?', [from, to]);
      expect(plan[0]!.key).toBe('idx_grid_node_path');
      expect(plan[0]!.type).toBe('range');
    }
    const rows: { code: string }[] = await t.ds.query('SELECT code FROM grid_node WHERE path >= ? AND path < ? ORDER BY path', [from, to]);
    expect(rows.map((r) => r.code)).toEqual([FIXTURE.DISTRICT, FIXTURE.STREET, FIXTURE.COMMUNITY, FIXTURE.GRID, FIXTURE.A, FIXTURE.B, FIXTURE.C]);
  });

  it('another instance picks up a change made elsewhere by polling the tree version', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET, DB_URL: t.db.url, PORT: '0', GRID_ROUTING_POLL_MS: '100' });
    const other = await createApp(config);
    await other.listen(0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${(other.getHttpServer().address() as { port: number }).port}`;
      const where = { lat: 30.605, lng: 104.035 }; // east of the grid, inside the community
      expect((await request(base).get('/api/v1/grids/locate').query(where).expect(200)).body.fallback).toBe('enclosing');
      const v0 = other.get(RoutingService).version;
      // A new micro-grid arrives through this instance's database (as the CLI would write it).
      await importGrids(t.ds, {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: '510104017001002', name: '第二网格', level: 'grid', parent: FIXTURE.COMMUNITY }, geometry: null },
          {
            type: 'Feature',
            properties: { code: '510104017001002001', name: '东侧微网格', level: 'micro', parent: '510104017001002' },
            geometry: { type: 'Polygon', coordinates: [[[104.03, 30.6], [104.04, 30.6], [104.04, 30.61], [104.03, 30.61], [104.03, 30.6]]] },
          },
        ],
      });
      const deadline = Date.now() + 5000;
      while (other.get(RoutingService).version === v0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const r = await request(base).get('/api/v1/grids/locate').query(where).expect(200);
      expect(r.body).toMatchObject({ fallback: null, node: { code: '510104017001002001' } });
    } finally {
      await other.close();
    }
  });
});
