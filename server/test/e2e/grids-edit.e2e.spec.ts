import request from 'supertest';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { readGridTreeVersion } from '../../src/grids/grid-tree.repo.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

const rect = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

describe.each(testDbKinds())('PATCH /grids/:code on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let otherAdmin: LoggedIn;
  let worker: LoggedIn;
  const patch = (code: string, who: LoggedIn | null, body: object) => {
    const r = request(t.base).patch(`/api/v1/grids/${code}`).send(body);
    return who ? r.set('authorization', who.auth) : r;
  };
  const version = async (code: string) => (await request(t.base).get(`/api/v1/grids/${code}`).expect(200)).body.version as number;

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: FIXTURE.COMMUNITY }] });
    otherAdmin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: '510104017002' }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a community admin rename a micro-grid and move its boundary; routing follows at once', async () => {
    const v = await version(FIXTURE.B);
    const treeV = await readGridTreeVersion(t.ds.manager);
    // Before: a point just east of B falls back to it.
    expect((await request(t.base).get('/api/v1/grids/locate').query({ lat: 30.61, lng: 104.0215 })).body.fallback).toBe('nearest');
    const r = await patch(FIXTURE.B, admin, { version: v, name: '二号微网格（扩）', boundary: rect(104.01, 30.6, 104.025, 30.62) }).expect(200);
    expect(r.body).toMatchObject({ code: FIXTURE.B, name: '二号微网格（扩）', version: v + 1, synthetic: false, bbox: [104.01, 30.6, 104.025, 30.62] });
    expect(await readGridTreeVersion(t.ds.manager)).toBe(treeV + 1);
    const after = await request(t.base).get('/api/v1/grids/locate').query({ lat: 30.61, lng: 104.0215 }).expect(200);
    expect(after.body).toMatchObject({ fallback: null, node: { code: FIXTURE.B, name: '二号微网格（扩）' } });
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const v = await version(FIXTURE.A);
    await patch(FIXTURE.A, admin, { version: v, name: '一号（新）' }).expect(200);
    const r = await patch(FIXTURE.A, admin, { version: v, name: '一号（旧页面）' }).expect(409);
    expect(r.body.code).toBe('CONFLICT');
    expect((await request(t.base).get(`/api/v1/grids/${FIXTURE.A}`)).body.name).toBe('一号（新）');
  });

  it('checks scope: 401 without a token, 403 for an admin elsewhere or a grid worker', async () => {
    const v = await version(FIXTURE.A);
    expect((await patch(FIXTURE.A, null, { version: v, name: 'x' }).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await patch(FIXTURE.A, otherAdmin, { version: v, name: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await patch(FIXTURE.A, worker, { version: v, name: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
    expect(await version(FIXTURE.A)).toBe(v);
    expect((await patch('510104017001001099', admin, { version: 1, name: 'x' }).expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('rejects a bad boundary, an overlap with a sibling and a virtual node with a boundary, naming the field', async () => {
    const v = await version(FIXTURE.A);
    const unclosed = { type: 'Polygon', coordinates: [[[104.0, 30.6], [104.01, 30.6], [104.01, 30.62], [104.0, 30.62]]] };
    const bad = await patch(FIXTURE.A, admin, { version: v, boundary: unclosed }).expect(422);
    expect(bad.body.details.fields.boundary).toMatch(/not closed/);
    const overlap = await patch(FIXTURE.A, admin, { version: v, boundary: rect(104.0, 30.6, 104.015, 30.62) }).expect(422);
    expect(overlap.body.details.fields.boundary).toContain(FIXTURE.B);
    const virt = await patch(FIXTURE.A, admin, { version: v, virtual: true }).expect(422);
    expect(virt.body.details.fields).toHaveProperty('virtual');
    expect((await patch(FIXTURE.A, admin, { name: 'x' }).expect(422)).body.details.fields).toHaveProperty('version');
    expect((await patch(FIXTURE.A, admin, { version: v, level: 'grid' }).expect(422)).body.details.fields).toHaveProperty('level');
    expect(await version(FIXTURE.A)).toBe(v);
  });

  it('accepts a WGS-84 boundary and stores it as GCJ-02', async () => {
    const v = await version(FIXTURE.C);
    // Make the market real: clear virtual and give it a small WGS-84 square north of the grid.
    const r = await patch(FIXTURE.C, admin, { version: v, virtual: false, crs: 'wgs84', boundary: rect(103.9975, 30.63, 104.0, 30.6325) });
    expect(r.status).toBe(200);
    expect(r.body.code).toBe(FIXTURE.C);
    expect(r.body.virtual).toBe(false);
    expect(r.body.bbox[0]).toBeGreaterThan(103.9995); // shifted east by ~0.0025° into GCJ-02
  });
});
