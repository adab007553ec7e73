#!/usr/bin/env node
// `npm start`: install, build, seed the demo district and run everything on the embedded SQLite
// default — API + H5 mini-app on http://127.0.0.1:3000/, and the fake WeChat server on :3901 (no machine
// here reaches WeChat): the API's WECHAT_API_BASE points at it unless you set WECHAT_API_BASE yourself.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT, pnpm } from './pnpm.mjs';

function step(title, code) {
  if (code !== 0) {
    console.error(`\n✗ ${title} failed (exit ${code})`);
    process.exit(code);
  }
  console.log(`✓ ${title}`);
}

const fakePort = process.env.FAKE_WECHAT_PORT ?? '3901';
const useFake = !process.env.WECHAT_API_BASE;
const fakeBase = `http://127.0.0.1:${fakePort}`;
// The H5 build has no wx.login: in dev it asks the fake for a `test:` code at this address.
if (useFake) process.env.TARO_APP_DEV_WECHAT_BASE ??= fakeBase;

const t0 = Date.now();
step('install dependencies', pnpm(['install', '--frozen-lockfile']));
step('build shared + server', pnpm(['--filter', '@weigrid/shared', '--filter', '@weigrid/server', 'build']));
step('build H5 mini-app', pnpm(['--filter', '@weigrid/miniapp', 'build:h5']));

// A development secret, generated once and kept out of git; production sets JWT_SECRET itself.
const dataDir = join(ROOT, 'server/.data');
mkdirSync(dataDir, { recursive: true });
const secretFile = join(dataDir, 'dev-jwt-secret');
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });

const port = process.env.PORT ?? '3000';
const env = {
  ...process.env,
  PORT: port,
  JWT_SECRET: process.env.JWT_SECRET ?? readFileSync(secretFile, 'utf8').trim(),
  DB_URL: process.env.DB_URL ?? 'sqlite:./.data/weigrid.sqlite',
  H5_DIR: process.env.H5_DIR ?? join(ROOT, 'miniapp/dist/h5'),
  WECHAT_API_BASE: process.env.WECHAT_API_BASE ?? fakeBase,
  WECHAT_APPID: process.env.WECHAT_APPID ?? 'wx0000000000000000',
  WECHAT_SECRET: process.env.WECHAT_SECRET ?? 'dev-fake-secret',
};
const serverDir = join(ROOT, 'server');
step('seed demo district', pnpm(['--filter', '@weigrid/server', 'seed:demo'], { env }));

console.log(`ready in ${((Date.now() - t0) / 1000).toFixed(0)} s — starting the API…`);
const children = [];
if (useFake) {
  const fake = spawn(process.execPath, ['dist/cli/fake-wechat.js'], { cwd: serverDir, env: { ...env, FAKE_WECHAT_PORT: fakePort }, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  children.push(fake);
  fake.on('exit', (code) => {
    if (code) console.error(`fake WeChat server exited (${code}); logins will answer 503 WECHAT_UNAVAILABLE`);
  });
}
// An IPC channel, so the API shuts down if this launcher dies without passing a signal on.
const api = spawn(process.execPath, ['dist/main.js'], { cwd: serverDir, env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
children.push(api);
api.on('exit', (code) => {
  for (const c of children) if (c !== api) c.kill('SIGTERM');
  process.exit(code ?? 0);
});
setTimeout(() => console.log(`\n  微网格 is running:  http://127.0.0.1:${port}/   (API docs: http://127.0.0.1:${port}/api/docs)\n${useFake ? `  fake WeChat:        ${fakeBase}  (login codes test:<openid>; first admin: node server/dist/cli/create-admin.js --node 5101, see --help)\n` : ''}  Ctrl-C to stop.\n`), 1500).unref();
// `kill <npm pid>` ends npm and its shell but does not reach this script: we are re-parented.
// Treat that as SIGTERM, so stopping `npm start` always stops the API (it exits within 10 s).
let stopping = false;
function stop(sig) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill(sig);
  setTimeout(() => process.exit(1), 12_000).unref();
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, 500).unref();
