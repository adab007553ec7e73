import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { FakeWechat } from '../../src/wechat/fake/fake-wechat.js';
import { TEST_JWT_SECRET } from '../helpers/app.js';

const main = join(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

describe('secrets never reach the logs', () => {
  it('logs the login flow at trace level without session_key, tokens, codes or the full phone number', async () => {
    const fake = new FakeWechat({ appid: 'wxlogtest000000001', secret: 'log-test-wechat-secret' });
    await fake.start();
    const dir = mkdtempSync(join(tmpdir(), 'weigrid-logs-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port), DB_URL: `sqlite:${join(dir, 'db.sqlite')}`, LOG_LEVEL: 'trace', JWT_SECRET: TEST_JWT_SECRET, WECHAT_API_BASE: fake.base, WECHAT_APPID: fake.appid, WECHAT_SECRET: 'log-test-wechat-secret' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (d) => (logs += d));
    child.stderr.on('data', (d) => (logs += d));
    const exited = new Promise((r) => child.on('exit', r));
    try {
      const until = Date.now() + 30_000;
      while (!logs.includes('API on')) {
        if (Date.now() > until) throw new Error(`server did not start: ${logs}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const base = `http://127.0.0.1:${port}`;
      const login = await request(base).post('/api/v1/auth/wechat').send({ code: 'test:log_user_openid' }).expect(200);
      const sessionKey = fake.sessionKeyOf('log_user_openid')!;
      const auth = `Bearer ${login.body.accessToken}`;
      const refreshed = await request(base).post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
      await request(base).post('/api/v1/me/phone').set('authorization', `Bearer ${refreshed.body.accessToken}`).send({ code: 'phone:13912345678' }).expect(200);
      await request(base).post('/api/v1/me/share-info').set('authorization', `Bearer ${refreshed.body.accessToken}`).send(fake.shareInfo('log_user_openid', 'G1')).expect(200);
      await request(base).post('/api/v1/auth/wechat').send({ code: 'bad-code-should-not-be-logged' }).expect(401);
      await request(base).get('/api/v1/me').set('authorization', auth).expect(200);
      await request(base).get('/api/v1/me?access_token=querysecret123').set('authorization', 'Bearer nonsense').expect(401);
      await new Promise((r) => setTimeout(r, 300));

      // The logs are real and detailed (so the absence checks below mean something)…
      expect(logs).toMatch(/wechat jscode2session/);
      expect(logs).toMatch(/\/api\/v1\/auth\/wechat/);
      expect(logs.split('\n').length).toBeGreaterThan(10);
      // …and hold none of the secrets.
      const secrets = {
        sessionKey,
        accessToken: login.body.accessToken,
        refreshedAccessToken: refreshed.body.accessToken,
        refreshSecret: login.body.refreshToken.split('.')[2],
        newRefreshSecret: refreshed.body.refreshToken.split('.')[2],
        phone: '13912345678',
        wechatSecret: 'log-test-wechat-secret',
        jwtSecret: TEST_JWT_SECRET,
        badCode: 'bad-code-should-not-be-logged',
        queryToken: 'querysecret123',
        wechatAccessToken: 'fake_at_',
      };
      const found = Object.entries(secrets).filter(([, v]) => logs.includes(v)).map(([k]) => k);
      console.log(`secrets-in-logs: ${logs.split('\n').length} log lines scanned, ${Object.keys(secrets).length} secrets checked, ${found.length} found`);
      expect(found).toEqual([]);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await fake.stop();
    }
  });
});
