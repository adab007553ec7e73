import { ConfigError, loadConfig } from './config.js';

const ok = { JWT_SECRET: 'x'.repeat(32) };

describe('config', () => {
  it('applies defaults and converts numbers', () => {
    const c = loadConfig({ ...ok, PORT: '8080' });
    expect(c.PORT).toBe(8080);
    expect(c.DB_URL).toMatch(/^sqlite:/);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.GRID_NEAREST_MAX_M).toBe(200);
    expect(loadConfig({ ...ok, GRID_NEAREST_MAX_M: '50' }).GRID_NEAREST_MAX_M).toBe(50);
    expect(c.PATROL_TOLERANCE_M).toBe(50);
    expect(loadConfig({ ...ok, PATROL_TOLERANCE_M: '0' }).PATROL_TOLERANCE_M).toBe(0);
  });

  it('reads TRUST_PROXY as Fastify takes it: off, a hop count, or proxy addresses', () => {
    expect(loadConfig(ok).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...ok, TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...ok, TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...ok, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ ...ok, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
  });

  it.each([
    [{ ...ok, DB_URL: 'postgres://x/y' }, /DB_URL/],
    [{ ...ok, PORT: 'eighty' }, /PORT/],
    [{ ...ok, PORT: '70000' }, /PORT/],
    [{ ...ok, LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{}, /JWT_SECRET/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    [{ ...ok, WECHAT_API_BASE: 'ftp://x' }, /WECHAT_API_BASE/],
    [{ ...ok, OUTBOX_WORKER: 'maybe' }, /OUTBOX_WORKER/],
    [{ ...ok, OUTBOX_BATCH_SIZE: 'many' }, /OUTBOX_BATCH_SIZE/],
    [{ ...ok, OUTBOX_LEASE_MS: '20000' }, /OUTBOX_LEASE_MS: must be at least 65000/],
    [{ ...ok, WECHAT_SUBSCRIBE_TEMPLATES: '{"task_new":{"id":"x","fields":{"thing1":"salary"}}}' }, /WECHAT_SUBSCRIBE_TEMPLATES.task_new.fields.thing1/],
    [{ ...ok, WECHAT_MINIPROGRAM_STATE: 'beta' }, /WECHAT_MINIPROGRAM_STATE/],
    [{ ...ok, GRID_NEAREST_MAX_M: '-1' }, /GRID_NEAREST_MAX_M/],
    [{ ...ok, GRID_NEAREST_MAX_M: 'far' }, /GRID_NEAREST_MAX_M/],
    [{ ...ok, PATROL_TOLERANCE_M: '-5' }, /PATROL_TOLERANCE_M/],
    [{ ...ok, PATROL_TOLERANCE_M: '5000' }, /PATROL_TOLERANCE_M/],
    [{ ...ok, PATROL_TOLERANCE_M: 'fifty' }, /PATROL_TOLERANCE_M/],
    [{ ...ok, GRID_ROUTING_POLL_MS: '1.5' }, /GRID_ROUTING_POLL_MS/],
    [{ ...ok, PII_KEY: 'abc' }, /PII_KEY must be 32 bytes/],
    [{ ...ok, NODE_ENV: 'production' }, /PII_KEY: required in production/],
    [{ ...ok, PII_KEY_PREVIOUS: 'ab'.repeat(32) }, /PII_KEY_PREVIOUS: needs PII_KEY/],
    [{ ...ok, PII_KEY: 'ab'.repeat(32), PII_KEY_PREVIOUS: 'xyz' }, /PII_KEY_PREVIOUS must be 32 bytes/],
    [{ ...ok, PII_KEY: 'ab'.repeat(32), PII_KEY_PREVIOUS: Buffer.alloc(32, 0xab).toString('base64') }, /PII_KEY_PREVIOUS: is the same key as PII_KEY/],
    [{ ...ok, TRUST_PROXY: 'true' }, /TRUST_PROXY must be off, a hop count/],
    [{ ...ok, TRUST_PROXY: '11' }, /TRUST_PROXY/],
    [{ ...ok, TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY/],
    [{ ...ok, TRUST_PROXY: '10.0.0.0/8,nginx' }, /TRUST_PROXY/],
    [{ ...ok, TRUST_PROXY: '1.2.3' }, /TRUST_PROXY/],
  ])('rejects %j with one line naming the variable', (env, re) => {
    let err: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).not.toContain('\n');
  });

  it('accepts a PII key as hex or base64', () => {
    expect(loadConfig({ ...ok, PII_KEY: 'ab'.repeat(32) }).PII_KEY).toBe('ab'.repeat(32));
    expect(loadConfig({ ...ok, NODE_ENV: 'production', PII_KEY: Buffer.alloc(32, 7).toString('base64') }).PII_KEY).toHaveLength(44);
    expect(loadConfig({ ...ok, PII_KEY: 'ab'.repeat(32), PII_KEY_PREVIOUS: 'cd'.repeat(32) }).PII_KEY_PREVIOUS).toBe('cd'.repeat(32));
  });

  it('never prints a secret value', () => {
    expect(() => loadConfig({ ...ok, PII_KEY: 'hunter2' })).toThrow(/^(?!.*hunter2)/);
    expect(() => loadConfig({ ...ok, PII_KEY: 'ab'.repeat(32), PII_KEY_PREVIOUS: 'hunter2' })).toThrow(/^(?!.*hunter2)/);
    expect(() => loadConfig({ JWT_SECRET: 'hunter2' })).toThrow(/^(?!.*hunter2)/);
  });
});
