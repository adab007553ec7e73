import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';

const api = '/api/v1';
let seq = 0;

/**
 * Login limits count per client IP. Behind nginx every request comes from the proxy's address, so
 * with TRUST_PROXY set the client is read from X-Forwarded-For — but only from hops we trust; with
 * it off (the default) the header is ignored, since any client can send one.
 */
describe.each([
  ['off (default)', {}, false],
  ['the proxy address 127.0.0.1', { TRUST_PROXY: '127.0.0.1' }, true],
  ['a CIDR list containing the proxy', { TRUST_PROXY: '10.0.0.0/8, 127.0.0.0/8' }, true],
  ['a hop count of 1', { TRUST_PROXY: '1' }, true],
  ['addresses that do not include the peer', { TRUST_PROXY: '10.0.0.0/8' }, false],
] as const)('TRUST_PROXY %s', (_name, env, believed) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp('sqlite', { RATE_LOGIN_PER_MIN: '2', ...env });
  });
  afterAll(() => t?.close());

  const login = (xff?: string) => {
    const r = request(t.base).post(`${api}/auth/wechat`).send({ code: `test:tp${seq++}` });
    return xff ? r.set('x-forwarded-for', xff) : r;
  };

  it(believed ? 'counts logins per forwarded client, not per proxy' : 'ignores X-Forwarded-For and counts the TCP peer', async () => {
    await login('203.0.113.1').expect(200);
    await login('203.0.113.1').expect(200);
    // A third login from the same client is over the limit either way…
    await login('203.0.113.1').expect(429);
    // …but another client behind the same proxy is only limited if the header is ignored.
    await login('203.0.113.2').expect(believed ? 200 : 429);
    if (believed) {
      // A client cannot escape its limit by prepending a made-up address: the proxy appends the
      // real one, and that rightmost untrusted hop is what counts.
      await login('198.51.100.99, 203.0.113.1').expect(429);
    }
  });
});
