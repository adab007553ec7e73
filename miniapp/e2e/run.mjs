#!/usr/bin/env node
// Boots the real API (fresh SQLite file, demo seed, serving this H5 build), then runs the
// Playwright specs in e2e/*.test.mjs with node's test runner against it in headless Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const miniapp = dirname(here);
const server = join(miniapp, '../server');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const msg = `e2e: SKIPPED — no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)`;
  if (process.env.CI) {
    console.error(msg.replace('SKIPPED', 'FAILED'));
    process.exit(1);
  }
  console.log(msg);
  process.exit(0);
}
if (!existsSync(join(miniapp, 'dist/h5/index.html'))) {
  console.error('e2e: no H5 build in dist/h5 — run `pnpm --filter @weigrid/miniapp build:h5` first');
  process.exit(1);
}
if (!existsSync(join(server, 'dist/main.js'))) {
  console.error('e2e: the server is not built — run `pnpm --filter @weigrid/server build` first');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'weigrid-e2e-'));
const port = String(21000 + Math.floor(Math.random() * 20000));
const fakePort = String(Number(port) + 1);
const fakeBase = `http://127.0.0.1:${fakePort}`;
const env = {
  ...process.env,
  PORT: port,
  DB_URL: `sqlite:${join(dir, 'e2e.sqlite')}`,
  JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-0',
  H5_DIR: join(miniapp, 'dist/h5'),
  LOG_LEVEL: 'warn',
  // logins go through our fake WeChat server (no machine here reaches WeChat)
  WECHAT_API_BASE: fakeBase,
  WECHAT_APPID: 'wx0000000000000000',
  WECHAT_SECRET: 'e2e-fake-secret',
  FAKE_WECHAT_PORT: fakePort,
};
const seed = spawnSync(process.execPath, ['dist/cli/seed-demo.js'], { cwd: server, env, stdio: 'inherit' });
if (seed.status !== 0) process.exit(seed.status ?? 1);

function startAndWait(name, args, readyText) {
  const child = spawn(process.execPath, args, { cwd: server, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s`)), 30000);
    child.stdout.on('data', (d) => {
      if (String(d).includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return { child, ready };
}
const fake = startAndWait('fake WeChat', ['dist/cli/fake-wechat.js'], 'listening on');
const api = startAndWait('API', ['dist/main.js'], 'API on');
try {
  await Promise.all([fake.ready, api.ready]);
} catch (e) {
  console.error(`e2e: ${e.message}`);
  fake.child.kill('SIGTERM');
  api.child.kill('SIGTERM');
  process.exit(1);
}

// `node e2e/run.mjs campaign notice` runs only the spec files whose names contain those words
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs') && (only.length === 0 || only.some((w) => f.includes(w))))
  .map((f) => join(here, f));
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...env, WEIGRID_BASE: `http://127.0.0.1:${port}`, WECHAT_DEV_BASE: fakeBase, WEIGRID_DB: env.DB_URL, CHROMIUM_PATH: CHROMIUM },
});
api.child.kill('SIGTERM');
fake.child.kill('SIGTERM');
process.exit(r.status ?? 1);
