import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { FakeWechat } from '../../src/wechat/fake/fake-wechat.js';
import { WechatClient } from '../../src/wechat/wechat.client.js';
import { DbAccessTokenStore } from '../../src/wechat/token-store.js';
import { WechatToken } from '../../src/wechat/wechat-token.entity.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';

const APPID = 'wxtokenstore000001';
const SECRET = 'token-store-secret';

describe.each(testDbKinds())('shared access token store on %s', (kind) => {
  let db: TestDb;
  let ds: DataSource;
  let fake: FakeWechat;
  let offset = 0;

  function store(opts: { waitMs?: number } = {}) {
    const c = new WechatClient({ base: fake.base, appid: APPID, secret: SECRET, timeoutMs: 2000 });
    const s = new DbAccessTokenStore(ds, { appid: APPID, fetch: (f) => c.fetchStableToken(f), now: () => Date.now() + offset, ...opts });
    c.useTokenStore(s);
    return s;
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDb(kind);
    await runMigrations(db.url);
    ds = createDataSource(db.url, 2);
    await ds.initialize();
    fake = new FakeWechat({ appid: APPID, secret: SECRET });
    await fake.start();
  });
  afterAll(async () => {
    await ds?.destroy();
    await fake?.stop();
    await db?.drop();
  });
  beforeEach(async () => {
    fake.reset();
    offset = 0;
    await ds.getRepository(WechatToken).delete({ appid: APPID });
  });

  it('refreshes 5 minutes before expiry, not after WeChat rejects the token', async () => {
    const s = store();
    const t1 = await s.get();
    expect(fake.calls['/cgi-bin/stable_token']).toBe(1);
    offset = 6000 * 1000; // 20 min left of 2 h: still fresh
    expect(await s.get()).toBe(t1);
    expect(fake.calls['/cgi-bin/stable_token']).toBe(1);
    offset = 6950 * 1000; // ~4 min left: inside the margin → refresh now
    await s.get();
    expect(fake.calls['/cgi-bin/stable_token']).toBe(2);
    const row = await ds.getRepository(WechatToken).findOneByOrFail({ appid: APPID });
    expect(row.expiresAt).toBeGreaterThan(Date.now() + offset + 7000 * 1000);
    expect(row.leaseOwner).toBeNull();
  });

  it('takes over the lease of an instance that died while refreshing', async () => {
    const now = Date.now();
    await ds.getRepository(WechatToken).insert({ appid: APPID, accessToken: null, expiresAt: 0, leaseOwner: 'crashed-instance', leaseUntil: now + 400, version: 7 });
    const t0 = Date.now();
    const token = await store().get();
    expect(token).toMatch(/^fake_at_/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    expect(fake.calls['/cgi-bin/stable_token']).toBe(1);
    const row = await ds.getRepository(WechatToken).findOneByOrFail({ appid: APPID });
    expect(row).toMatchObject({ accessToken: token, leaseOwner: null });
  });

  it('gives up with 503 when another instance holds the lease for too long', async () => {
    await ds.getRepository(WechatToken).insert({ appid: APPID, accessToken: null, expiresAt: 0, leaseOwner: 'slow-instance', leaseUntil: Date.now() + 60_000, version: 1 });
    await expect(store({ waitMs: 300 }).get()).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE', status: 503 });
    expect(fake.calls['/cgi-bin/stable_token'] ?? 0).toBe(0);
  });

  it('releases the lease when stable_token fails, so the next caller can try at once', async () => {
    fake.failNext(1, 40125, '/cgi-bin/stable_token');
    const s = store();
    await expect(s.get()).rejects.toMatchObject({ kind: 'config', status: 503 });
    const row = await ds.getRepository(WechatToken).findOneByOrFail({ appid: APPID });
    expect(row.leaseOwner).toBeNull();
    expect(await s.get()).toMatch(/^fake_at_/);
  });
});
