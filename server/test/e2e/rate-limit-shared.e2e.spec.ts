import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';

const api = '/api/v1';

/**
 * RATE_STORE=db: two API instances on one database share each limit (a load balancer may send a
 * client's requests to either). With the default memory store each would allow the full limit.
 */
describe.each(testDbKinds())('rate limits shared by two instances on %s', (kind) => {
  let t: TestApp;
  let other: NestFastifyApplication;
  let bases: [string, string];

  beforeAll(async () => {
    t = await bootTestApp(kind, { RATE_STORE: 'db', RATE_LOGIN_PER_MIN: '4', RATE_WRITE_PER_MIN: '3' });
    // The second instance: same configuration, same database, same fake WeChat server.
    other = await createApp(t.config);
    await other.listen(0, '127.0.0.1');
    bases = [t.base, `http://127.0.0.1:${(other.getHttpServer().address() as { port: number }).port}`];
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  /** Sends `n` requests at once, alternating between the two instances. */
  async function spread(n: number, send: (base: string, i: number) => request.Test): Promise<request.Response[]> {
    return Promise.all(Array.from({ length: n }, (_, i) => send(bases[i % 2]!, i)));
  }

  // With per-instance counters each instance would let 4 through: all 8 would pass.
  it('counts logins from one IP across both instances: 4 of 8 pass, the rest get 429 with Retry-After, and no account is made for them', async () => {
    // Start right after a minute boundary so all 8 fall in one window.
    const msIntoMinute = Date.now() % 60_000;
    if (msIntoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - msIntoMinute + 100));
    const res = await spread(8, (base, i) => request(base).post(`${api}/auth/wechat`).send({ code: `test:shared${i}` }));
    const ok = res.filter((r) => r.status === 200);
    const limited = res.filter((r) => r.status === 429);
    expect([ok.length, limited.length]).toEqual([4, 4]);
    for (const r of limited) {
      expect(r.body.code).toBe('RATE_LIMITED');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    const [{ n }] = await t.ds.query("SELECT COUNT(*) AS n FROM app_user WHERE openid LIKE 'shared%'");
    expect(Number(n)).toBe(4);
  });

  it('counts one user’s writes across both instances; another user is not affected', async () => {
    const msIntoMinute = Date.now() % 60_000;
    if (msIntoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - msIntoMinute + 100));
    // New window for logins too (the first test used them up): log in on the second minute if needed.
    const login = async (openid: string) => {
      for (;;) {
        const r = await request(bases[1]).post(`${api}/auth/wechat`).send({ code: `test:${openid}` });
        if (r.status === 200) return `Bearer ${r.body.accessToken as string}`;
        await new Promise((res) => setTimeout(res, Number(r.headers['retry-after'] ?? 1) * 1000));
      }
    };
    const a = await login('writer_a');
    const b = await login('writer_b');
    const res = await spread(6, (base, i) => request(base).patch(`${api}/me`).set('authorization', a).send({ name: `名${i}` }));
    expect(res.filter((r) => r.status === 200).length).toBe(3);
    expect(res.filter((r) => r.status === 429).length).toBe(3);
    await request(bases[0]).patch(`${api}/me`).set('authorization', b).send({ name: '乙' }).expect(200);
    // Reads are not limited.
    await request(bases[1]).get(`${api}/me`).set('authorization', a).expect(200);
  }, 150_000);
});
