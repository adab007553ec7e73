#!/usr/bin/env node
// Boots the real API (fresh SQLite file, demo seed, serving this H5 build), then runs the
// Playwright specs in e2e/*.test.mjs with node's test runner against it in headless Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from './stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const miniapp = dirname(here);
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

let stack;
try {
  stack = await startStack('e2e', { H5_DIR: join(miniapp, 'dist/h5') });
} catch (e) {
  console.error(`e2e: ${e.message}`);
  process.exit(1);
}
const { env, fakeBase } = stack;

// `node e2e/run.mjs campaign notice` runs only the spec files whose names contain those words
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs') && (only.length === 0 || only.some((w) => f.includes(w))))
  .map((f) => join(here, f));
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...env, WEIGRID_BASE: stack.base, WECHAT_DEV_BASE: fakeBase, WEIGRID_DB: env.DB_URL, CHROMIUM_PATH: CHROMIUM },
});
stack.stop();
process.exit(r.status ?? 1);
