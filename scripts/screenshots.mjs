#!/usr/bin/env node
// Regenerates docs/screenshots: every page of every role, normal and 长辈版 (e2e/a11y.test.mjs →
// docs/screenshots/pages/), and the steps of each journey (the other e2e specs), all on the H5
// build against a fresh demo database. Builds what is missing first. Needs Chromium and a CJK font.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, pnpm } from './pnpm.mjs';

const step = (title, code) => {
  if (code !== 0) {
    console.error(`✗ ${title} failed (exit ${code})`);
    process.exit(code || 1);
  }
  console.log(`✓ ${title}`);
};
if (!existsSync(join(ROOT, 'server/dist/main.js'))) step('build shared + server', pnpm(['--filter', '@weigrid/shared', '--filter', '@weigrid/server', 'build']));
if (!existsSync(join(ROOT, 'miniapp/dist/h5/sw.js'))) step('build H5', pnpm(['--filter', '@weigrid/miniapp', 'build:h5']));
const only = process.argv.slice(2);
const r = spawnSync(process.execPath, ['e2e/run.mjs', ...only], { cwd: join(ROOT, 'miniapp'), stdio: 'inherit', env: { ...process.env, UPDATE_SCREENSHOTS: '1' } });
step(`screenshots${only.length ? ` (${only.join(' ')})` : ''} → docs/screenshots/`, r.status ?? 1);
