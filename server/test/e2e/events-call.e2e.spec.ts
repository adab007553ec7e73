import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { User } from '../../src/accounts/user.entity.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

const IN_A = { lat: 30.605, lng: 104.005 };

/**
 * The worker's task page calls the reporter (issue 20 item 3): the number reaches the event's
 * handler (or assignee) alone, never the other staff, and every call is on the timeline.
 */
describe.each(testDbKinds())('calling the reporter on %s', (kind) => {
  let t: TestApp;
  let resident: LoggedIn;
  let noPhone: LoggedIn;
  let member: LoggedIn;
  let otherMember: LoggedIn;
  let worker: LoggedIn;
  const api = () => request(t.base);
  const detail = (u: LoggedIn, id: number) => api().get(`/api/v1/events/${id}`).set('authorization', u.auth).expect(200).then((r) => r.body);
  const call = (u: LoggedIn, id: number) => api().post(`/api/v1/events/${id}/reporter-call`).set('authorization', u.auth);

  /** Reported by `who`, verified by the grid worker, claimed by the member: the member handles it. */
  async function handledTask(who: LoggedIn, extra: Record<string, unknown> = {}): Promise<number> {
    const r = await api().post('/api/v1/events').set('authorization', who.auth).send({ requestId: randomUUID(), category: 'road', description: '井盖缺失', location: IN_A, ...extra }).expect(201);
    await api().post(`/api/v1/events/${r.body.id}/actions/verify`).set('authorization', worker.auth).send({ version: 1 }).expect(200);
    await api().post(`/api/v1/events/${r.body.id}/actions/claim`).set('authorization', member.auth).send({ version: 2 }).expect(200);
    return r.body.id as number;
  }

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    resident = await loginAs(t);
    noPhone = await loginAs(t);
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.A }] });
    otherMember = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.B }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    await t.ds.getRepository(User).update({ id: resident.userId }, { phone: '13800001111', phoneBoundAt: new Date() });
    await t.ds.getRepository(User).update({ id: noPhone.userId }, { phone: '13900002222', phoneBoundAt: null });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the handler the number (masked in the detail, whole on the call) and puts the call on the timeline', async () => {
    const id = await handledTask(resident);
    expect((await detail(member, id)).reporterCall).toEqual({ phoneMasked: '138****1111' });
    // The grid worker over it, the reporter: no number, not even masked.
    expect((await detail(worker, id)).reporterCall).toBeNull();
    expect((await detail(resident, id)).reporterCall).toBeNull();
    expect(JSON.stringify(await detail(worker, id))).not.toContain('1111');

    expect((await call(member, id).expect(200)).body).toEqual({ phone: '13800001111' });
    const timeline = (await detail(resident, id)).timeline as { action: string; actor: { id: number } }[];
    expect(timeline.at(-1)).toMatchObject({ action: 'call_reporter', actor: { id: member.userId } });
    // The state and version did not move: the handler's next action still works at version 3.
    await api().post(`/api/v1/events/${id}/actions/resolve`).set('authorization', member.auth).send({ version: 3 }).expect(200);
    // Resolved: no more calls.
    expect((await detail(member, id)).reporterCall).toBeNull();
    await call(member, id).expect(404);
  });

  it('names who did each step on the timeline, with the role they act through (issue 20 item 11)', async () => {
    await t.ds.getRepository(User).update({ id: worker.userId }, { name: '王网格' });
    const id = await handledTask(resident);
    const steps = (u: LoggedIn) => detail(u, id).then((d) => (d.timeline as { action: string; actor: unknown }[]).map((x) => [x.action, x.actor]));
    const expected = [
      ['report', { id: resident.userId, name: null, role: null, system: false }],
      // a named grid worker: the reporter sees the name and the role, not 工作人员
      ['verify', { id: worker.userId, name: '王网格', role: 'grid_worker', system: false }],
      // no name set: the role says who it was
      ['claim', { id: member.userId, name: null, role: 'micro_member', system: false }],
    ];
    expect(await steps(resident)).toEqual(expected);
    expect(await steps(worker)).toEqual(expected);
  });

  it('refuses everyone else, anonymous reports and reporters without a verified phone, with a reason', async () => {
    const id = await handledTask(resident);
    const before = (await detail(worker, id)).timeline.length;
    expect((await call(worker, id).expect(403)).body.message).toContain('只有接单人');
    await call(otherMember, id).expect(404); // cannot see the event at all
    await call(resident, id).expect(403);
    await api().post('/api/v1/events/999999/reporter-call').set('authorization', member.auth).expect(404);
    expect((await detail(worker, id)).timeline.length).toBe(before);

    const anon = await handledTask(resident, { anonymous: true });
    expect((await detail(member, anon)).reporterCall).toBeNull();
    expect((await call(member, anon).expect(403)).body.message).toContain('匿名');

    const unverified = await handledTask(noPhone);
    expect((await detail(member, unverified)).reporterCall).toBeNull();
    expect((await call(member, unverified).expect(404)).body.message).toContain('手机号');
  });
});
