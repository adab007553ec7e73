#!/usr/bin/env node
// Runs the weapp simulator's tests (weapp-sim/test/*.test.mjs): starts the real API on a fresh
// SQLite file with the demo seed and the fake WeChat server, then node's test runner against them.
// Needs the weapp build (dist/weapp) and the server build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../e2e/stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '../dist/weapp');
if (!existsSync(join(dist, 'app.json'))) {
  console.error('weapp-sim: no weapp build in dist/weapp — run `pnpm --filter @weigrid/miniapp build:weapp` first');
  process.exit(1);
}
let stack;
try {
  stack = await startStack('sim');
} catch (e) {
  console.error(`weapp-sim: ${e.message}`);
  process.exit(1);
}
// `node weapp-sim/run.mjs resident` runs only the files whose names contain those words
const only = process.argv.slice(2);
const dir = join(here, 'test');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs') && (only.length === 0 || only.some((w) => f.includes(w))))
  .map((f) => join(dir, f));
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...stack.env, WEIGRID_BASE: stack.base, WECHAT_DEV_BASE: stack.fakeBase, WEIGRID_DB: stack.env.DB_URL, WEAPP_DIST: dist },
});
stack.stop();
process.exit(r.status ?? 1);
