import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { OutboxWorkerService } from '../../src/outbox/outbox-worker.service.js';
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

/**
 * The outbox hands a claimed batch of new reports to one delivery (issue 16: one transaction per
 * batch instead of per report). What each person gets must not change: one inbox row per report,
 * a push per report while credits last, one "still unclaimed?" check per report, nothing twice when
 * the rows are delivered again.
 */
describe.each(testDbKinds())('a burst of new tasks delivered as one batch on %s', (kind) => {
  let t: TestApp;
  let resident: LoggedIn;
  let memberA: LoggedIn;
  let memberB: LoggedIn;
  const IN_A = { lat: 30.605, lng: 104.003 };
  const IN_B_MICRO = { lat: 30.61, lng: 104.015 };

  const accept = async (who: LoggedIn, times: number) => {
    const list = (await request(t.base).get('/api/v1/subscriptions').set('authorization', who.auth).expect(200)).body as { key: string; templateId: string }[];
    const task = list.find((x) => x.key === 'task_new')!;
    for (let i = 0; i < times; i++) await request(t.base).post('/api/v1/subscriptions').set('authorization', who.auth).send({ results: { [task.templateId]: 'accept' } }).expect(200);
  };
  const outbox = async () => {
    const rows: { kind: string; status: string; n: number | string }[] = await t.ds.query('SELECT kind, status, COUNT(*) AS n FROM outbox GROUP BY kind, status ORDER BY kind, status');
    return rows.map((r) => `${r.kind} ${r.status} ${Number(r.n)}`);
  };
  const inbox = async (who: LoggedIn) =>
    ((await request(t.base).get('/api/v1/inbox').set('authorization', who.auth).expect(200)).body.items as { kind: string; refId: number }[]).map((i) => [i.kind, i.refId]).sort((a, b) => Number(a[1]) - Number(b[1]));

  beforeAll(async () => {
    // The in-process worker stays off so the reports wait and go out as one claimed batch.
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    resident = await loginAs(t);
    memberA = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.A }] });
    memberB = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.B }] });
    await accept(memberA, 2);
    await accept(memberB, 1);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells each member of each report once, pushes while credits last, and adds nothing when re-delivered', async () => {
    const report = async (location: { lat: number; lng: number }) =>
      (await request(t.base).post('/api/v1/events').set('authorization', resident.auth).send({ requestId: randomUUID(), category: 'road', description: '井盖松动', location }).expect(201)).body.id as number;
    const inA = [await report(IN_A), await report(IN_A), await report(IN_A)];
    const inB = await report(IN_B_MICRO);
    const worker = t.app.get(OutboxWorkerService).worker;
    const batchesBefore = worker.counters.batches;
    await worker.drain();
    // One claim took the four event.created rows together; a second one the pushes they queued.
    expect(worker.counters.batches - batchesBefore).toBe(2);
    expect(await inbox(memberA)).toEqual(inA.map((id) => ['task_new', id]));
    expect(await inbox(memberB)).toEqual([['task_new', inB]]);
    // memberA held two credits for three tasks: two pushes, the third told in the inbox only.
    expect(t.wechat.messages.filter((m) => m.touser === memberA.openid)).toHaveLength(2);
    expect(t.wechat.messages.filter((m) => m.touser === memberB.openid).map((m) => m.page)).toEqual([`pages/event/index?id=${inB}`]);
    expect(await outbox()).toEqual(['event.created sent 4', 'event.unclaimed pending 4', 'subscribe.send sent 3']);

    // Delivered again (a worker died after its sends, before settling): no second inbox row,
    // push or unclaimed check.
    await t.ds.query(`UPDATE outbox SET status = 'pending', claimed_by = NULL WHERE kind = 'event.created'`);
    await worker.drain();
    expect(await inbox(memberA)).toHaveLength(3);
    expect(t.wechat.messages.filter((m) => m.touser === memberA.openid || m.touser === memberB.openid)).toHaveLength(3);
    expect(await outbox()).toEqual(['event.created sent 4', 'event.unclaimed pending 4', 'subscribe.send sent 3']);
  });
});
