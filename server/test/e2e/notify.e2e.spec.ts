import request from 'supertest';
import { NotifyService } from '../../src/notify/notify.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';

const MICRO = '510104001001001001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(fn: () => Promise<T> | T, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await sleep(50);
  }
}

describe.each(testDbKinds())('inbox and subscribe messages on %s', (kind) => {
  let t: TestApp;
  let a: LoggedIn;
  let b: LoggedIn;

  beforeAll(async () => {
    t = await bootTestApp(kind, { OUTBOX_POLL_MS: '50', OUTBOX_BACKOFF_MS: '60000' });
    a = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: MICRO }] });
    b = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: MICRO }] });
  });
  afterAll(() => t.close());
  beforeEach(() => t.wechat.reset());

  const tell = (userIds: number[], title: string, category = '占道经营') =>
    t.ds.transaction((m) =>
      t.app.get(NotifyService).tell(
        m,
        userIds,
        { kind: 'task_new', title, body: '测试网格 · 春熙路', page: 'pages/event/index?id=7', refType: 'event', refId: 7, template: 'task_new', values: { category, place: '春熙路88号', time: new Date().toISOString(), eventNo: '7' } },
        null,
      ),
    );
  const credits = async (u: LoggedIn) => {
    const r = await request(t.base).get('/api/v1/subscriptions').set('authorization', u.auth).expect(200);
    return Object.fromEntries(r.body.map((x: { key: string; credits: number }) => [x.key, x.credits]));
  };
  const accept = (u: LoggedIn, ids: Record<string, string>) => request(t.base).post('/api/v1/subscriptions').set('authorization', u.auth).send({ results: ids });

  it('lists the configured templates and counts one credit per accepted request', async () => {
    const r = await request(t.base).get('/api/v1/subscriptions').set('authorization', a.auth).expect(200);
    expect(r.body.map((x: { key: string }) => x.key)).toEqual(['task_new', 'event_progress', 'event_overdue', 'notice']);
    const id = r.body[0].templateId as string;
    await accept(a, { [id]: 'accept', [r.body[1].templateId]: 'reject' }).expect(200);
    await accept(a, { [id]: 'accept' }).expect(200);
    expect(await credits(a)).toEqual({ task_new: 2, event_progress: 0, event_overdue: 0, notice: 0 });
  });

  it('rejects an unknown template id with 422 and stores nothing', async () => {
    const before = await credits(b);
    const r = await accept(b, { 'dev-task-new': 'accept', 'not-our-template': 'accept' }).expect(422);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details.fields).toHaveProperty(['results.not-our-template']);
    await accept(b, { 'dev-task-new': 'maybe' }).expect(422);
    await request(t.base).post('/api/v1/subscriptions').set('authorization', b.auth).send({ results: {} }).expect(422);
    expect(await credits(b)).toEqual(before);
  });

  it('keeps every message in the inbox, pushes only to credit holders, within a second, truncated to WeChat limits', async () => {
    // a holds 2 task_new credits from the first test; b holds none.
    const t0 = Date.now();
    const longCategory = '占道经营与流动摊贩综合整治专项行动（春熙路商圈）';
    expect(await tell([a.userId, b.userId], '新任务：占道经营', longCategory)).toEqual({ notified: 2, pushed: 1 });
    const msgs = await waitFor(() => t.wechat.messages, (m) => m.length >= 1);
    const latency = Date.now() - t0;
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ touser: a.openid, template_id: 'dev-task-new', page: 'pages/event/index?id=7' });
    expect(msgs[0]!.data.thing1!.value).toBe('占道经营与流动摊贩综合整治专项行动（春…');
    expect(latency).toBeLessThan(1000);
    process.stdout.write(`[${kind}] tell → fake WeChat received the push in ${latency} ms\n`);
    expect((await credits(a)).task_new).toBe(1);

    for (const u of [a, b]) {
      const inbox = await request(t.base).get('/api/v1/inbox').set('authorization', u.auth).expect(200);
      expect(inbox.body.items[0]).toMatchObject({ kind: 'task_new', title: '新任务：占道经营', refType: 'event', refId: 7, readAt: null });
      expect(inbox.body.unread).toBe(1);
    }
  });

  it('marks read one and all; another user cannot touch my notification', async () => {
    await tell([a.userId], '第二条');
    await tell([a.userId], '第三条');
    const list = await request(t.base).get('/api/v1/inbox?limit=2').set('authorization', a.auth).expect(200);
    expect(list.body.items.map((i: { title: string }) => i.title)).toEqual(['第三条', '第二条']);
    expect(list.body.nextCursor).toBeTruthy();
    const next = await request(t.base).get(`/api/v1/inbox?limit=2&cursor=${list.body.nextCursor}`).set('authorization', a.auth).expect(200);
    expect(next.body.items.map((i: { title: string }) => i.title)).toEqual(['新任务：占道经营']);
    expect(next.body.nextCursor).toBeNull();

    const id = list.body.items[0].id;
    await request(t.base).post(`/api/v1/inbox/${id}/read`).set('authorization', b.auth).expect(404);
    const r = await request(t.base).post(`/api/v1/inbox/${id}/read`).set('authorization', a.auth).expect(200);
    expect(r.body).toEqual({ unread: 2, unreadNotices: 0 });
    const unreadOnly = await request(t.base).get('/api/v1/inbox?unread=true').set('authorization', a.auth).expect(200);
    expect(unreadOnly.body.items).toHaveLength(2);
    await request(t.base).post('/api/v1/inbox/read-all').set('authorization', a.auth).expect(200, { unread: 0, unreadNotices: 0 });
    await request(t.base).get('/api/v1/inbox/unread-count').set('authorization', b.auth).expect(200, { unread: 1, unreadNotices: 0 });
    await request(t.base).get('/api/v1/inbox?cursor=abc').set('authorization', a.auth).expect(422);
    await request(t.base).get('/api/v1/inbox').expect(401);
  });

  it('treats 43101 as no credit (skipped, count zeroed), bad data as dead with the credit refunded', async () => {
    // Let pushes queued by earlier tests go out first: an injected failure must hit this test's push.
    await waitFor(() => t.ds.query(`SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`), (r) => Number(r[0].n) === 0);
    const ids = (await request(t.base).get('/api/v1/subscriptions').set('authorization', b.auth)).body as { key: string; templateId: string }[];
    const tmpl = ids.find((x) => x.key === 'task_new')!.templateId;
    await accept(b, { [tmpl]: 'accept' }).expect(200);
    await accept(b, { [tmpl]: 'accept' }).expect(200);
    t.wechat.failNext(1, 43101, '/cgi-bin/message/subscribe/send');
    await tell([b.userId], '43101');
    const skipped = await waitFor(() => t.ds.query(`SELECT status, last_error FROM outbox WHERE kind = 'subscribe.send' ORDER BY id DESC LIMIT 1`), (r) => r[0]?.status === 'skipped');
    expect(skipped[0].status).toBe('skipped');
    expect(skipped[0].last_error).toMatch(/43101/);
    expect((await credits(b)).task_new).toBe(0);

    await accept(b, { [tmpl]: 'accept' }).expect(200);
    t.wechat.failNext(1, 47003, '/cgi-bin/message/subscribe/send');
    await tell([b.userId], '47003');
    const dead = await waitFor(() => t.ds.query(`SELECT status, last_error FROM outbox WHERE kind = 'subscribe.send' ORDER BY id DESC LIMIT 1`), (r) => r[0]?.status === 'dead');
    expect(dead[0].status).toBe('dead');
    expect(dead[0].last_error).toMatch(/47003/);
    expect((await credits(b)).task_new).toBe(1);

    t.wechat.failNext(1, -1, '/cgi-bin/message/subscribe/send');
    await tell([b.userId], 'busy');
    const retry = await waitFor(() => t.ds.query(`SELECT status, attempts, last_error FROM outbox WHERE kind = 'subscribe.send' ORDER BY id DESC LIMIT 1`), (r) => r[0]?.status === 'pending' && Number(r[0]?.attempts) === 1);
    expect(retry[0]).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/-1/) });
    expect((await credits(b)).task_new).toBe(0); // still reserved for the retry
    // Nothing reached b (a push to a queued by the previous test may still land while this one runs).
    expect(t.wechat.messages.filter((m) => m.touser === b.openid)).toHaveLength(0);
  });

  it('shows dead letters to city admins, who can requeue them; others get 403', async () => {
    const admin = await loginAs(t, { grants: [{ role: 'city_admin', nodeCode: '5101' }] });
    const stats = await request(t.base).get('/api/v1/admin/outbox/stats').set('authorization', admin.auth).expect(200);
    expect(stats.body.byStatus.dead).toBeGreaterThanOrEqual(1);
    expect(stats.body.kinds.find((k: { kind: string }) => k.kind === 'subscribe.send').dead).toBeGreaterThanOrEqual(1);
    const dead = await request(t.base).get('/api/v1/admin/outbox?status=dead').set('authorization', admin.auth).expect(200);
    const row = dead.body.items[0];
    expect(row).toMatchObject({ kind: 'subscribe.send', status: 'dead', lastError: expect.stringMatching(/47003/) });
    expect(row.payload.openid).toMatch(/…$/);
    await request(t.base).post(`/api/v1/admin/outbox/${row.id}/retry`).set('authorization', a.auth).expect(403);
    await request(t.base).get('/api/v1/admin/outbox/stats').set('authorization', a.auth).expect(403);
    await request(t.base).post(`/api/v1/admin/outbox/${row.id}/retry`).set('authorization', admin.auth).expect(200, { id: row.id, status: 'pending' });
    await request(t.base).post(`/api/v1/admin/outbox/${row.id}/retry`).set('authorization', admin.auth).expect((r) => expect([409]).toContain(r.status));
    await request(t.base).post('/api/v1/admin/outbox/999999/retry').set('authorization', admin.auth).expect(404);
    await request(t.base).get('/api/v1/admin/outbox?status=lost').set('authorization', admin.auth).expect(422);
    // The requeued row is delivered this time.
    await waitFor(() => t.wechat.messages, (m) => m.length >= 1);
    expect(t.wechat.messages[0]!.touser).toBe(b.openid);
  });
});
