import request from 'supertest';
import sharp from 'sharp';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { sqlTime } from '../../src/db/rows.js';
import { OverdueService } from '../../src/events/overdue.service.js';
import { OutboxWorkerService } from '../../src/outbox/outbox-worker.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

/**
 * The case desk (issue 22, event actions): 核查, 改类别/改位置, 转办, 合并, 重新打开, priorities with
 * 临期预警 and repeated escalation, 代报, 常用语 and the acknowledgement, 回访 — each over HTTP with
 * its role rules, versioned, audited and with its outbox rows.
 */
const IN_A = { lat: 30.605, lng: 104.005 };
const IN_B = { lat: 30.605, lng: 104.015 };
const DAY = 86_400_000;

describe.each(testDbKinds())('the case desk over HTTP on %s', (kind) => {
  let t: TestApp;
  let resident: LoggedIn;
  let neighbour: LoggedIn;
  let stranger: LoggedIn;
  let worker: LoggedIn;
  let memberA: LoggedIn;
  let memberA2: LoggedIn;
  let memberB: LoggedIn;
  let street: LoggedIn;
  let district: LoggedIn;

  const api = () => request(t.base);
  const report = (who: LoggedIn, body: Record<string, unknown> = {}) =>
    api().post('/api/v1/events').set('authorization', who.auth).send({ requestId: randomUUID(), category: 'road', description: '人行道有坑', location: IN_A, ...body });
  const act = (who: LoggedIn, id: number, action: string, body: Record<string, unknown>) => api().post(`/api/v1/events/${id}/actions/${action}`).set('authorization', who.auth).send(body);
  const detail = (who: LoggedIn, id: number) => api().get(`/api/v1/events/${id}`).set('authorization', who.auth);
  const version = async (id: number) => Number((await t.ds.query('SELECT version FROM event WHERE id = ?', [id]))[0].version);
  async function step(who: LoggedIn, id: number, action: string, body: Record<string, unknown> = {}) {
    const r = await act(who, id, action, { version: await version(id), ...body });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const count = async (sql: string, params: unknown[] = []) => Number((await t.ds.query(sql, params))[0].n);
  const outbox = (kind: string, id: number) => count('SELECT COUNT(*) AS n FROM outbox WHERE kind = ? AND payload LIKE ?', [kind, `%"eventId":${id},%`]);
  async function photo(who: LoggedIn): Promise<string> {
    const img = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 160, b: 40 } } }).jpeg().toBuffer();
    const r = await api().post('/api/v1/uploads').set('authorization', who.auth).attach('file', img, { filename: 'after.jpg', contentType: 'image/jpeg' }).expect(201);
    return r.body.id as string;
  }
  /** A report by the resident taken to `resolved` by memberA. */
  async function resolved(body: Record<string, unknown> = {}): Promise<number> {
    const { body: created } = await report(resident, body).expect(201);
    const id = created.id as number;
    await step(worker, id, 'verify');
    await step(memberA, id, 'claim');
    await step(memberA, id, 'resolve', { note: '已修复' });
    return id;
  }

  beforeAll(async () => {
    // road needs a passed 核查 before 结案; other categories do not.
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off', EVENT_CHECK_REQUIRED: 'road', EVENT_REOPEN_DAYS: '7', EVENT_FOLLOWUP_DAYS: '3' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    resident = await loginAs(t);
    neighbour = await loginAs(t);
    stranger = await loginAs(t);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    memberA = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.A }] });
    memberA2 = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.A }] });
    memberB = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.B }] });
    street = await loginAs(t, { grants: [{ role: 'street_admin', nodeCode: FIXTURE.STREET }] });
    district = await loginAs(t, { grants: [{ role: 'district_admin', nodeCode: FIXTURE.DISTRICT }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('核查: only the reporter or a collector other than the handler, with an on-site photo; 结案 waits for a pass; failing sends it back', async () => {
    const id = await resolved();
    // The policy says road needs a check: no 结案 button yet, and the server refuses it.
    const asReporter = await detail(resident, id).expect(200);
    expect(asReporter.body.check).toEqual({ required: true, result: null, checkers: ['reporter', 'micro_member', 'micro_leader', 'grid_worker'] });
    expect(asReporter.body.actions).toEqual(['check', 'rework']);
    expect((await act(worker, id, 'close', { version: await version(id) }).expect(409)).body).toMatchObject({ code: 'INVALID_TRANSITION', details: { checkRequired: true } });
    // The handler may not check their own work; an admin is no collector; a stranger is nobody to it.
    const own = await photo(memberA);
    expect((await act(memberA, id, 'check', { version: await version(id), passed: true, photos: [own] }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await detail(memberA, id)).body.actions).not.toContain('check');
    expect((await act(street, id, 'check', { version: await version(id), passed: true, photos: [await photo(street)] }).expect(403)).body.code).toBe('FORBIDDEN');
    await act(stranger, id, 'check', { version: await version(id), passed: true, photos: [await photo(stranger)] }).expect(404);
    // No photo, or someone else's photo: 422.
    expect((await act(memberA2, id, 'check', { version: await version(id), passed: true }).expect(422)).body.details.fields.photos).toBeDefined();
    expect((await act(memberA2, id, 'check', { version: await version(id), passed: true, photos: [own] }).expect(422)).body.details.fields.photos).toBeDefined();
    // A stale version is 409 with the current state.
    const p2 = await photo(memberA2);
    expect((await act(memberA2, id, 'check', { version: 1, passed: false, photos: [p2] }).expect(409)).body).toMatchObject({ code: 'STALE_VERSION', details: { state: 'resolved' } });

    // Failing: back to the handler (返工), who is told; the case is counted as reworked by its audit.
    const failed = await step(memberA2, id, 'check', { passed: false, photos: [p2], note: '井盖仍松动' });
    expect(failed).toMatchObject({ state: 'in_progress', handlerId: memberA.userId, check: { result: 'failed' } });
    expect(failed.timeline.at(-1)).toMatchObject({ action: 'check', fromState: 'resolved', toState: 'in_progress', note: '井盖仍松动' });
    expect(failed.timeline.at(-1).photos).toHaveLength(1);
    const payload = JSON.parse((await t.ds.query("SELECT payload FROM outbox WHERE kind = 'event.state_changed' AND payload LIKE ? ORDER BY id DESC", [`%"eventId":${id},%`]))[0].payload);
    expect(payload).toMatchObject({ action: 'check', from: 'resolved', to: 'in_progress', handlerId: memberA.userId });

    // Resolved again: the old result no longer counts. The reporter checks it this time and passes it; then 结案.
    await step(memberA, id, 'resolve', { note: '已重新固定' });
    expect((await detail(resident, id)).body.check.result).toBeNull();
    const passed = await step(resident, id, 'check', { passed: true, photos: [await photo(resident)] });
    expect(passed).toMatchObject({ state: 'resolved', check: { result: 'passed' } });
    expect(passed.actions).toEqual(['close', 'rework']);
    expect((await step(resident, id, 'close')).state).toBe('closed');
    // A category without the policy closes without a check.
    const other = await resolved({ category: 'greenery' });
    expect((await detail(worker, other)).body.actions).toContain('close');
    expect((await step(worker, other, 'close')).state).toBe('closed');
  });

  it('改类别 re-routes to the department the 权责清单 names; 改位置 re-routes to the right micro-grid and confirms it', async () => {
    const road = await api().post('/api/v1/departments').set('authorization', district.auth).send({ name: '区住建局', nodeCode: FIXTURE.DISTRICT, categoryCodes: ['road'] }).expect(201);
    const light = await api().post('/api/v1/departments').set('authorization', district.auth).send({ name: '区路灯所', nodeCode: FIXTURE.DISTRICT, categoryCodes: ['streetlight'] }).expect(201);
    await api().put('/api/v1/responsibilities').set('authorization', district.auth).send({ nodeCode: FIXTURE.DISTRICT, category: 'road', departmentId: road.body.id }).expect(200);
    const { body } = await report(resident).expect(201);
    await step(worker, body.id, 'verify');
    await step(worker, body.id, 'whistle');
    // No department is responsible for streetlights yet: 422, nothing changed.
    expect((await act(worker, body.id, 'recategorize', { version: await version(body.id), category: 'streetlight' }).expect(422)).body.details.fields.category).toBeDefined();
    await api().put('/api/v1/responsibilities').set('authorization', district.auth).send({ nodeCode: FIXTURE.DISTRICT, category: 'streetlight', departmentId: light.body.id }).expect(200);
    // Residents and members may not; unknown or unchanged categories are 422.
    expect((await act(resident, body.id, 'recategorize', { version: await version(body.id), category: 'streetlight' }).expect(403)).body.code).toBe('FORBIDDEN');
    await act(worker, body.id, 'recategorize', { version: await version(body.id), category: 'no_such' }).expect(422);
    await act(worker, body.id, 'recategorize', { version: await version(body.id), category: 'road' }).expect(422);
    const moved = await step(worker, body.id, 'recategorize', { category: 'streetlight', note: '实为路灯故障' });
    expect(moved).toMatchObject({ category: 'streetlight', state: 'dept_assigned', departmentId: light.body.id });
    expect(moved.timeline.at(-1)).toMatchObject({ action: 'recategorize', note: '实为路灯故障' });

    // 改位置: a report filed in A that belongs in B moves to B: B's member sees it, A's assignee lets go.
    const { body: r2 } = await report(resident).expect(201);
    await step(worker, r2.id, 'verify');
    await step(worker, r2.id, 'dispatch', { assigneeId: memberA.userId });
    await act(memberA, r2.id, 'relocate', { version: await version(r2.id), location: IN_B }).expect(403);
    expect((await act(worker, r2.id, 'relocate', { version: await version(r2.id) }).expect(422)).body.details.fields.location).toBeDefined();
    expect((await act(worker, r2.id, 'relocate', { version: await version(r2.id), location: IN_B, gridCode: FIXTURE.B }).expect(422)).body.details.fields.gridCode).toBeDefined();
    await detail(memberB, r2.id).expect(404);
    const there = await step(worker, r2.id, 'relocate', { location: IN_B, note: '位置标错了' });
    expect(there).toMatchObject({ microGrid: { code: FIXTURE.B }, assigneeId: null, state: 'dispatched' });
    await detail(memberB, r2.id).expect(200);
    await detail(memberA, r2.id).expect(404);
    // B's members are told of a task that became theirs.
    const created = (await t.ds.query("SELECT payload FROM outbox WHERE kind = 'event.created' AND payload LIKE ?", [`%"eventId":${r2.id},%`])).map((r: { payload: string }) => JSON.parse(r.payload).nodeId);
    expect(created).toHaveLength(2);

    // A point routed by a fallback asks for confirmation; relocating (here: to its own micro-grid by code) settles it.
    await t.ds.query('UPDATE event SET needs_grid_confirm = ? WHERE id = ?', [true, r2.id]);
    const confirmed = await step(worker, r2.id, 'relocate', { gridCode: FIXTURE.B });
    expect(confirmed.microGrid.code).toBe(FIXTURE.B);
    expect(await count('SELECT COUNT(*) AS n FROM event WHERE id = ? AND needs_grid_confirm = ?', [r2.id, false])).toBe(1);
  });

  it('转办 goes sideways only: to a sibling micro-grid with a reason, or to a department at the same level', async () => {
    const { body } = await report(resident).expect(201);
    await step(worker, body.id, 'verify');
    await step(worker, body.id, 'dispatch', { assigneeId: memberA.userId });
    expect((await act(worker, body.id, 'transfer', { version: await version(body.id), gridCode: FIXTURE.B }).expect(422)).body.details.fields.note).toBeDefined();
    // Not a micro-grid, or one under another grid: refused.
    await act(worker, body.id, 'transfer', { version: await version(body.id), gridCode: FIXTURE.GRID, note: '不归我们' }).expect(422);
    await act(memberA, body.id, 'transfer', { version: await version(body.id), gridCode: FIXTURE.B, note: '不归我们' }).expect(403);
    const moved = await step(worker, body.id, 'transfer', { gridCode: FIXTURE.B, note: '在二号微网格的范围内' });
    expect(moved).toMatchObject({ state: 'accepted', microGrid: { code: FIXTURE.B }, assigneeId: null });
    expect(moved.timeline.at(-1)).toMatchObject({ action: 'transfer', note: '在二号微网格的范围内' });
    // It is B's now.
    const inboxB = await api().get('/api/v1/events').query({ scope: 'inbox', box: 'new' }).set('authorization', memberB.auth).expect(200);
    expect(inboxB.body.items.map((e: { id: number }) => e.id)).toContain(body.id);

    // Between departments: only at the same node.
    const d1 = await api().post('/api/v1/departments').set('authorization', district.auth).send({ name: '区水务局', nodeCode: FIXTURE.DISTRICT, categoryCodes: [] }).expect(201);
    const d2 = await api().post('/api/v1/departments').set('authorization', district.auth).send({ name: '区城管局', nodeCode: FIXTURE.DISTRICT, categoryCodes: [] }).expect(201);
    const cityAdmin = await loginAs(t, { grants: [{ role: 'city_admin', nodeCode: FIXTURE.CITY }] });
    const d3 = await api().post('/api/v1/departments').set('authorization', cityAdmin.auth).send({ name: '市城管委', nodeCode: FIXTURE.CITY, categoryCodes: [] }).expect(201);
    const staff1 = await loginAs(t, { grants: [{ role: 'dept_staff', nodeCode: FIXTURE.DISTRICT, departmentId: d1.body.id }] });
    const staff2 = await loginAs(t, { grants: [{ role: 'dept_staff', nodeCode: FIXTURE.DISTRICT, departmentId: d2.body.id }] });
    await step(worker, body.id, 'whistle', { departmentId: d1.body.id });
    expect((await act(staff1, body.id, 'transfer', { version: await version(body.id), departmentId: d3.body.id, note: '应由市里' }).expect(422)).body.details.fields.departmentId).toBeDefined();
    expect((await act(staff1, body.id, 'transfer', { version: await version(body.id), gridCode: FIXTURE.A, note: '退回' }).expect(403)).body.code).toBe('FORBIDDEN');
    const dept = await step(staff1, body.id, 'transfer', { departmentId: d2.body.id, note: '属城管职责' });
    expect(dept).toMatchObject({ state: 'dept_assigned', departmentId: d2.body.id });
    // staff1 handed it on: the answer shows what they did, without actions; staff2 may act on it now.
    expect(dept.actions).toEqual([]);
    await detail(staff1, body.id).expect(404);
    expect((await detail(staff2, body.id).expect(200)).body.actions).toEqual(expect.arrayContaining(['claim', 'return', 'transfer']));
  });

  it('合并: the duplicate closes with a link; its supporters, photos and its reporter follow the original, and hear of its progress', async () => {
    const { body: original } = await report(neighbour, { description: '路面塌陷' }).expect(201);
    const pic = await photo(resident);
    const { body: dup } = await report(resident, { description: '这里路面塌了', photos: [pic] }).expect(201);
    await api().post(`/api/v1/events/${dup.id}/supporters`).set('authorization', stranger.auth).send({ location: IN_A }).expect(200);
    // Residents and members cannot merge; not into itself, not into a closed case, not into one out of scope.
    await act(resident, dup.id, 'merge', { version: 1, targetId: original.id }).expect(403);
    await act(memberA, dup.id, 'merge', { version: 1, targetId: original.id }).expect(403);
    expect((await act(worker, dup.id, 'merge', { version: 1, targetId: dup.id }).expect(422)).body.details.fields.targetId).toBeDefined();
    expect((await act(worker, dup.id, 'merge', { version: 1, targetId: 999_999 }).expect(422)).body.details.fields.targetId).toBeDefined();
    expect((await act(worker, dup.id, 'merge', { version: 1 }).expect(422)).body.details.fields.targetId).toBeDefined();

    const merged = await step(worker, dup.id, 'merge', { targetId: original.id, note: '同一处塌陷' });
    expect(merged).toMatchObject({ state: 'closed', mergedInto: original.id, actions: [] });
    // The original: two supporters now (the duplicate's reporter and its supporter), the photo in its timeline.
    const o = (await detail(worker, original.id).expect(200)).body;
    expect(o.supporters).toBe(2);
    expect(o.timeline.at(-1)).toMatchObject({ action: 'merged_from', note: '同一处塌陷' });
    expect(o.timeline.at(-1).photos.map((p: { id: string }) => p.id)).toEqual([pic]);
    // The duplicate's reporter now reads the original's public view and is told of its changes.
    const pub = (await detail(resident, original.id).expect(200)).body;
    expect(pub).toMatchObject({ view: 'public', supporters: 2, mergedInto: null });
    // … and learns where it went.
    expect(JSON.parse((await t.ds.query("SELECT payload FROM outbox WHERE kind = 'event.state_changed' AND payload LIKE ?", [`%"eventId":${dup.id},%`]))[0].payload)).toMatchObject({ action: 'merge', to: 'closed', mergedInto: original.id, reporterId: resident.userId });
    // A merged duplicate cannot be reopened (it lives on in the original).
    expect((await act(resident, dup.id, 'reopen', { version: await version(dup.id), note: '又坏了' }).expect(409)).body.details.mergedInto).toBe(original.id);

    // The notifications carry over: the outbox worker tells the duplicate's reporter of the original's next step.
    await step(worker, original.id, 'verify');
    await t.app.get(OutboxWorkerService).worker.drain();
    const inbox = await api().get('/api/v1/inbox').set('authorization', resident.auth).expect(200);
    expect(inbox.body.items.map((n: { refId: number; kind: string }) => `${n.kind}:${n.refId}`)).toEqual(expect.arrayContaining([`event_progress:${original.id}`, `event_progress:${dup.id}`]));
    const strangerInbox = await api().get('/api/v1/inbox').set('authorization', stranger.auth).expect(200);
    expect(strangerInbox.body.items.map((n: { refId: number }) => n.refId)).toContain(original.id);
  });

  it('重新打开: the reporter or a supporter, with a reason, within the window after 结案', async () => {
    const id = await resolved({ category: 'greenery' });
    const { body: open } = await report(resident, { category: 'greenery' }).expect(201);
    await api().post(`/api/v1/events/${open.id}/supporters`).set('authorization', neighbour.auth).send({ location: IN_A }).expect(200);
    await step(worker, open.id, 'verify');
    await step(memberA, open.id, 'claim');
    await step(memberA, open.id, 'resolve');
    await step(worker, open.id, 'close');
    // The supporter sees a 重新打开 button on the public view; a reason is required.
    const pub = (await detail(neighbour, open.id).expect(200)).body;
    expect(pub).toMatchObject({ view: 'public', actions: ['reopen'] });
    expect((await act(neighbour, open.id, 'reopen', { version: pub.version }).expect(422)).body.details.fields.note).toBeDefined();
    await act(stranger, open.id, 'reopen', { version: pub.version, note: '又坏了' }).expect(404);
    await act(worker, open.id, 'reopen', { version: pub.version, note: '又坏了' }).expect(403);
    const again = (await act(neighbour, open.id, 'reopen', { version: pub.version, note: '树枝又倒了' }).expect(200)).body;
    expect(again).toMatchObject({ view: 'public', state: 'in_progress' });
    expect(await count('SELECT COUNT(*) AS n FROM event WHERE id = ? AND handler_id = ? AND closed_at IS NULL', [open.id, memberA.userId])).toBe(1);

    // Past the window: refused with the number of days.
    await step(worker, id, 'close');
    await t.ds.query('UPDATE event SET closed_at = ? WHERE id = ?', [sqlTime(new Date(Date.now() - 8 * DAY)), id]);
    expect((await detail(resident, id)).body.actions).not.toContain('reopen');
    expect((await act(resident, id, 'reopen', { version: await version(id), note: '又坏了' }).expect(409)).body.details.reopenDays).toBe(7);
  });

  it('紧急 shortens deadlines and says so in pushes; 临期预警 once before the deadline; escalation repeats while overdue', async () => {
    const { body } = await report(worker, { priority: 'urgent' }).expect(201);
    await act(resident, body.id, 'prioritize', { version: 1, priority: 'normal' }).expect(404);
    const urgentDeadline = (await detail(worker, body.id)).body.deadlineAt;
    const { body: normal } = await report(worker).expect(201);
    const normalDeadline = (await detail(worker, normal.id)).body.deadlineAt;
    expect(new Date(urgentDeadline).getTime()).toBeLessThan(new Date(normalDeadline).getTime());
    // Residents cannot mark their own reports urgent.
    expect((await report(resident, { priority: 'urgent' }).expect(403)).body.details.fields.priority).toBeDefined();
    // Raising a normal case to urgent moves its deadline closer; it is audited.
    const raised = await step(street, normal.id, 'prioritize', { priority: 'urgent', note: '涉及安全' });
    expect(raised.priority).toBe('urgent');
    expect(new Date(raised.deadlineAt).getTime()).toBeLessThan(new Date(normalDeadline).getTime());
    await act(street, normal.id, 'prioritize', { version: raised.version, priority: 'urgent' }).expect(422);

    // 临期预警: at 80 % of the time, once, without changing the version.
    const [row] = await t.ds.query('SELECT warn_at, deadline_at FROM event WHERE id = ?', [body.id]);
    expect(row.warn_at).not.toBeNull();
    const v = await version(body.id);
    const scanner = t.app.get(OverdueService);
    const warnAt = new Date(typeof row.warn_at === 'string' ? `${row.warn_at.replace(' ', 'T')}Z` : row.warn_at);
    await scanner.scan(new Date(warnAt.getTime() + 1000));
    await scanner.scan(new Date(warnAt.getTime() + 2000));
    expect(await outbox('event.due_soon', body.id)).toBe(1);
    expect(await version(body.id)).toBe(v);
    expect(JSON.parse((await t.ds.query("SELECT payload FROM outbox WHERE kind = 'event.due_soon' AND payload LIKE ?", [`%"eventId":${body.id},%`]))[0].payload).priority).toBe('urgent');

    // Overdue: raised a level at once, then again each EVENT_ESCALATE_EVERY_HOURS (24) while it stays overdue.
    const late = Date.now() + 30 * DAY;
    await scanner.scan(new Date(late));
    await scanner.scan(new Date(late + 3_600_000));
    expect(await outbox('event.overdue', body.id)).toBe(1);
    await scanner.scan(new Date(late + 25 * 3_600_000));
    expect(await outbox('event.overdue', body.id)).toBe(2);
    const owner = (await detail(district, body.id)).body.ownerNode.code;
    // Micro-grid → grid at the first mark, → community a day later.
    expect(owner).toBe(FIXTURE.COMMUNITY);
  });

  it('代报: staff file for a caller; the caller is stored encrypted, shown to staff only and counted apart', async () => {
    expect((await report(resident, { onBehalf: { name: '王大爷', phone: '13800138000' } }).expect(403)).body.details.fields.onBehalf).toBeDefined();
    await report(worker, { onBehalf: { name: '王大爷', phone: 'call me' } }).expect(422);
    const { body } = await report(worker, { onBehalf: { name: '王大爷', phone: '13800138000' }, description: '电话反映：楼道灯不亮' }).expect(201);
    const d = (await detail(worker, body.id).expect(200)).body;
    expect(d).toMatchObject({ source: 'proxy', onBehalf: { name: '王大爷', phoneMasked: '138****8000' } });
    expect(JSON.stringify(d)).not.toContain('13800138000');
    const [raw] = await t.ds.query('SELECT caller_name, caller_phone, source FROM event WHERE id = ?', [body.id]);
    expect(raw.source).toBe('proxy');
    expect(`${raw.caller_name}${raw.caller_phone}`).not.toMatch(/王大爷|13800138000/);
    // Counted apart: the list of 代报 reports under the grid has it and nothing else.
    const proxied = await api().get('/api/v1/events').query({ scope: 'subtree', node: FIXTURE.GRID, source: 'proxy' }).set('authorization', worker.auth).expect(200);
    expect(proxied.body.items.map((e: { id: number; source: string }) => `${e.id}:${e.source}`)).toEqual([`${body.id}:proxy`]);
  });

  it('常用语 per category and state (district admins edit them); a new report gets the acknowledgement', async () => {
    await api().post('/api/v1/events/templates').set('authorization', street.auth).send({ category: '*', state: 'resolved', text: '已处理完毕' }).expect(403);
    await api().post('/api/v1/events/templates').set('authorization', district.auth).send({ category: 'road', state: 'nope', text: 'x' }).expect(422);
    await api().post('/api/v1/events/templates').set('authorization', district.auth).send({ category: 'nope', state: '*', text: 'x' }).expect(422);
    const any = await api().post('/api/v1/events/templates').set('authorization', district.auth).send({ category: '*', state: 'in_progress', text: '已安排人员前往处置' }).expect(201);
    await api().post('/api/v1/events/templates').set('authorization', district.auth).send({ category: 'road', state: 'in_progress', text: '已联系施工单位修复路面' }).expect(201);
    await api().post('/api/v1/events/templates').set('authorization', district.auth).send({ category: 'road', state: 'reported', text: '道路问题已收到，我们会在4小时内核实' }).expect(201);
    const list = await api().get('/api/v1/events/templates').query({ category: 'road', state: 'in_progress' }).set('authorization', memberA.auth).expect(200);
    expect(list.body.map((x: { text: string }) => x.text)).toEqual(['已联系施工单位修复路面', '已安排人员前往处置']);
    const greenery = await api().get('/api/v1/events/templates').query({ category: 'greenery', state: 'in_progress' }).set('authorization', memberA.auth).expect(200);
    expect(greenery.body.map((x: { text: string }) => x.text)).toEqual(['已安排人员前往处置']);
    await api().delete(`/api/v1/events/templates/${any.body.id}`).set('authorization', street.auth).expect(403);
    await api().delete(`/api/v1/events/templates/${any.body.id}`).set('authorization', district.auth).expect(204);
    await api().delete(`/api/v1/events/templates/${any.body.id}`).set('authorization', district.auth).expect(404);

    // The acknowledgement: the reporter's inbox says it was received, in the road template's words.
    const { body } = await report(stranger).expect(201);
    await t.app.get(OutboxWorkerService).worker.drain();
    const inbox = await api().get('/api/v1/inbox').set('authorization', stranger.auth).expect(200);
    expect(inbox.body.items.find((n: { refId: number; kind: string }) => n.refId === body.id && n.kind === 'event_ack')).toMatchObject({ body: '道路问题已收到，我们会在4小时内核实' });
  });

  it('回访 N days after 结案: asked once; "not fixed" reopens it and counts as rework; the answer feeds satisfaction', async () => {
    const id = await resolved({ category: 'greenery' });
    await step(resident, id, 'close');
    const [row] = await t.ds.query("SELECT due_at FROM outbox WHERE kind = 'event.followup' AND payload LIKE ?", [`%"eventId":${id},%`]);
    const dueIn = new Date(typeof row.due_at === 'string' ? `${row.due_at.replace(' ', 'T')}Z` : row.due_at).getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(2.9 * DAY);
    expect(dueIn).toBeLessThan(3.1 * DAY);
    // Only the reporter answers, once.
    await act(worker, id, 'followup', { version: await version(id), fixed: true }).expect(403);
    expect((await act(resident, id, 'followup', { version: await version(id) }).expect(422)).body.details.fields.fixed).toBeDefined();
    const answered = await step(resident, id, 'followup', { fixed: false, rating: 2, note: '树还是歪的' });
    expect(answered).toMatchObject({ state: 'in_progress', rating: 2, followup: { fixed: false } });
    await step(memberA, id, 'resolve');
    await step(resident, id, 'close');
    expect((await act(resident, id, 'followup', { version: await version(id), fixed: true }).expect(409)).body.code).toBe('INVALID_TRANSITION');
    // The stats count it reworked (a closed case sent back), and the rating as satisfaction.
    const { computeFact } = await import('../../src/stats/kpi.js');
    const audit = (await t.ds.query('SELECT action, from_state, to_state, at FROM event_audit WHERE event_id = ? ORDER BY id', [id])).map((a: { action: string; from_state: string | null; to_state: string; at: string | Date }) => ({ action: a.action, fromState: a.from_state, toState: a.to_state, at: new Date(a.at) }));
    const fact = computeFact({ id, nodePath: '5101/', category: 'greenery', state: 'closed', rating: 2, overdueAt: null, createdAt: new Date() }, audit, { hours: 24, mode: 'calendar' });
    expect(fact).toMatchObject({ reworked: true, rating: 2 });
  });
});
