import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { FakeWechat } from '../../src/wechat/fake/fake-wechat.js';
import { WechatClient } from '../../src/wechat/wechat.client.js';
import { DbAccessTokenStore } from '../../src/wechat/token-store.js';
import { WechatError } from '../../src/wechat/wechat-errors.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';

const APPID = 'wxclienttest000001';
const SECRET = 'client-test-secret';

describe.each(testDbKinds())('WeChat client against the fake server, token shared through %s', (kind) => {
  let db: TestDb;
  let fake: FakeWechat;
  const sources: DataSource[] = [];

  async function instance(timeoutMs = 1500): Promise<WechatClient> {
    // Each "instance" has its own connection pool, as separate API processes would.
    const ds = createDataSource(db.url, 2);
    await ds.initialize();
    sources.push(ds);
    const c = new WechatClient({ base: fake.base, appid: APPID, secret: SECRET, timeoutMs });
    return c.useTokenStore(new DbAccessTokenStore(ds, { appid: APPID, fetch: (f) => c.fetchStableToken(f) }));
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDb(kind);
    await runMigrations(db.url);
    fake = new FakeWechat({ appid: APPID, secret: SECRET });
    await fake.start();
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await fake.stop();
    await db.drop();
  });
  beforeEach(() => fake.reset());

  it('logs in test:<openid> codes with a fresh random session_key each time, and rejects others with 40029', async () => {
    const c = await instance();
    const a = await c.code2Session('test:alice');
    const b = await c.code2Session('test:alice');
    expect(a.openid).toBe('alice');
    expect(Buffer.from(a.sessionKey, 'base64')).toHaveLength(16);
    expect(a.sessionKey).not.toBe(b.sessionKey);
    const err = await c.code2Session('081abcRealLookingCode').catch((e) => e);
    expect(err).toBeInstanceOf(WechatError);
    expect(err).toMatchObject({ kind: 'code_invalid', errcode: 40029, code: 'WECHAT_CODE_INVALID', status: 401 });
  });

  it('maps a wrong secret to a config error (503), not a user error', async () => {
    const c = new WechatClient({ base: fake.base, appid: APPID, secret: 'wrong', timeoutMs: 1000 });
    await expect(c.code2Session('test:x')).rejects.toMatchObject({ kind: 'config', errcode: 40125, status: 503 });
  });

  it('shares one access token across 4 instances × 10 concurrent calls: exactly one stable_token call', async () => {
    await sources[0]?.query('DELETE FROM wechat_token');
    const clients = await Promise.all([instance(), instance(), instance(), instance()]);
    fake.delayNext(1, 300, '/cgi-bin/stable_token'); // a slow refresh widens the race window
    const results = await Promise.all(clients.flatMap((c) => Array.from({ length: 10 }, (_, i) => c.msgSecCheck({ content: `你好${i}`, openid: 'o1', scene: 2 }))));
    expect(results.every((r) => r.suggest === 'pass')).toBe(true);
    expect(fake.calls['/cgi-bin/stable_token']).toBe(1);
    expect(fake.calls['/wxa/msg_sec_check']).toBe(40);
    // A later call on any instance is a memory hit.
    await clients[2]!.msgSecCheck({ content: 'x', openid: 'o1', scene: 2 });
    expect(fake.calls['/cgi-bin/stable_token']).toBe(1);
  });

  it('refreshes once and retries when WeChat says 40001 (invalid) or 42001 (expired)', async () => {
    const c = await instance();
    await c.sendSubscribe({ touser: 'o1', templateId: 'T1', data: { thing1: { value: '路灯坏了' } } });
    const before = fake.calls['/cgi-bin/stable_token'] ?? 0;
    fake.failNext(1, 40001, '/cgi-bin/message/subscribe/send');
    await c.sendSubscribe({ touser: 'o1', templateId: 'T1', data: { thing1: { value: '二次' } } });
    expect(fake.calls['/cgi-bin/stable_token']).toBe(before + 1);
    fake.expireTokens();
    await c.sendSubscribe({ touser: 'o1', templateId: 'T1', data: { thing1: { value: '三次' } } });
    expect(fake.calls['/cgi-bin/stable_token']).toBe(before + 2);
    expect(fake.messages.map((m) => m.data.thing1!.value)).toEqual(['路灯坏了', '二次', '三次']);
  });

  it('gives up after one refresh when the token is rejected again (no loop)', async () => {
    const c = await instance();
    await c.msgSecCheck({ content: 'warm', openid: 'o1', scene: 2 });
    const calls = fake.calls['/wxa/msg_sec_check'] ?? 0;
    fake.failNext(5, 40001, '/wxa/msg_sec_check');
    await expect(c.msgSecCheck({ content: 'x', openid: 'o1', scene: 2 })).rejects.toMatchObject({ kind: 'token_invalid', status: 503 });
    expect((fake.calls['/wxa/msg_sec_check'] ?? 0) - calls).toBe(2);
  });

  it('keeps connections alive: 300 subscribe messages, 30 at a time, over at most 30 connections', async () => {
    const c = await instance();
    await c.sendSubscribe({ touser: 'warm', templateId: 'dev-notice', data: { thing1: { value: '预热' } } });
    const before = fake.connections;
    const sent = fake.messages.length;
    for (let wave = 0; wave < 10; wave++) {
      await Promise.all(Array.from({ length: 30 }, (_, i) => c.sendSubscribe({ touser: `o${wave}-${i}`, templateId: 'dev-notice', data: { thing1: { value: '通知' } } })));
    }
    expect(fake.messages.length - sent).toBe(300);
    expect(fake.connections - before).toBeLessThanOrEqual(30);
    c.close();
  });

  it('turns timeouts, refused connections and garbage into WECHAT_UNAVAILABLE quickly', async () => {
    const c = await instance(300);
    await c.msgSecCheck({ content: 'warm', openid: 'o1', scene: 2 });
    fake.delayNext(1, 2000, '/wxa/msg_sec_check');
    const t0 = Date.now();
    await expect(c.msgSecCheck({ content: 'x', openid: 'o1', scene: 2 })).rejects.toMatchObject({ kind: 'unavailable', code: 'WECHAT_UNAVAILABLE', status: 503 });
    expect(Date.now() - t0).toBeLessThan(1500);
    const dead = new WechatClient({ base: 'http://127.0.0.1:1', appid: APPID, secret: SECRET, timeoutMs: 500 });
    await expect(dead.code2Session('test:x')).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
    fake.failNext(1, -1);
    await expect(c.code2Session('test:x')).rejects.toMatchObject({ kind: 'unavailable', errcode: -1, status: 503 });
    fake.failNext(1, 45011);
    await expect(c.code2Session('test:x')).rejects.toMatchObject({ kind: 'rate_limited', status: 429 });
  });

  it('speaks every endpoint: phone, subscribe (limits), content checks, wxacode', async () => {
    const c = await instance();
    expect(await c.getPhoneNumber('phone:13812345678')).toEqual({ phoneNumber: '13812345678', purePhoneNumber: '13812345678', countryCode: '86' });
    await expect(c.getPhoneNumber('nonsense')).rejects.toMatchObject({ kind: 'code_invalid' });
    await expect(c.sendSubscribe({ touser: 'o1', templateId: 'T', data: { thing1: { value: '这是一段超过二十个字的很长很长的描述文字啊啊啊' } } })).rejects.toMatchObject({ kind: 'bad_request', errcode: 47003, status: 422 });
    fake.failNext(1, 43101, '/cgi-bin/message/subscribe/send');
    await expect(c.sendSubscribe({ touser: 'o1', templateId: 'T', data: { thing1: { value: 'x' } } })).rejects.toMatchObject({ kind: 'no_credit' });
    expect((await c.msgSecCheck({ content: '这里有违禁词', openid: 'o1', scene: 2 })).suggest).toBe('risky');
    expect((await c.msgSecCheck({ content: '这条待审核', openid: 'o1', scene: 2 })).suggest).toBe('review');
    expect((await c.mediaCheckAsync({ mediaUrl: 'https://x/1.jpg', mediaType: 2, openid: 'o1', scene: 2 })).traceId).toMatch(/^[0-9a-f]{16}$/);
    const png = await c.getWxacodeUnlimit({ scene: 'inv=ABC123', page: 'pages/invite/index' });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.toString('latin1')).toContain('scene\0inv=ABC123');
    await expect(c.getWxacodeUnlimit({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ kind: 'bad_request', errcode: 40169 });
  });
});
