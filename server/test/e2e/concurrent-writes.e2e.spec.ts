import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';

const STREET = '510104001';
const G1 = '510104001001001';
const G2 = '510104001002001';

/**
 * Many users writing at once: each POST /notices is one transaction (notice + recipients + outbox
 * row), and the outbox worker runs its own transactions for the pushes meanwhile. On SQLite these
 * share one connection; none may fail or go missing.
 */
describe.each(testDbKinds())('concurrent transactional writes over HTTP on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let worker: LoggedIn;

  beforeAll(async () => {
    t = await bootTestApp(kind, { OUTBOX_POLL_MS: '10' });
    admin = await loginAs(t, { grants: [{ role: 'street_admin', nodeCode: STREET }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: G1 }] });
    await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: G2 }] });
    // better-sqlite3 answers synchronously, so a transaction normally finishes before the next
    // request is even parsed. Make every query yield to the event loop, as a transaction that
    // awaits a file, WeChat or a slow disk does, so the requests' transactions really overlap.
    t.ds.subscribers.push({ beforeQuery: () => new Promise<void>((r) => setTimeout(r, 1)) } as never);
  });
  afterAll(() => t.close());

  it('30 notices sent at once are all created, with their recipients and outbox rows', async () => {
    const res = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        request(t.base).post('/api/v1/notices').set('authorization', admin.auth).send({ nodeCode: STREET, title: `并发通知 ${i}`, body: '请各网格按时上报。' }),
      ),
    );
    expect(res.map((r) => r.status)).toEqual(Array(30).fill(201));
    expect(res.every((r) => r.body.recipients === 2)).toBe(true);
    const ids = res.map((r) => Number(r.body.id));
    expect(new Set(ids).size).toBe(30);
    const n = async (sql: string) => Number((await t.ds.query(sql))[0].n);
    expect(await n("SELECT COUNT(*) AS n FROM notice WHERE title LIKE '并发通知%'")).toBe(30);
    expect(await n('SELECT COUNT(*) AS n FROM notice_recipient')).toBe(60);
    expect(await n("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'notice.push'")).toBe(30);
    // What a recipient notices: all 30 are in their inbox as unread.
    await request(t.base).get('/api/v1/inbox/unread-count').set('authorization', worker.auth).expect(200, { unread: 0, unreadNotices: 30 });
  });
});
