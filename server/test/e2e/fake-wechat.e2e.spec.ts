import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { FakeWechat } from '../../src/wechat/fake/fake-wechat.js';
import { decryptOpenData } from '../../src/wechat/crypto.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../../dist/cli/fake-wechat.js');

describe('fake WeChat server over HTTP', () => {
  let fake: FakeWechat;
  beforeAll(async () => {
    fake = new FakeWechat({ appid: 'wxfakehttp00000001', secret: 's' });
    await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('hands the H5 build a login code, with CORS for another origin', async () => {
    const pre = await request(fake.base).options('/__dev/login-code').set('origin', 'http://127.0.0.1:10086').set('access-control-request-method', 'GET').expect(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    const r = await request(fake.base).get('/__dev/login-code?openid=h5user').set('origin', 'http://127.0.0.1:10086').expect(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.body).toEqual({ code: 'test:h5user', openid: 'h5user' });
    const anon = await request(fake.base).get('/__dev/login-code').expect(200);
    expect(anon.body.code).toMatch(/^test:h5_[0-9a-f]{12}$/);
    await request(fake.base).get('/__dev/login-code?openid=bad%20id').expect(400);
  });

  it('answers with WeChat shapes: jscode2session, 40029, stable_token, 40001 without a token', async () => {
    const ok = await request(fake.base).get('/sns/jscode2session').query({ appid: fake.appid, secret: 's', js_code: 'test:o1', grant_type: 'authorization_code' }).expect(200);
    expect(Object.keys(ok.body).sort()).toEqual(['openid', 'session_key', 'unionid']);
    const bad = await request(fake.base).get('/sns/jscode2session').query({ appid: fake.appid, secret: 's', js_code: 'xyz', grant_type: 'authorization_code' }).expect(200);
    expect(bad.body).toMatchObject({ errcode: 40029 });
    const tok = await request(fake.base).post('/cgi-bin/stable_token').send({ grant_type: 'client_credential', appid: fake.appid, secret: 's', force_refresh: false }).expect(200);
    expect(tok.body).toMatchObject({ access_token: expect.any(String), expires_in: 7200 });
    const same = await request(fake.base).post('/cgi-bin/stable_token').send({ grant_type: 'client_credential', appid: fake.appid, secret: 's' }).expect(200);
    expect(same.body.access_token).toBe(tok.body.access_token);
    expect((await request(fake.base).post('/wxa/msg_sec_check').send({}).expect(200)).body.errcode).toBe(40001);
  });

  it('encrypts share info with the user’s current session key, records messages, fails on demand', async () => {
    const login = await request(fake.base).get('/sns/jscode2session').query({ appid: fake.appid, secret: 's', js_code: 'test:sharer', grant_type: 'authorization_code' });
    const enc = await request(fake.base).post('/__dev/share-info').send({ openid: 'sharer', opengid: 'GRP1' }).expect(200);
    expect(decryptOpenData<{ openGId: string }>(login.body.session_key, enc.body.encryptedData, enc.body.iv, fake.appid).openGId).toBe('GRP1');
    await request(fake.base).post('/__dev/share-info').send({ openid: 'nobody', opengid: 'G' }).expect(404);

    const { body: t } = await request(fake.base).post('/cgi-bin/stable_token').send({ grant_type: 'client_credential', appid: fake.appid, secret: 's' });
    await request(fake.base).post(`/cgi-bin/message/subscribe/send?access_token=${t.access_token}`).send({ touser: 'sharer', template_id: 'TPL', page: 'pages/x/index?id=1', data: { thing1: { value: '你好' } } }).expect(200);
    const msgs = await request(fake.base).get('/__dev/messages?touser=sharer').expect(200);
    expect(msgs.body.messages).toMatchObject([{ touser: 'sharer', template_id: 'TPL', data: { thing1: { value: '你好' } } }]);

    await request(fake.base).post('/__dev/fail').send({ count: 2, errcode: 45011, path: '/sns/jscode2session' }).expect(200);
    for (let i = 0; i < 2; i++) expect((await request(fake.base).get('/sns/jscode2session').query({ appid: fake.appid, secret: 's', js_code: 'test:a', grant_type: 'authorization_code' })).body.errcode).toBe(45011);
    expect((await request(fake.base).get('/sns/jscode2session').query({ appid: fake.appid, secret: 's', js_code: 'test:a', grant_type: 'authorization_code' })).body.openid).toBe('a');
    await request(fake.base).post('/__dev/fail').send({ count: 'x' }).expect(400);
  });

  it('runs on its own from the CLI and stops on SIGTERM', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [cli], { env: { PATH: process.env.PATH ?? '', FAKE_WECHAT_PORT: String(port), WECHAT_APPID: 'wxcli' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const until = Date.now() + 20_000;
    while (!out.includes('listening')) {
      if (Date.now() > until) throw new Error('fake did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(out).toContain(`http://127.0.0.1:${port}`);
    expect((await request(`http://127.0.0.1:${port}`).get('/__dev/login-code?openid=x').expect(200)).body.code).toBe('test:x');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
