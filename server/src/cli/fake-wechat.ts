#!/usr/bin/env node
/**
 * Runs the fake WeChat server on its own (dev, manual testing, the H5 build's login):
 *   FAKE_WECHAT_PORT=3901 WECHAT_APPID=wx… WECHAT_SECRET=… node dist/cli/fake-wechat.js
 * Point the API at it with WECHAT_API_BASE=http://127.0.0.1:3901.
 */
import { answerHelp } from './cli-env.js';
import { FakeWechat } from '../wechat/fake/fake-wechat.js';

answerHelp('usage: fake-wechat   a stand-in WeChat API for development (login codes test:<openid>).\n  FAKE_WECHAT_PORT (3901), FAKE_WECHAT_HOST (127.0.0.1), WECHAT_APPID, WECHAT_SECRET');

const port = Number(process.env.FAKE_WECHAT_PORT ?? 3901);
const host = process.env.FAKE_WECHAT_HOST ?? '127.0.0.1';
const fake = new FakeWechat({ appid: process.env.WECHAT_APPID || undefined, secret: process.env.WECHAT_SECRET || undefined });
try {
  const base = await fake.start(port, host);
  process.stdout.write(`fake-wechat: listening on ${base} (appid ${fake.appid}); login codes are test:<openid>, dev endpoints under /__dev/\n`);
} catch (e) {
  process.stderr.write(`fake-wechat: cannot listen on ${host}:${port}: ${(e as Error).message}\n`);
  process.exit(1);
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    void fake.stop().then(() => process.exit(0));
  });
}
// Started by `npm start` over an IPC channel: go when the launcher does.
if (process.send) process.on('disconnect', () => process.exit(0));
