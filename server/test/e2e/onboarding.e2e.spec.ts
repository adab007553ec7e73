import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';
import { Invite } from '../../src/accounts/invite.entity.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../../dist/cli/create-admin.js');
const api = '/api/v1';

/** Runs the built CLI as an operator would; async, because the fake WeChat server lives in this process. */
function createAdmin(t: TestApp, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH ?? '', DB_URL: t.db.url, WECHAT_API_BASE: t.wechat.base, WECHAT_APPID: t.config.WECHAT_APPID, WECHAT_SECRET: t.config.WECHAT_SECRET }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => child.on('exit', (code) => (clearTimeout(timer), resolve({ code, out, err }))));
}

describe.each(testDbKinds())('onboarding on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp(kind);
    await ensureNodes(t.ds, ['510104001001001001', '510104001001002001', '510105001001001001']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('create-admin → first city admin → invites a grid worker (code + QR) → worker accepts → admin revokes', async () => {
    // The CLI refuses what makes no sense, with one line.
    expect(await createAdmin(t, [])).toMatchObject({ code: 1, err: expect.stringMatching(/^create-admin: 缺少 --node/) });
    expect(await createAdmin(t, ['--node', '9999'])).toMatchObject({ code: 1, err: expect.stringMatching(/没有编码为 9999 的网格。顶层网格有：5101（/) });
    expect(await createAdmin(t, ['--node', '510104'])).toMatchObject({ code: 1, err: expect.stringMatching(/市级管理员须设在市一级；510104（[^）]+）是区县。换一个编码，或用 --role/) });
    const made = await createAdmin(t, ['--node', '5101', '--qr', join(t.db.url.startsWith('sqlite:') ? dirname(t.db.url.slice(7)) : '/tmp', `admin-${Date.now()}.png`)]);
    expect(made).toMatchObject({ code: 0, err: '' });
    const code = /invite code ([0-9A-Z]{10})/.exec(made.out)![1]!;
    expect(made.out).toMatch(/QR code written/);

    const admin = await loginAs(t, { openid: 'first_admin' });
    const me = await request(t.base).post(`${api}/invites/${code}/accept`).set('authorization', admin.auth).expect(200);
    expect(me.body.roles).toMatchObject([{ role: 'city_admin', nodeCode: '5101' }]);
    // One-time.
    const other = await loginAs(t);
    expect((await request(t.base).post(`${api}/invites/${code}/accept`).set('authorization', other.auth).expect(410)).body.code).toBe('GONE');

    // The admin invites a grid worker to a grid.
    const inv = await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'grid_worker', nodeCode: '510104001001001' }).expect(201);
    expect(inv.body).toMatchObject({ role: 'grid_worker', nodeCode: '510104001001001', usedAt: null, qrPath: `/api/v1/invites/${inv.body.code}/qr` });
    const qr = await request(t.base).get(inv.body.qrPath).set('authorization', admin.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(qr.headers['content-type']).toBe('image/png');
    expect((qr.body as Buffer).toString('latin1')).toContain(`scene\0inv=${inv.body.code}`);
    expect((qr.body as Buffer).toString('latin1')).toContain('page\0pages/invite/index');

    const worker = await loginAs(t, { openid: 'new_worker' });
    await request(t.base).post(`${api}/invites/${inv.body.code}/accept`).set('authorization', worker.auth).expect(200);
    const listed = await request(t.base).get(`${api}/grants?nodeCode=510104001`).set('authorization', admin.auth).expect(200);
    const wg = listed.body.find((g: { userId: number }) => g.userId === worker.userId);
    expect(wg).toMatchObject({ role: 'grid_worker', nodeCode: '510104001001001' });
    // The worker may now invite micro-grid members in their grid, but not next door.
    await request(t.base).post(`${api}/invites`).set('authorization', worker.auth).send({ role: 'micro_member', nodeCode: '510104001001001001' }).expect(201);
    await request(t.base).post(`${api}/invites`).set('authorization', worker.auth).send({ role: 'micro_member', nodeCode: '510104001001002001' }).expect(403);
    // Revoked: the very next request has no grid-worker power.
    await request(t.base).delete(`${api}/grants/${wg.id}`).set('authorization', admin.auth).expect(204);
    await request(t.base).post(`${api}/invites`).set('authorization', worker.auth).send({ role: 'micro_member', nodeCode: '510104001001001001' }).expect(403);
    expect((await request(t.base).get(`${api}/me`).set('authorization', worker.auth).expect(200)).body.roles).toEqual([]);
  });

  it('refuses invites of the wrong shape, and expired or withdrawn codes', async () => {
    const admin = await loginAs(t, { grants: [{ role: 'district_admin', nodeCode: '510104' }] });
    const bad = await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'grid_worker', nodeCode: '510104001' }).expect(422);
    expect(bad.body.details.fields.nodeCode).toBeDefined();
    await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'dept_staff', nodeCode: '510104' }).expect(422);
    await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'grid_worker', nodeCode: '510104001001001', departmentId: 1 }).expect(422);
    await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'emperor', nodeCode: '510104' }).expect(422);
    await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'grid_worker', nodeCode: '999999001001001' }).expect(404);
    // District admins cannot make city admins, even for their own district.
    await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'city_admin', nodeCode: '5101' }).expect(403);

    const dep = await request(t.base).post(`${api}/departments`).set('authorization', admin.auth).send({ name: '城管局', nodeCode: '510104', categoryCodes: [] }).expect(201);
    await request(t.base).post(`${api}/departments`).set('authorization', admin.auth).send({ name: 'x', nodeCode: '510104', categoryCodes: ['no-such-category'] }).expect(422);
    const staffInv = await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'dept_staff', nodeCode: '510104', departmentId: dep.body.id }).expect(201);
    const deps = await request(t.base).get(`${api}/departments?nodeCode=510104001001001`).set('authorization', admin.auth).expect(200);
    expect(deps.body.map((d: { id: number }) => d.id)).toContain(dep.body.id);

    const u = await loginAs(t);
    await request(t.base).delete(`${api}/invites/${staffInv.body.code}`).set('authorization', admin.auth).expect(204);
    expect((await request(t.base).post(`${api}/invites/${staffInv.body.code}/accept`).set('authorization', u.auth).expect(410)).body.code).toBe('GONE');

    const inv = await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'grid_worker', nodeCode: '510104001001001', expiresInHours: 1 }).expect(201);
    await t.ds.getRepository(Invite).update({ code: inv.body.code }, { expiresAt: new Date(Date.now() - 1000) });
    await request(t.base).post(`${api}/invites/${inv.body.code}/accept`).set('authorization', u.auth).expect(410);
    await request(t.base).post(`${api}/invites/NOTACODE!/accept`).set('authorization', u.auth).expect(404);
    expect((await request(t.base).get(`${api}/me`).set('authorization', u.auth).expect(200)).body.roles).toEqual([]);
    const list = await request(t.base).get(`${api}/invites?nodeCode=510104`).set('authorization', admin.auth).expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    await request(t.base).get(`${api}/invites?nodeCode=abc`).set('authorization', admin.auth).expect(422);
  });

  it('lets exactly one of two people racing for one invite code have it', async () => {
    const admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: '510104001001' }] });
    const inv = await request(t.base).post(`${api}/invites`).set('authorization', admin.auth).send({ role: 'grid_worker', nodeCode: '510104001001001' }).expect(201);
    const racers = await Promise.all(Array.from({ length: 5 }, () => loginAs(t)));
    const res = await Promise.all(racers.map((r) => request(t.base).post(`${api}/invites/${inv.body.code}/accept`).set('authorization', r.auth)));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    expect(res.filter((r) => r.status !== 200).every((r) => r.status === 410 || r.status === 409 || r.status === 503)).toBe(true);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp('sqlite', { RATE_LOGIN_PER_MIN: '3', RATE_WRITE_PER_MIN: '2' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After past the login and write limits', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) tokens.push((await request(t.base).post(`${api}/auth/wechat`).send({ code: `test:rl${i}` }).expect(200)).body.accessToken);
    const r = await request(t.base).post(`${api}/auth/wechat`).send({ code: 'test:rl9' }).expect(429);
    expect(r.body.code).toBe('RATE_LIMITED');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(await t.ds.query('SELECT id FROM app_user WHERE openid = ?', ['rl9'])).toEqual([]);
    // Writes are counted per user: A is stopped at the limit and the write does not happen;
    // A's reads still work, and so do B's writes.
    const [a, b] = tokens.map((x) => `Bearer ${x}`);
    await request(t.base).patch(`${api}/me`).set('authorization', a!).send({ name: '一' }).expect(200);
    await request(t.base).patch(`${api}/me`).set('authorization', a!).send({ name: '二' }).expect(200);
    const w = await request(t.base).patch(`${api}/me`).set('authorization', a!).send({ name: '三' }).expect(429);
    expect(w.headers['retry-after']).toBeDefined();
    expect((await request(t.base).get(`${api}/me`).set('authorization', a!).expect(200)).body.name).toBe('二');
    await request(t.base).patch(`${api}/me`).set('authorization', b!).send({ name: '乙' }).expect(200);
  });
});
