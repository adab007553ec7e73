import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';

const STREET = '510104001';
const C1 = '510104001001';
const C2 = '510104001002';
const G1 = '510104001001001';
const G2 = '510104001002001';
const M1 = '510104001001001001';
const M2 = '510104001002001001';
const OTHER_STREET = '510104002';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDbKinds())('notices (指令直达) on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let w1: LoggedIn;
  let w2: LoggedIn;
  let m1: LoggedIn;
  let m2: LoggedIn;
  let resident: LoggedIn;
  let outsider: LoggedIn;
  let noticeId: number;

  beforeAll(async () => {
    t = await bootTestApp(kind, { OUTBOX_POLL_MS: '50' });
    admin = await loginAs(t, { grants: [{ role: 'street_admin', nodeCode: STREET }] });
    w1 = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: G1 }] });
    w2 = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: G2 }] });
    m1 = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: M1 }, { role: 'micro_leader', nodeCode: M1 }] });
    m2 = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: M2 }] });
    resident = await loginAs(t, { grants: [{ role: 'resident', nodeCode: M1 }] });
    outsider = await loginAs(t, { grants: [{ role: 'street_admin', nodeCode: OTHER_STREET }] });
    // m1 holds one 'notice' credit: the only one who gets a WeChat push.
    await request(t.base).post('/api/v1/subscriptions').set('authorization', m1.auth).send({ results: { 'dev-notice': 'accept' } }).expect(200);
  });
  afterAll(() => t.close());

  const send = (u: LoggedIn, body: object) => request(t.base).post('/api/v1/notices').set('authorization', u.auth).send(body);
  const count = async (table: string) => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('fans out to every staff member of the subtree (not residents, not the sender) and pushes to credit holders', async () => {
    const deadline = new Date(Date.now() + 86_400_000).toISOString();
    const r = await send(admin, { nodeCode: STREET, title: '关于开展燃气安全排查的通知', body: '请各网格于本周五前完成辖区燃气安全排查并上报。', ackDeadline: deadline }).expect(201);
    noticeId = r.body.id;
    expect(r.body).toMatchObject({ recipients: 4, ackRequired: true, node: { code: STREET }, roles: null, attachments: [] });
    const rows = await t.ds.query('SELECT user_id FROM notice_recipient WHERE notice_id = ? ORDER BY user_id', [noticeId]);
    expect(rows.map((x: { user_id: unknown }) => Number(x.user_id))).toEqual([w1.userId, w2.userId, m1.userId, m2.userId].sort((a, b) => a - b));
    const until = Date.now() + 5000;
    while (t.wechat.messages.length < 1 && Date.now() < until) await sleep(50);
    expect(t.wechat.messages).toHaveLength(1);
    expect(t.wechat.messages[0]).toMatchObject({ touser: m1.openid, template_id: 'dev-notice', page: `pages/notice/index?id=${noticeId}` });
    expect(t.wechat.messages[0]!.data.thing1!.value).toBe('关于开展燃气安全排查的通知');
  });

  it('lets recipients read and acknowledge; the sender sees rates per child node and who has not read', async () => {
    await request(t.base).get('/api/v1/inbox/unread-count').set('authorization', m1.auth).expect(200, { unread: 0, unreadNotices: 1 });
    const inbox = await request(t.base).get('/api/v1/notices/inbox').set('authorization', m1.auth).expect(200);
    expect(inbox.body.items[0]).toMatchObject({ id: noticeId, readAt: null, ackedAt: null });
    await request(t.base).post(`/api/v1/notices/${noticeId}/read`).set('authorization', m1.auth).expect(200);
    const acked = await request(t.base).post(`/api/v1/notices/${noticeId}/ack`).set('authorization', w1.auth).expect(200);
    expect(acked.body.ackedAt).toBeTruthy();
    expect(acked.body.readAt).toBeTruthy();
    await request(t.base).get('/api/v1/inbox/unread-count').set('authorization', m1.auth).expect(200, { unread: 0, unreadNotices: 0 });

    const stats = await request(t.base).get(`/api/v1/notices/${noticeId}/stats`).set('authorization', admin.auth).expect(200);
    expect(stats.body).toMatchObject({ recipients: 4, read: 2, acked: 1 });
    expect(stats.body.byChild).toEqual([
      { code: C1, name: `测试${C1}`, level: 'community', recipients: 2, read: 2, acked: 1, readRate: 1 },
      { code: C2, name: `测试${C2}`, level: 'community', recipients: 2, read: 0, acked: 0, readRate: 0 },
    ]);
    const pending = await request(t.base).get(`/api/v1/notices/${noticeId}/pending`).set('authorization', admin.auth).expect(200);
    expect(pending.body.items.map((x: { userId: number }) => x.userId).sort()).toEqual([w2.userId, m2.userId].sort());
    const unacked = await request(t.base).get(`/api/v1/notices/${noticeId}/pending?unacked=true&nodeCode=${C1}`).set('authorization', admin.auth).expect(200);
    expect(unacked.body.items.map((x: { userId: number }) => x.userId)).toEqual([m1.userId]);
    await request(t.base).get(`/api/v1/notices/${noticeId}/pending?nodeCode=${OTHER_STREET}`).set('authorization', admin.auth).expect(422);
  });

  it('reminds the unread at most every 10 minutes', async () => {
    const r = await request(t.base).post(`/api/v1/notices/${noticeId}/remind`).set('authorization', admin.auth).expect(200);
    expect(r.body).toEqual({ unread: 2, queued: true });
    const again = await request(t.base).post(`/api/v1/notices/${noticeId}/remind`).set('authorization', admin.auth).expect(429);
    expect(again.body.code).toBe('RATE_LIMITED');
  });

  it('hides a notice from people who are neither recipients nor senders over its node', async () => {
    await request(t.base).get(`/api/v1/notices/${noticeId}`).set('authorization', resident.auth).expect(404);
    await request(t.base).get(`/api/v1/notices/${noticeId}/stats`).set('authorization', outsider.auth).expect(404);
    await request(t.base).get(`/api/v1/notices/${noticeId}/stats`).set('authorization', m1.auth).expect(404);
    await request(t.base).post(`/api/v1/notices/${noticeId}/read`).set('authorization', outsider.auth).expect(404);
    const sent = await request(t.base).get('/api/v1/notices/sent').set('authorization', admin.auth).expect(200);
    expect(sent.body.items.map((n: { id: number }) => n.id)).toContain(noticeId);
    const none = await request(t.base).get('/api/v1/notices/sent').set('authorization', outsider.auth).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('sends to chosen roles only; a grid worker reaches their own subtree', async () => {
    const r = await send(admin, { nodeCode: STREET, roles: ['grid_worker'], title: '网格员例会', body: '周一上午九点街道会议室' }).expect(201);
    expect(r.body).toMatchObject({ recipients: 2, roles: ['grid_worker'], ackRequired: false });
    await request(t.base).post(`/api/v1/notices/${r.body.id}/ack`).set('authorization', w1.auth).expect(409);
    const own = await send(w1, { nodeCode: G1, title: '本网格通知', body: '请微网格员今日巡查' }).expect(201);
    expect(own.body.recipients).toBe(1); // m1 (both roles, counted once)
  });

  it.each([
    ['a node outside the sender scope', () => ({ u: outsider, body: { nodeCode: STREET, title: 'x', body: 'y' } }), 403],
    ['a resident', () => ({ u: resident, body: { nodeCode: M1, title: 'x', body: 'y' } }), 403],
    ['a grid worker above their grid', () => ({ u: w1, body: { nodeCode: C1, title: 'x', body: 'y' } }), 403],
    ['an unknown node', () => ({ u: admin, body: { nodeCode: '510104001999', title: 'x', body: 'y' } }), 404],
    ['an unknown role', () => ({ u: admin, body: { nodeCode: STREET, roles: ['boss'], title: 'x', body: 'y' } }), 422],
    ['an attachment that is not theirs', () => ({ u: admin, body: { nodeCode: STREET, title: 'x', body: 'y', attachments: ['nope123'] } }), 422],
    ['a deadline in the past', () => ({ u: admin, body: { nodeCode: STREET, title: 'x', body: 'y', ackDeadline: '2020-01-01T00:00:00Z' } }), 422],
    ['an empty title', () => ({ u: admin, body: { nodeCode: STREET, title: '', body: 'y' } }), 422],
  ])('refuses %s and stores nothing', async (_name, make, status) => {
    const before = [await count('notice'), await count('notice_recipient'), await count('outbox')];
    const { u, body } = make();
    const r = await send(u, body).expect(status);
    expect(r.body.code).toBeDefined();
    expect([await count('notice'), await count('notice_recipient'), await count('outbox')]).toEqual(before);
  });
});
