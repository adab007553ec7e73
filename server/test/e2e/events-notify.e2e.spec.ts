import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { OverdueService } from '../../src/events/overdue.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

const IN_A = { lat: 30.605, lng: 104.005 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * From a report to a WeChat message on the phone of the right people: the event loop writes
 * outbox rows in its transactions, the in-process worker turns them into inbox rows and subscribe
 * messages, and the fake WeChat server records what it received.
 */
describe.each(testDbKinds())('event messages reach people on %s', (kind) => {
  let t: TestApp;
  let resident: LoggedIn;
  let supporter: LoggedIn;
  let member: LoggedIn;
  let otherMember: LoggedIn;
  let worker: LoggedIn;

  const api = () => request(t.base);
  const openidOf = (u: LoggedIn) => u.openid;
  const subscribe = async (u: LoggedIn, keys: string[]) => {
    const list = (await api().get('/api/v1/subscriptions').set('authorization', u.auth).expect(200)).body as { key: string; templateId: string }[];
    const results = Object.fromEntries(list.filter((x) => keys.includes(x.key)).map((x) => [x.templateId, 'accept']));
    await api().post('/api/v1/subscriptions').set('authorization', u.auth).send({ results }).expect(200);
  };
  const messagesTo = (u: LoggedIn) => t.wechat.messages.filter((m) => m.touser === openidOf(u));
  async function until<T>(what: string, f: () => T | undefined, ms = 5000): Promise<{ value: T; ms: number }> {
    const t0 = Date.now();
    for (;;) {
      const v = f();
      if (v !== undefined) return { value: v, ms: Date.now() - t0 };
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  }

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_POLL_MS: '50' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    resident = await loginAs(t);
    supporter = await loginAs(t);
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.A }] });
    otherMember = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.B }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    await subscribe(member, ['task_new']);
    await subscribe(otherMember, ['task_new']);
    await subscribe(resident, ['event_progress', 'event_progress']);
    await subscribe(supporter, ['event_progress']);
    await subscribe(worker, ['event_overdue', 'task_new']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a report reaches the grid worker who can verify it; once verified it reaches the micro-grid member within a second; progress reaches the reporter and supporters; overdue reaches the level above', async () => {
    const sent = Date.now();
    const r = await api().post('/api/v1/events').set('authorization', resident.auth).send({ requestId: randomUUID(), category: 'road', description: '井盖缺失', address: '红星路二段88号', location: IN_A }).expect(201);
    const page = `pages/event/index?id=${r.body.id}`;
    // 待核实: pushed to whoever can 立案 (the grid worker), not to the member, who could not act on it.
    const verify = await until('the verify message to the grid worker', () => messagesTo(worker).find((m) => m.page === page));
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(verify.value.data.thing1?.value).toBe('道路设施');
    const workerInbox = await api().get('/api/v1/inbox').set('authorization', worker.auth).expect(200);
    expect(workerInbox.body.items[0]).toMatchObject({ kind: 'task_verify', refId: r.body.id, title: '待核实：道路设施' });
    await sleep(300);
    expect(messagesTo(member)).toEqual([]);
    expect((await api().get('/api/v1/inbox').set('authorization', member.auth).expect(200)).body.items).toEqual([]);
    // The member's 新任务 does not list it either; the worker's does, and so does the worker's 待核实.
    const box = (u: LoggedIn, q: Record<string, string>) => api().get('/api/v1/events').query(q).set('authorization', u.auth).expect(200).then((x) => x.body.items.map((e: { id: number }) => e.id));
    expect(await box(member, { scope: 'inbox', box: 'new' })).not.toContain(r.body.id);
    expect(await box(member, { scope: 'inbox', box: 'overdue' })).not.toContain(r.body.id);
    expect(await box(worker, { scope: 'inbox', box: 'new' })).toContain(r.body.id);
    expect(await box(worker, { scope: 'verify' })).toContain(r.body.id);
    // The "still unclaimed?" timer starts only when the task is the members' (after 立案).
    const timers = async () => (await t.ds.query("SELECT payload FROM outbox WHERE kind = 'event.unclaimed'")).filter((x: { payload: string | object }) => (typeof x.payload === 'string' ? JSON.parse(x.payload) : x.payload).eventId === r.body.id).length;
    expect(await timers()).toBe(0);

    await api().post(`/api/v1/events/${r.body.id}/supporters`).set('authorization', supporter.auth).send({ location: IN_A }).expect(200);
    const verified = Date.now();
    await api().post(`/api/v1/events/${r.body.id}/actions/verify`).set('authorization', worker.auth).send({ version: 1 }).expect(200);
    const task = await until('the task message', () => messagesTo(member).find((m) => m.page === page));
    console.log(`[${kind}] verify → subscribe message to the member at the fake WeChat server in ${Date.now() - verified} ms`);
    expect(Date.now() - verified).toBeLessThan(1000);
    expect(task.value.data.thing1?.value).toBe('道路设施');
    expect(messagesTo(otherMember)).toEqual([]);
    // The in-app inbox keeps it too, and now 新任务 lists it.
    const inbox = await api().get('/api/v1/inbox').set('authorization', member.auth).expect(200);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'task_new', refId: r.body.id });
    expect(await box(member, { scope: 'inbox', box: 'new' })).toContain(r.body.id);
    expect(await timers()).toBe(1);

    const toReporter = await until('the progress message to the reporter', () => messagesTo(resident).find((m) => m.page === `pages/event/index?id=${r.body.id}`));
    const toSupporter = await until('the progress message to the supporter', () => messagesTo(supporter).find((m) => m.page === `pages/event/index?id=${r.body.id}`));
    // The reporter is told where; a supporter reads the public view only: the micro-grid, not the address.
    expect(JSON.stringify(toReporter.value.data)).toContain('红星路二段88号');
    expect(JSON.stringify(toSupporter.value.data)).not.toContain('红星路二段88号');
    expect(JSON.stringify(toSupporter.value.data)).toContain('一号微网格');

    // Past its handling deadline the event is raised to the grid, whose worker is told.
    await t.app.get(OverdueService).scan(new Date(Date.now() + 30 * 86_400_000));
    const overdue = await until('the overdue message', () => messagesTo(worker).filter((m) => m.page === page)[1]);
    expect(overdue.value.template_id).toBeDefined();
    // Each person got each message once.
    expect(messagesTo(resident)).toHaveLength(1);
    expect(messagesTo(member)).toHaveLength(1);
  });
});
