import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { encryptOpenData } from '../../src/wechat/crypto.js';
import { bootTestApp, TEST_WECHAT_APPID, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';

const G1 = '510104001001001';
const M1 = '510104001001001001';
const M2 = '510104001002001001';

describe.each(testDbKinds())('group binding and share cards on %s', (kind) => {
  let t: TestApp;
  let worker: LoggedIn;
  let otherWorker: LoggedIn;
  let resident: LoggedIn;

  beforeAll(async () => {
    t = await bootTestApp(kind);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: G1 }] });
    otherWorker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104001002001' }] });
    resident = await loginAs(t, { grants: [{ role: 'resident', nodeCode: M1 }] });
    await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: M2 }] }); // makes M2 exist
  });
  afterAll(() => t.close());

  /** What the mini-program sends: a fresh login code and the group's encrypted share info. */
  const groupInfo = (u: LoggedIn, opengid: string) => ({ code: `test:${u.openid}`, ...t.wechat.shareInfo(u.openid, opengid) });
  const bindings = async () => Number((await t.ds.query('SELECT COUNT(*) AS n FROM group_binding'))[0].n);

  it('binds a group to a micro-grid with real AES decryption; cards opened there resolve to it', async () => {
    const r = await request(t.base).post('/api/v1/share/groups').set('authorization', worker.auth).send({ ...groupInfo(worker, 'tGroupJinjiang01'), nodeCode: M1 }).expect(200);
    expect(r.body.node).toEqual({ code: M1, name: `测试${M1}`, level: 'micro' });
    const [row] = await t.ds.query('SELECT opengid FROM group_binding');
    expect(row.opengid).toBe('tGroupJinjiang01');

    const seen = await request(t.base).post('/api/v1/share/groups/resolve').set('authorization', resident.auth).send(groupInfo(resident, 'tGroupJinjiang01')).expect(200);
    expect(seen.body.node).toEqual({ code: M1, name: `测试${M1}`, level: 'micro' });
    const unbound = await request(t.base).post('/api/v1/share/groups/resolve').set('authorization', resident.auth).send(groupInfo(resident, 'tGroupElsewhere')).expect(200);
    expect(unbound.body).toEqual({ node: null, boundAt: null });

    const count = await request(t.base).get(`/api/v1/share/groups?nodeCode=${M1}`).set('authorization', worker.auth).expect(200);
    expect(count.body).toEqual({ node: { code: M1, name: `测试${M1}` }, groups: 1 });
  });

  it('makes a QR code that opens the report page pre-set to the micro-grid', async () => {
    const r = await request(t.base).get(`/api/v1/share/qrcode?nodeCode=${M1}`).set('authorization', worker.auth).buffer(true).expect(200);
    expect(r.headers['content-type']).toBe('image/png');
    const png = r.body as Buffer;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.toString('latin1')).toContain(`scene\0g=${M1}`);
    expect(png.toString('latin1')).toContain('page\0pages/report/index');
    await request(t.base).get(`/api/v1/share/qrcode?nodeCode=${M2}`).set('authorization', worker.auth).expect(404);
    await request(t.base).get(`/api/v1/share/qrcode?nodeCode=${G1}`).set('authorization', worker.auth).expect(422);
  });

  it.each([
    ['bad encryptedData', (u: LoggedIn) => ({ ...groupInfo(u, 'g1'), encryptedData: randomBytes(64).toString('base64') }), 422, 'VALIDATION_FAILED'],
    ['a bad iv', (u: LoggedIn) => ({ ...groupInfo(u, 'g1'), iv: randomBytes(16).toString('base64') }), 422, 'VALIDATION_FAILED'],
    ['a non-base64 iv', (u: LoggedIn) => ({ ...groupInfo(u, 'g1'), iv: 'not base64 at all!!!!!!!' }), 422, 'VALIDATION_FAILED'],
    ['a share ticket from another app', (u: LoggedIn) => ({ code: `test:${u.openid}`, ...encryptOpenData(t.wechat.sessionKeyOf(u.openid)!, { openGId: 'g1', watermark: { appid: 'wx_other_app_0001', timestamp: 1 } }) }), 422, 'VALIDATION_FAILED'],
    ['an invalid login code', (u: LoggedIn) => ({ ...groupInfo(u, 'g1'), code: 'bogus' }), 401, 'WECHAT_CODE_INVALID'],
    ["another user's login code", (u: LoggedIn) => ({ ...groupInfo(u, 'g1'), code: `test:${resident.openid}` }), 403, 'FORBIDDEN'],
  ])('refuses %s with a code and stores nothing', async (_name, make, status, code) => {
    const before = await bindings();
    const r = await request(t.base).post('/api/v1/share/groups').set('authorization', worker.auth).send({ ...make(worker), nodeCode: M1 }).expect(status);
    expect(r.body.code).toBe(code);
    expect(await bindings()).toBe(before);
  });

  it('refuses binding outside the worker scope, to a non-micro node, or by a resident', async () => {
    const before = await bindings();
    await request(t.base).post('/api/v1/share/groups').set('authorization', otherWorker.auth).send({ ...groupInfo(otherWorker, 'g2'), nodeCode: M1 }).expect(403);
    await request(t.base).post('/api/v1/share/groups').set('authorization', resident.auth).send({ ...groupInfo(resident, 'g2'), nodeCode: M1 }).expect(403);
    await request(t.base).post('/api/v1/share/groups').set('authorization', worker.auth).send({ ...groupInfo(worker, 'g2'), nodeCode: G1 }).expect(422);
    await request(t.base).post('/api/v1/share/groups').set('authorization', worker.auth).send({ ...groupInfo(worker, 'g2'), nodeCode: '510104001001001999' }).expect(404);
    expect(await bindings()).toBe(before);
    expect(TEST_WECHAT_APPID).toBe(t.wechat.appid);
  });
});
