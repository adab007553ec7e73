import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
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

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_POLL_MS: '50' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    resident = await loginAs(t);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
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
    expect(inbox.body.items.map((i: { kind: string; refId: number }) => [i.kind, i.refId])).toEqual([['task_unclaimed', r.body.id]]);
  });
});
