import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { OverdueService } from '../../src/events/overdue.service.js';
import { signWebhook } from '../../src/events/webhooks.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

const IN_A = { lat: 30.605, lng: 104.005 };
const IN_B = { lat: 30.605, lng: 104.015 };

describe.each(testDbKinds())('the event loop over HTTP on %s', (kind) => {
  let t: TestApp;
  let resident: LoggedIn;
  let neighbour: LoggedIn;
  let worker: LoggedIn;
  let worker2: LoggedIn;
  let memberA: LoggedIn;
  let memberB: LoggedIn;
  let street: LoggedIn;
  let district: LoggedIn;
  let city: LoggedIn;

  const api = () => request(t.base);
  const report = (who: LoggedIn, body: Record<string, unknown>) =>
    api().post('/api/v1/events').set('authorization', who.auth).send({ requestId: randomUUID(), category: 'road', description: '人行道有坑', location: IN_A, ...body });
  const act = (who: LoggedIn, id: number, action: string, body: Record<string, unknown>) => api().post(`/api/v1/events/${id}/actions/${action}`).set('authorization', who.auth).send(body);
  const detail = (who: LoggedIn, id: number) => api().get(`/api/v1/events/${id}`).set('authorization', who.auth);
  async function step(who: LoggedIn, id: number, action: string, body: Record<string, unknown> = {}) {
    const cur = await detail(who, id).expect(200);
    const r = await act(who, id, action, { version: cur.body.version, ...body });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const count = async (sql: string, params: unknown[] = []) => Number((await t.ds.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    resident = await loginAs(t);
    neighbour = await loginAs(t);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    worker2 = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    memberA = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.A }] });
    memberB = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.B }] });
    street = await loginAs(t, { grants: [{ role: 'street_admin', nodeCode: FIXTURE.STREET }] });
    district = await loginAs(t, { grants: [{ role: 'district_admin', nodeCode: FIXTURE.DISTRICT }] });
    city = await loginAs(t, { grants: [{ role: 'city_admin', nodeCode: FIXTURE.CITY }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('routes a report to its micro-grid, and a retry with the same requestId returns the same event', async () => {
    const requestId = randomUUID();
    const first = await report(resident, { requestId }).expect(201);
    expect(first.body).toMatchObject({ state: 'reported', version: 1, microGrid: { code: FIXTURE.A, name: '一号微网格' }, replayed: false, needsGridConfirm: false, held: false });
    const again = await report(resident, { requestId }).expect(201);
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true, microGrid: { code: FIXTURE.A } });
    // Ten retries at once still make one row.
    const burst = await Promise.all(Array.from({ length: 10 }, () => report(resident, { requestId })));
    expect(new Set(burst.map((r) => r.body.id))).toEqual(new Set([first.body.id]));
    expect(await count("SELECT COUNT(*) AS n FROM event WHERE request_key LIKE ?", [`%:${requestId}`])).toBe(1);
    // The same requestId from another user is another report.
    const other = await report(neighbour, { requestId }).expect(201);
    expect(other.body.id).not.toBe(first.body.id);
    // The report wrote its audit row and an outbox row for the micro-grid's members.
    expect(await count('SELECT COUNT(*) AS n FROM event_audit WHERE event_id = ?', [first.body.id])).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'event.created' AND payload LIKE ?", [`%"eventId":${first.body.id},%`])).toBe(1);
  });

  it('takes a virtual micro-grid by code, and refuses places it cannot route', async () => {
    const v = await report(resident, { location: undefined, gridCode: FIXTURE.C }).expect(201);
    expect(v.body.microGrid).toEqual({ code: FIXTURE.C, name: '水井坊市场' });
    const before = await count('SELECT COUNT(*) AS n FROM event');
    expect((await report(resident, { location: { lat: 39.9, lng: 116.4 } }).expect(422)).body.code).toBe('LOCATION_OUT_OF_AREA');
    expect((await report(resident, { location: undefined, gridCode: FIXTURE.GRID }).expect(422)).body.details.fields.gridCode).toBeDefined();
    expect((await report(resident, { location: undefined }).expect(422)).body.details.fields.location).toBeDefined();
    expect((await report(resident, { category: 'no_such' }).expect(422)).body.details.fields.category).toBeDefined();
    expect((await report(resident, { photos: ['deadbeefdeadbeef'] }).expect(422)).body.details.fields.photos).toBeDefined();
    expect((await report(resident, { selfHandled: true }).expect(403)).body.code).toBe('FORBIDDEN');
    expect(await count('SELECT COUNT(*) AS n FROM event')).toBe(before);
  });

  it('runs the whole loop: verify, dispatch, claim, resolve, close, rate — each step audited and told to the reporter', async () => {
    const { body: created } = await report(resident, {}).expect(201);
    const id = created.id as number;
    // The worker of the grid sees it among new tasks; a member of the other micro-grid does not.
    const inbox = await api().get('/api/v1/events').query({ scope: 'inbox', box: 'new' }).set('authorization', worker.auth).expect(200);
    expect(inbox.body.items.map((e: { id: number }) => e.id)).toContain(id);
    const inboxB = await api().get('/api/v1/events').query({ scope: 'inbox', box: 'new' }).set('authorization', memberB.auth).expect(200);
    expect(inboxB.body.items.map((e: { id: number }) => e.id)).not.toContain(id);
    await detail(memberB, id).expect(404);
    await detail(neighbour, id).expect(404);

    // The resident may not verify their own report; the buttons say so too.
    const mine = await detail(resident, id).expect(200);
    expect(mine.body.actions).toEqual([]);
    expect((await act(resident, id, 'verify', { version: 1 }).expect(403)).body.code).toBe('FORBIDDEN');
    const asWorker = await detail(worker, id).expect(200);
    expect(asWorker.body.actions).toEqual(expect.arrayContaining(['verify', 'reject']));

    expect((await step(worker, id, 'verify')).state).toBe('accepted');
    const dispatched = await step(worker, id, 'dispatch', { assigneeId: memberA.userId, note: '请尽快处理' });
    expect(dispatched).toMatchObject({ state: 'dispatched', assigneeId: memberA.userId });
    // Dispatched to A's member: B's member cannot even see it, a resident cannot be the assignee.
    expect((await act(worker, id, 'dispatch', { version: dispatched.version, assigneeId: resident.userId }).expect(422)).body.details.fields.assigneeId).toBeDefined();
    expect((await step(memberA, id, 'claim')).state).toBe('in_progress');
    // Only the handler resolves.
    const cur = await detail(worker, id).expect(200);
    expect((await act(worker, id, 'resolve', { version: cur.body.version }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await step(memberA, id, 'resolve', { note: '已填平' })).state).toBe('resolved');
    // The reporter sends it back once (返工), then closes and rates it.
    expect((await act(resident, id, 'rework', { version: (await detail(resident, id)).body.version }).expect(422)).body.details.fields.note).toBeDefined();
    expect((await step(resident, id, 'rework', { note: '还有一半没填' })).state).toBe('in_progress');
    await step(memberA, id, 'resolve', { note: '全部填平' });
    expect((await step(resident, id, 'close')).state).toBe('closed');
    const rated = await step(resident, id, 'rate', { rating: 4, note: '很快' });
    // Closed and rated: what is left is 回访 and, within EVENT_REOPEN_DAYS, 重新打开 (issue 22).
    expect(rated).toMatchObject({ rating: 4, ratingComment: '很快', actions: ['reopen', 'followup'] });
    expect((await act(resident, id, 'rate', { version: rated.version, rating: 5 }).expect(409)).body.code).toBe('INVALID_TRANSITION');

    const timeline = rated.timeline.map((s: { action: string; toState: string }) => `${s.action}>${s.toState}`);
    expect(timeline).toEqual(['report>reported', 'verify>accepted', 'dispatch>dispatched', 'claim>in_progress', 'resolve>resolved', 'rework>in_progress', 'resolve>resolved', 'close>closed', 'rate>closed']);
    expect(rated.timeline[4].note).toBe('已填平');
    // The reporter is told of each change made by someone else (not of their own rework/close/rate).
    const told = await count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'event.state_changed' AND payload LIKE ?", [`%"eventId":${id},%`]);
    expect(told).toBe(8);
    // Listed under 我的上报 with its state.
    const my = await api().get('/api/v1/events').query({ scope: 'my' }).set('authorization', resident.auth).expect(200);
    expect(my.body.items.find((e: { id: number }) => e.id === id)).toMatchObject({ state: 'closed', microGrid: { code: FIXTURE.A } });
  });

  it('answers a stale version with 409 and the current state; of two workers claiming at once exactly one wins', async () => {
    const { body } = await report(resident, {}).expect(201);
    await step(worker, body.id, 'verify');
    const stale = await act(worker, body.id, 'dispatch', { version: 1 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: { state: 'accepted', version: 2 } });
    const rs = await Promise.all([act(worker, body.id, 'claim', { version: 2 }), act(worker2, body.id, 'claim', { version: 2 })]);
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
    const d = await detail(worker, body.id).expect(200);
    expect([worker.userId, worker2.userId]).toContain(d.body.handlerId);
    expect(d.body.timeline.filter((s: { action: string }) => s.action === 'claim')).toHaveLength(1);
  });

  it('escalates up the tree and whistles to the department the responsibility list names, which handles it or gives it back', async () => {
    const dept = await api().post('/api/v1/departments').set('authorization', district.auth).send({ name: '区城管局', nodeCode: FIXTURE.DISTRICT, categoryCodes: ['road'] }).expect(201);
    const deptId = dept.body.id as number;
    const staff = await loginAs(t, { grants: [{ role: 'dept_staff', nodeCode: FIXTURE.DISTRICT, departmentId: deptId }] });
    const { body } = await report(resident, {}).expect(201);
    await step(worker, body.id, 'verify');
    const up = await step(worker, body.id, 'escalate', { note: '网格无法处理' });
    expect(up).toMatchObject({ state: 'escalated', ownerNode: { code: FIXTURE.GRID } });
    // Without a responsibility row 吹哨 asks for a department; a street admin cannot edit the list.
    expect((await act(street, body.id, 'whistle', { version: up.version }).expect(422)).body.details.fields.departmentId).toBeDefined();
    await api().put('/api/v1/responsibilities').set('authorization', street.auth).send({ nodeCode: FIXTURE.DISTRICT, category: 'road', departmentId: deptId }).expect(403);
    await api().put('/api/v1/responsibilities').set('authorization', district.auth).send({ nodeCode: FIXTURE.DISTRICT, category: 'road', departmentId: deptId, matter: '道路设施维修' }).expect(200);
    const list = await api().get('/api/v1/responsibilities').query({ node: FIXTURE.STREET }).set('authorization', street.auth).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ nodeCode: FIXTURE.DISTRICT, category: 'road', departmentId: deptId, matter: '道路设施维修' })]);
    const whistled = await step(street, body.id, 'whistle', { note: '请城管处理' });
    expect(whistled).toMatchObject({ state: 'dept_assigned', departmentId: deptId });
    // The department's staff see it in their inbox, give it back once, then handle it in the same loop.
    const inbox = await api().get('/api/v1/events').query({ scope: 'inbox', box: 'new' }).set('authorization', staff.auth).expect(200);
    expect(inbox.body.items.map((e: { id: number }) => e.id)).toContain(body.id);
    expect((await step(staff, body.id, 'return', { note: '不属于本部门' })).state).toBe('accepted');
    await step(street, body.id, 'whistle', { note: '确属城管' });
    expect((await step(staff, body.id, 'claim')).state).toBe('in_progress');
    expect((await step(staff, body.id, 'resolve', { note: '已修复' })).state).toBe('resolved');
  });

  it('deadlines: overdue events are marked, raised one level and audited; extension adds hours; suspension pauses the clock', async () => {
    await api().put('/api/v1/sla/policies').set('authorization', city.auth).send({ category: 'noise', stage: 'verify', hours: 1, mode: 'calendar' }).expect(200);
    await api().put('/api/v1/sla/policies').set('authorization', city.auth).send({ category: 'noise', stage: 'handle', hours: 10, mode: 'calendar' }).expect(200);
    await api().put('/api/v1/sla/policies').set('authorization', worker.auth).send({ category: 'noise', stage: 'handle', hours: 1, mode: 'calendar' }).expect(403);
    const { body } = await report(resident, { category: 'noise', location: IN_B }).expect(201);
    const d0 = await detail(worker, body.id).expect(200);
    expect(new Date(d0.body.deadlineAt).getTime() - new Date(d0.body.createdAt).getTime()).toBe(3_600_000);
    const overdue = t.app.get(OverdueService);
    expect(await overdue.scan(new Date(Date.now() + 30 * 60_000))).toBe(0);
    expect(await overdue.scan(new Date(Date.now() + 2 * 3_600_000))).toBeGreaterThanOrEqual(1);
    const d1 = await detail(worker, body.id).expect(200);
    expect(d1.body).toMatchObject({ overdue: true, state: 'reported', ownerNode: { code: FIXTURE.GRID } });
    expect(d1.body.timeline.at(-1)).toMatchObject({ action: 'overdue', actor: { system: true } });
    expect(await count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'event.overdue' AND payload LIKE ?", [`%"eventId":${body.id},%`])).toBe(1);
    // A second scan does not mark it again.
    await overdue.scan(new Date(Date.now() + 3 * 3_600_000));
    expect((await detail(worker, body.id)).body.timeline.filter((s: { action: string }) => s.action === 'overdue')).toHaveLength(1);

    // Verified: the handle stage starts its own 10 h clock.
    const v = await step(worker, body.id, 'verify');
    expect(v.overdue).toBe(false);
    const handleDeadline = new Date(v.deadlineAt).getTime();
    await step(worker, body.id, 'claim');
    await step(worker, body.id, 'request_extension', { note: '需要协调物业', hours: 5 });
    const ext = await step(street, body.id, 'approve_extension', { hours: 5 });
    expect(new Date(ext.deadlineAt).getTime() - handleDeadline).toBe(5 * 3_600_000);
    const susp = await step(street, body.id, 'suspend', { note: '等待施工许可' });
    expect(susp).toMatchObject({ state: 'suspended', deadlineAt: null, actions: expect.arrayContaining(['resume']) });
    const resumed = await step(street, body.id, 'resume');
    expect(resumed.state).toBe('in_progress');
    // The clock resumes with what was left (a few ms passed while suspended), not a fresh 10 h.
    expect(Math.abs(new Date(resumed.deadlineAt).getTime() - new Date(ext.deadlineAt).getTime())).toBeLessThan(10_000);
  });

  it('offers open nearby events of the same category as "me too", counted once per person', async () => {
    const { body } = await report(resident, { category: 'streetlight', description: '路灯不亮', location: IN_B }).expect(201);
    const near = await api().get('/api/v1/events/nearby').query({ category: 'streetlight', lat: IN_B.lat + 0.0005, lng: IN_B.lng }).set('authorization', neighbour.auth).expect(200);
    expect(near.body[0]).toMatchObject({ id: body.id, supporters: 0 });
    expect(near.body[0].distanceM).toBeGreaterThan(40);
    expect(near.body[0].distanceM).toBeLessThan(70);
    const far = await api().get('/api/v1/events/nearby').query({ category: 'streetlight', lat: IN_B.lat + 0.01, lng: IN_B.lng }).set('authorization', neighbour.auth).expect(200);
    expect(far.body.map((e: { id: number }) => e.id)).not.toContain(body.id);
    await api().get('/api/v1/events/nearby').query({ category: 'streetlight', lat: 'NaN', lng: IN_B.lng }).set('authorization', neighbour.auth).expect(422);
    const here = { location: { lat: IN_B.lat + 0.0005, lng: IN_B.lng } };
    expect((await api().post(`/api/v1/events/${body.id}/supporters`).set('authorization', neighbour.auth).send(here).expect(200)).body).toEqual({ supporters: 1, supportedByMe: true });
    expect((await api().post(`/api/v1/events/${body.id}/supporters`).set('authorization', neighbour.auth).send(here).expect(200)).body.supporters).toBe(1);
    await api().post(`/api/v1/events/${body.id}/supporters`).set('authorization', resident.auth).send(here).expect(422);
    // A supporter may follow it: the public view, not the reporter.
    const followed = (await detail(neighbour, body.id).expect(200)).body;
    expect(followed).toMatchObject({ view: 'public', supporters: 1, supportedByMe: true, state: 'reported' });
    expect(followed).not.toHaveProperty('reporter');
  });

  it('lists an admin subtree with filters and cursor pagination', async () => {
    for (let i = 0; i < 5; i++) await report(resident, { category: 'parking', location: IN_B }).expect(201);
    const all: number[] = [];
    let cursor: string | undefined;
    do {
      const r = await api().get('/api/v1/events').query({ scope: 'subtree', category: 'parking', node: FIXTURE.B, limit: 2, ...(cursor ? { cursor } : {}) }).set('authorization', street.auth).expect(200);
      all.push(...r.body.items.map((e: { id: number }) => e.id));
      cursor = r.body.nextCursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(5);
    expect([...all].sort((a, b) => b - a)).toEqual(all);
    expect((await api().get('/api/v1/events').query({ scope: 'subtree' }).set('authorization', resident.auth).expect(200)).body.items).toEqual([]);
    await api().get('/api/v1/events').query({ scope: 'everything' }).set('authorization', street.auth).expect(422);
    await api().get('/api/v1/events').query({ scope: 'subtree', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }).set('authorization', street.auth).expect(422);
  });

  it('takes signed machine alerts: confident ones accepted, the rest wait in the verify queue; bad signatures are refused', async () => {
    await api().post('/api/v1/webhooks/sources').set('authorization', worker.auth).send({ name: 'cam-ai' }).expect(403);
    const src = await api().post('/api/v1/webhooks/sources').set('authorization', city.auth).send({ name: 'cam-ai', minConfidence: 0.7 }).expect(201);
    const secret = src.body.secret as string;
    const post = (body: object, opts: { secret?: string; ts?: number; name?: string } = {}) => {
      const raw = JSON.stringify(body);
      const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
      return api()
        .post('/api/v1/webhooks/events')
        .set('content-type', 'application/json')
        .set('x-weigrid-source', opts.name ?? 'cam-ai')
        .set('x-weigrid-timestamp', ts)
        .set('x-weigrid-signature', signWebhook(opts.secret ?? secret, ts, raw))
        .send(raw);
    };
    const sure = await post({ alertId: 'a-1', category: 'parking', description: '消防通道占用', location: IN_A, confidence: 0.93 }).expect(201);
    expect(sure.body).toMatchObject({ state: 'accepted', microGrid: { code: FIXTURE.A } });
    expect((await post({ alertId: 'a-1', category: 'parking', description: '消防通道占用', location: IN_A, confidence: 0.93 }).expect(201)).body).toMatchObject({ id: sure.body.id, replayed: true });
    const unsure = await post({ alertId: 'a-2', category: 'parking', description: '疑似占道', location: IN_A, confidence: 0.4 }).expect(201);
    expect(unsure.body.state).toBe('reported');
    const queue = await api().get('/api/v1/events').query({ scope: 'verify' }).set('authorization', worker.auth).expect(200);
    expect(queue.body.items.map((e: { id: number }) => e.id)).toContain(unsure.body.id);
    expect(queue.body.items.find((e: { id: number }) => e.id === unsure.body.id).source).toBe('machine');
    const before = await count('SELECT COUNT(*) AS n FROM event');
    expect((await post({ alertId: 'a-3', category: 'parking', description: 'x', location: IN_A, confidence: 0.9 }, { secret: 'ab'.repeat(32) }).expect(401)).body.message).toMatch(/signature/);
    await post({ alertId: 'a-4', category: 'parking', description: 'x', location: IN_A, confidence: 0.9 }, { ts: Math.floor(Date.now() / 1000) - 3600 }).expect(401);
    await post({ alertId: 'a-5', category: 'parking', description: 'x', location: IN_A, confidence: 0.9 }, { name: 'nobody' }).expect(401);
    await post({ alertId: 'a-6', category: 'parking', description: 'x', location: IN_A, confidence: 1.5 }).expect(422);
    await api().post('/api/v1/webhooks/events').send({ alertId: 'a-7' }).expect(401);
    expect(await count('SELECT COUNT(*) AS n FROM event')).toBe(before);
  });

  it('lets a worker report a problem fixed on patrol as already resolved (self-handled)', async () => {
    const r = await report(memberA, { selfHandled: true, description: '清理了堆放的垃圾', category: 'sanitation' }).expect(201);
    expect(r.body.state).toBe('resolved');
    const d = await detail(worker, r.body.id).expect(200);
    expect(d.body).toMatchObject({ source: 'worker', handlerId: memberA.userId, stage: 'close' });
    expect(d.body.timeline[0].action).toBe('self_handle');
  });

  it('lets district and city admins edit categories; a deactivated category is no longer offered', async () => {
    await api().put('/api/v1/categories/stray_dogs').set('authorization', worker.auth).send({ name: '流浪犬' }).expect(403);
    await api().put('/api/v1/categories/Bad-Code').set('authorization', city.auth).send({ name: 'x' }).expect(422);
    await api().put('/api/v1/categories/stray_dogs').set('authorization', city.auth).send({ name: '', sort: -1 }).expect(422);
    expect((await api().put('/api/v1/categories/stray_dogs').set('authorization', district.auth).send({ name: '流浪犬', icon: 'dog', sort: 5 }).expect(200)).body).toEqual({ code: 'stray_dogs', name: '流浪犬', icon: 'dog', sort: 5, active: true });
    expect((await api().get('/api/v1/categories').expect(200)).body[0]).toMatchObject({ code: 'stray_dogs', name: '流浪犬' });
    await api().put('/api/v1/categories/noise').set('authorization', city.auth).send({ name: '噪音扰民', active: false }).expect(200);
    expect((await api().get('/api/v1/categories').expect(200)).body.map((c: { code: string }) => c.code)).not.toContain('noise');
    expect((await api().get('/api/v1/categories/all').set('authorization', city.auth).expect(200)).body.find((c: { code: string }) => c.code === 'noise')).toMatchObject({ active: false });
    await api().get('/api/v1/categories/all').set('authorization', worker.auth).expect(403);
  });

  it('rejects a report that is not a problem (with a reason), and records a handler\'s request for suspension for approvers', async () => {
    const { body } = await report(resident, { description: '测试一下' }).expect(201);
    expect((await act(worker, body.id, 'reject', { version: 1 }).expect(422)).body.details.fields.note).toBeDefined();
    const rejected = await step(worker, body.id, 'reject', { note: '非管辖范围问题，已电话告知' });
    expect(rejected).toMatchObject({ state: 'rejected', stage: null, deadlineAt: null });
    expect((await detail(resident, body.id).expect(200)).body.actions).toEqual([]);
    await act(worker, body.id, 'verify', { version: rejected.version }).expect(409);

    const { body: b2 } = await report(resident, {}).expect(201);
    await step(worker, b2.id, 'verify');
    await step(memberA, b2.id, 'claim');
    const asked = await step(memberA, b2.id, 'request_suspension', { note: '等待燃气公司停气' });
    // A request changes nothing but the timeline, and notifies nobody; an approver decides.
    expect(asked.state).toBe('in_progress');
    expect(asked.timeline.at(-1)).toMatchObject({ action: 'request_suspension', note: '等待燃气公司停气' });
    expect((await act(memberA, b2.id, 'suspend', { version: asked.version, note: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await step(worker, b2.id, 'suspend', { note: '同意缓办' })).state).toBe('suspended');
  });
});
