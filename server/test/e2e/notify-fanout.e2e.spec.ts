import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { RoleGrantRow } from '../../src/accounts/role-grant.entity.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

const IN_B = { lat: 30.61, lng: 104.015 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A report in a micro-grid with no members goes to the grid worker above it at once. This is the
 * delivery that once read the grid workers through the DataSource inside its own transaction (the
 * pool wedge of issue 16); with the development guard on, that read fails the delivery, so the
 * push never arrives and test/setup/tx-guard.ts fails the file.
 */
describe.each(testDbKinds())('a new task where no member is on %s', (kind) => {
  let t: TestApp;
  let resident: LoggedIn;
  let worker: LoggedIn;
  let admin: LoggedIn;
  let streetAdmin: LoggedIn;

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_POLL_MS: '50' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    resident = await loginAs(t);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: FIXTURE.COMMUNITY }] });
    streetAdmin = await loginAs(t, { grants: [{ role: 'street_admin', nodeCode: FIXTURE.STREET }] });
    const list = (await request(t.base).get('/api/v1/subscriptions').set('authorization', worker.auth).expect(200)).body as { key: string; templateId: string }[];
    const task = list.find((x) => x.key === 'task_new')!;
    await request(t.base).post('/api/v1/subscriptions').set('authorization', worker.auth).send({ results: { [task.templateId]: 'accept' } }).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reaches the grid worker within a second, in the inbox and as a subscribe message', async () => {
    const sent = Date.now();
    const r = await request(t.base).post('/api/v1/events').set('authorization', resident.auth).send({ requestId: randomUUID(), category: 'road', description: '路灯不亮', location: IN_B }).expect(201);
    const page = `pages/event/index?id=${r.body.id}`;
    while (!t.wechat.messages.some((m) => m.touser === worker.openid && m.page === page) && Date.now() - sent < 5000) await sleep(20);
    const ms = Date.now() - sent;
    expect(t.wechat.messages.filter((m) => m.touser === worker.openid).map((m) => m.page)).toEqual([page]);
    expect(ms).toBeLessThan(1000);
    const inbox = await request(t.base).get('/api/v1/inbox').set('authorization', worker.auth).expect(200);
    // Not verified yet: it is the worker's to verify (立案), said as 待核实.
    expect(inbox.body.items.map((i: { kind: string; refId: number }) => [i.kind, i.refId])).toEqual([['task_verify', r.body.id]]);
    expect(t.wechat.messages.filter((m) => m.touser === admin.openid)).toEqual([]);
    // Verified, with no member in the micro-grid: the grid worker is told it is still unclaimed.
    await request(t.base).post(`/api/v1/events/${r.body.id}/actions/verify`).set('authorization', worker.auth).send({ version: 1 }).expect(200);
    const after = await request(t.base).get('/api/v1/inbox').set('authorization', worker.auth).expect(200);
    expect(after.body.items.map((i: { kind: string }) => i.kind)).toEqual(['task_verify']); // the verifier is not told about their own 立案
  });

  it('goes to the community admin when no grid worker is above the micro-grid', async () => {
    await t.ds.getRepository(RoleGrantRow).update({ userId: worker.userId }, { revokedAt: new Date() });
    const r = await request(t.base).post('/api/v1/events').set('authorization', resident.auth).send({ requestId: randomUUID(), category: 'road', description: '井盖松动', location: IN_B }).expect(201);
    const t0 = Date.now();
    let items: { kind: string; refId: number }[] = [];
    while (Date.now() - t0 < 5000) {
      items = (await request(t.base).get('/api/v1/inbox').set('authorization', admin.auth).expect(200)).body.items;
      if (items.length) break;
      await sleep(50);
    }
    expect(items.map((i) => [i.kind, i.refId])).toEqual([['task_verify', r.body.id]]);
    // Only the nearest level that has anyone: the street admin above is not told.
    expect((await request(t.base).get('/api/v1/inbox').set('authorization', streetAdmin.auth).expect(200)).body.items).toEqual([]);
  });
});
