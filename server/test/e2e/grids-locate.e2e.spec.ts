import request from 'supertest';
import gcoordNs from 'gcoord';
import { RoutingService } from '../../src/routing/routing.service.js';
import { importGrids } from '../../src/grids/import.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

const gcoord = ((gcoordNs as unknown as { default?: typeof gcoordNs }).default ?? gcoordNs) as unknown as { transform(p: number[], a: string, b: string): number[]; WGS84: string; GCJ02: string };

describe.each(testDbKinds())('GET /grids/locate on %s', (kind) => {
  let t: TestApp;
  const locate = (q: Record<string, string | number>) => request(t.base).get('/api/v1/grids/locate').query(q);
  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the micro-grid owning a point, with its path up to the city', async () => {
    const r = await locate({ lat: 30.605, lng: 104.005 }).expect(200);
    expect(r.body.node).toMatchObject({ code: FIXTURE.A, name: '一号微网格', level: 'micro', virtual: false });
    expect(r.body.fallback).toBeNull();
    expect(r.body.path.map((p: { code: string }) => p.code)).toEqual([FIXTURE.CITY, FIXTURE.DISTRICT, FIXTURE.STREET, FIXTURE.COMMUNITY, FIXTURE.GRID, FIXTURE.A]);
    expect(r.body.path[0]).toMatchObject({ name: '成都市', level: 'city' });
  });

  it('resolves a point on the edge A and B share the same way every time (to the eastern cell)', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await locate({ lat: 30.605, lng: 104.01 }).expect(200)).body.node.code);
    expect([...codes]).toEqual([FIXTURE.B]);
    // The shared corner on the grid's southern frame too.
    expect((await locate({ lat: 30.6, lng: 104.01 }).expect(200)).body.node.code).toBe(FIXTURE.B);
  });

  it('falls back to the nearest micro-grid within 200 m, saying so (a point in A\'s hole, one east of B)', async () => {
    const hole = await locate({ lat: 30.61, lng: 104.005 }).expect(200);
    expect(hole.body).toMatchObject({ fallback: 'nearest', node: { code: FIXTURE.A } });
    expect(hole.body.distanceM).toBeGreaterThan(90);
    expect(hole.body.distanceM).toBeLessThan(110);
    const east = await locate({ lat: 30.61, lng: 104.021 }).expect(200);
    expect(east.body).toMatchObject({ fallback: 'nearest', node: { code: FIXTURE.B } });
  });

  it('falls back to the smallest enclosing node with a boundary beyond that distance', async () => {
    const inCommunity = await locate({ lat: 30.64, lng: 104.025 }).expect(200);
    expect(inCommunity.body).toMatchObject({ fallback: 'enclosing', node: { code: FIXTURE.COMMUNITY, level: 'community' } });
    expect(inCommunity.body.path.map((p: { code: string }) => p.code)).toEqual([FIXTURE.CITY, FIXTURE.DISTRICT, FIXTURE.STREET, FIXTURE.COMMUNITY]);
    const inStreet = await locate({ lat: 30.68, lng: 104.04 }).expect(200);
    expect(inStreet.body).toMatchObject({ fallback: 'enclosing', node: { code: FIXTURE.STREET } });
    const inDistrict = await locate({ lat: 30.68, lng: 104.08 }).expect(200);
    expect(inDistrict.body).toMatchObject({ fallback: 'enclosing', node: { code: FIXTURE.DISTRICT } });
  });

  it('never routes to a virtual micro-grid by location, but resolves it by code', async () => {
    const routing = t.app.get(RoutingService);
    expect(routing.byCode(FIXTURE.C)).toMatchObject({ node: { code: FIXTURE.C, virtual: true }, fallback: null, point: null });
    expect(routing.byCode('999999999999999999')).toBeNull();
  });

  it('answers 422 LOCATION_OUT_OF_AREA far from every grid', async () => {
    const r = await locate({ lat: 39.9, lng: 116.4 }).expect(422);
    expect(r.body.code).toBe('LOCATION_OUT_OF_AREA');
  });

  it('converts WGS-84 input with crs=wgs84', async () => {
    // A GPS reading whose GCJ-02 position is inside B, but whose raw numbers fall in A.
    const [lng, lat] = gcoord.transform([104.0115, 30.605], gcoord.GCJ02, gcoord.WGS84);
    const r = await locate({ lat: lat!, lng: lng!, crs: 'wgs84' }).expect(200);
    expect(r.body.node.code).toBe(FIXTURE.B);
    expect(r.body.point.lng).toBeCloseTo(104.0115, 5);
    expect(r.body.point.crs).toBe('gcj02');
    // The same numbers taken as GCJ-02 are ~240 m west, in A.
    expect((await locate({ lat: lat!, lng: lng! }).expect(200)).body.node.code).toBe(FIXTURE.A);
  });

  it.each([
    [{ lng: 104 }, 'lat'],
    [{ lat: 30.6 }, 'lng'],
    [{ lat: 91, lng: 104 }, 'lat'],
    [{ lat: -90.5, lng: 104 }, 'lat'],
    [{ lat: 30.6, lng: 181 }, 'lng'],
    [{ lat: 'NaN', lng: 104 }, 'lat'],
    [{ lat: 'abc', lng: 104 }, 'lat'],
    [{ lat: '', lng: 104 }, 'lat'],
    [{ lat: 30.6, lng: '104abc' }, 'lng'],
    [{ lat: 30.6, lng: 'Infinity' }, 'lng'],
    [{ lat: 30.6, lng: 104, crs: 'bd09' }, 'crs'],
  ])('rejects %j with 422 naming %s', async (q, field) => {
    const r = await locate(q as Record<string, string | number>).expect(422);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(r.body.details.fields)).toEqual([field]);
  });

  it('rejects a repeated lat parameter', async () => {
    const r = await request(t.base).get('/api/v1/grids/locate?lat=30.6&lat=30.7&lng=104').expect(422);
    expect(Object.keys(r.body.details.fields)).toEqual(['lat']);
  });
});
