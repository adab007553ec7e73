import request from 'supertest';
import { SignJWT } from 'jose';
import { bootTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { grant, loginAs } from '../helpers/auth.js';
import { RoleGrantRow } from '../../src/accounts/role-grant.entity.js';

const api = '/api/v1';

describe.each(testDbKinds())('WeChat login and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs in with a test: code, returns tokens and the user, and keeps session_key server-side only', async () => {
    const r = await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:alice' }).expect(200);
    expect(r.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { name: null, phoneMasked: null, roles: [] } });
    expect(r.body.accessToken.split('.')).toHaveLength(3);
    expect(r.body.refreshToken).toMatch(/^r1\.\d+\.[\w-]{43}$/);
    const sk = t.wechat.sessionKeyOf('alice')!;
    expect(sk).toBeTruthy();
    expect(JSON.stringify(r.body)).not.toContain(sk);
    expect(JSON.stringify(r.body)).not.toContain('alice'); // no openid either
    const [row] = await t.ds.query('SELECT session_key FROM app_user WHERE openid = ?', ['alice']);
    expect(row.session_key).toBe(sk);
    const me = await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${r.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(r.body.user.id);
    expect(JSON.stringify(me.body)).not.toContain(sk);
    // The same person logging in again is the same user.
    const again = await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:alice' }).expect(200);
    expect(again.body.user.id).toBe(r.body.user.id);
  });

  it('answers bad codes and WeChat failures with clear 4xx/503 codes, never 500', async () => {
    const bad = await request(t.base).post(`${api}/auth/wechat`).send({ code: '0a1b2c3d' }).expect(401);
    expect(bad.body.code).toBe('WECHAT_CODE_INVALID');
    await request(t.base).post(`${api}/auth/wechat`).send({}).expect(422);
    await request(t.base).post(`${api}/auth/wechat`).send({ code: '' }).expect(422);
    t.wechat.failNext(1, -1, '/sns/jscode2session');
    const busy = await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:bob' }).expect(503);
    expect(busy.body.code).toBe('WECHAT_UNAVAILABLE');
    t.wechat.failNext(1, 40226, '/sns/jscode2session');
    expect((await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:bob' }).expect(403)).body.code).toBe('FORBIDDEN');
    t.wechat.failNext(1, 45011, '/sns/jscode2session');
    const rl = await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:bob' }).expect(429);
    expect(rl.headers['retry-after']).toBeDefined();
    t.wechat.failNext(1, 99999, '/sns/jscode2session');
    expect((await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:bob' }).expect(503)).body.details).toMatchObject({ errcode: 99999 });
    // A WeChat that never answers: the login gives up at WECHAT_TIMEOUT_MS (2 s in tests) with 503.
    t.wechat.delayNext(1, 10_000, '/sns/jscode2session');
    const t0 = Date.now();
    const slow = await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:bob' }).expect(503);
    expect(slow.body.code).toBe('WECHAT_UNAVAILABLE');
    expect(Date.now() - t0).toBeLessThan(4000);
    await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:bob' }).expect(200);
  });

  it('rejects missing, tampered, wrong-signature, expired and foreign tokens with 401', async () => {
    const u = await loginAs(t);
    await request(t.base).get(`${api}/me`).expect(401);
    await request(t.base).get(`${api}/me`).set('authorization', 'Basic abc').expect(401);
    const [h, p, s] = u.accessToken.split('.');
    // Tampered payload (claims another user) with the original signature.
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: String(Number(claims.sub) + 1) })).toString('base64url');
    expect((await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${h}.${forged}.${s}`).expect(401)).body.code).toBe('UNAUTHENTICATED');
    // Signature flipped.
    const flipped = s!.slice(0, -2) + (s!.endsWith('AA') ? 'BB' : 'AA');
    await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${h}.${p}.${flipped}`).expect(401);
    // alg=none.
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${none}`).expect(401);
    // Signed with another secret.
    const other = await new SignJWT({ sid: claims.sid }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuer('weigrid').setAudience('weigrid-api').setExpirationTime('5m').sign(new TextEncoder().encode('another-secret-another-secret-another'));
    await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${other}`).expect(401);
    // Expired, with our own secret.
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const expired = await new SignJWT({ sid: claims.sid }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuer('weigrid').setAudience('weigrid-api').setIssuedAt(Math.floor(Date.now() / 1000) - 3600).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(key);
    expect((await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${expired}`).expect(401)).body.code).toBe('TOKEN_EXPIRED');
    // Valid signature but a session that does not exist.
    const ghost = await new SignJWT({ sid: 999999 }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuer('weigrid').setAudience('weigrid-api').setExpirationTime('5m').sign(key);
    await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${ghost}`).expect(401);
    await request(t.base).get(`${api}/me`).set('authorization', u.auth).expect(200);
  });

  it('rotates refresh tokens; replaying a used one revokes the session', async () => {
    const u = await loginAs(t);
    const r1 = await request(t.base).post(`${api}/auth/refresh`).send({ refreshToken: u.refreshToken }).expect(200);
    expect(r1.body.refreshToken).not.toBe(u.refreshToken);
    await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${r1.body.accessToken}`).expect(200);
    // The old refresh token is replayed (stolen?): refused, and the whole session ends.
    await request(t.base).post(`${api}/auth/refresh`).send({ refreshToken: u.refreshToken }).expect(401);
    await request(t.base).get(`${api}/me`).set('authorization', `Bearer ${r1.body.accessToken}`).expect(401);
    await request(t.base).post(`${api}/auth/refresh`).send({ refreshToken: r1.body.refreshToken }).expect(401);
    await request(t.base).post(`${api}/auth/refresh`).send({ refreshToken: 'r1.1.garbage' }).expect(401);
    await request(t.base).post(`${api}/auth/refresh`).send({ refreshToken: 'nope' }).expect(422);
  });

  it('lists and revokes sessions; logout ends the current one at once', async () => {
    const a = await loginAs(t, { openid: 'multi' });
    const b = await loginAs(t, { openid: 'multi' });
    const list = await request(t.base).get(`${api}/auth/sessions`).set('authorization', a.auth).expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const other = list.body.find((s: { current: boolean }) => !s.current);
    await request(t.base).delete(`${api}/auth/sessions/${other.id}`).set('authorization', a.auth).expect(204);
    await request(t.base).get(`${api}/me`).set('authorization', b.auth).expect(401);
    // Someone else's session id is not found, not revoked.
    const c = await loginAs(t);
    const cs = await request(t.base).get(`${api}/auth/sessions`).set('authorization', c.auth).expect(200);
    await request(t.base).delete(`${api}/auth/sessions/${cs.body[0].id}`).set('authorization', a.auth).expect(404);
    await request(t.base).get(`${api}/me`).set('authorization', c.auth).expect(200);
    await request(t.base).post(`${api}/auth/logout`).set('authorization', a.auth).expect(204);
    await request(t.base).get(`${api}/me`).set('authorization', a.auth).expect(401);
    await request(t.base).post(`${api}/auth/refresh`).send({ refreshToken: a.refreshToken }).expect(401);
  });

  it('takes a revoked role away on the very next request', async () => {
    const u = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104001001001' }] });
    const me = await request(t.base).get(`${api}/me`).set('authorization', u.auth).expect(200);
    expect(me.body.roles).toMatchObject([{ role: 'grid_worker', nodeCode: '510104001001001', nodeLevel: 'grid' }]);
    await t.ds.getRepository(RoleGrantRow).update({ userId: u.userId }, { revokedAt: new Date() });
    const after = await request(t.base).get(`${api}/me`).set('authorization', u.auth).expect(200);
    expect(after.body.roles).toEqual([]);
    await grant(t, u.userId, [{ role: 'micro_member', nodeCode: '510104001001001001' }]);
    expect((await request(t.base).get(`${api}/me`).set('authorization', u.auth).expect(200)).body.roles.map((r: { role: string }) => r.role)).toEqual(['micro_member']);
  });

  it('binds a phone number and only ever shows it masked', async () => {
    const u = await loginAs(t);
    const r = await request(t.base).post(`${api}/me/phone`).set('authorization', u.auth).send({ code: 'phone:13812345678' }).expect(200);
    expect(r.body.phoneMasked).toBe('138****5678');
    expect(JSON.stringify(r.body)).not.toContain('13812345678');
    const [row] = await t.ds.query('SELECT phone FROM app_user WHERE id = ?', [u.userId]);
    expect(row.phone).toBe('13812345678');
    expect((await request(t.base).post(`${api}/me/phone`).set('authorization', u.auth).send({ code: 'bogus' }).expect(401)).body.code).toBe('WECHAT_CODE_INVALID');
    const named = await request(t.base).patch(`${api}/me`).set('authorization', u.auth).send({ name: '张三' }).expect(200);
    expect(named.body).toMatchObject({ name: '张三', phoneMasked: '138****5678' });
  });

  it('decrypts group share info with the session key of the latest login', async () => {
    const u = await loginAs(t, { openid: 'sharer' });
    const enc = t.wechat.shareInfo('sharer', 'tGroup_123');
    const r = await request(t.base).post(`${api}/me/share-info`).set('authorization', u.auth).send(enc).expect(200);
    expect(r.body).toEqual({ opengid: 'tGroup_123' });
    // After another login the session key changed: old ciphertext is refused with a 4xx.
    await loginAs(t, { openid: 'sharer' });
    const stale = await request(t.base).post(`${api}/me/share-info`).set('authorization', u.auth).send(enc);
    expect(stale.status).toBe(422);
  });
});
