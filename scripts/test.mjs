#!/usr/bin/env node
// `npm test`: installs, builds and runs every tier — unit, integration (SQLite, plus MariaDB when
// DB_URL=mysql://… is set), e2e over HTTP, jsdom component tests, and Playwright on the H5 build
// in headless Chromium, the weapp build compiled by WeChat's wcc/wcsc and run in a simulated WeChat
// runtime — then prints one summary table. Exit code is non-zero if anything failed.
import { ROOT, pnpmTee } from './pnpm.mjs';

const onMysql = /^(mysql|mariadb):/.test(process.env.DB_URL ?? '');

// [name, pnpm args, reason to skip (printed; the summary says SKIP, never PASS, for it)]
const steps = [
  ['install', ['install', '--frozen-lockfile']],
  ['build shared', ['--filter', '@weigrid/shared', 'build']],
  ['typecheck (strict, all packages)', ['-r', 'typecheck']],
  ['test shared (unit)', ['--filter', '@weigrid/shared', 'test']],
  ['test server (unit, integration, e2e)', ['--filter', '@weigrid/server', 'test']],
  // A flow that needs two connections at once wedges a pool of 2 at once (issue 16).
  ['test server on MariaDB, pool 2, outbox 4', ['--filter', '@weigrid/server', 'test:small-pool'], onMysql ? null : 'needs DB_URL=mysql://… (only MariaDB/MySQL has a pool)'],
  // Issue 23: the API's correctness on a real 3-node Galera cluster (the fault run is in `npm run bench`).
  ['test HA: Galera ×3 cluster', ['--filter', '@weigrid/server', 'test:ha']],
  ['test miniapp (jsdom)', ['--filter', '@weigrid/miniapp', 'test']],
  ['build weapp', ['--filter', '@weigrid/miniapp', 'build:weapp']],
  ['WeChat wcc/wcsc compile dist/weapp', ['--filter', '@weigrid/miniapp', 'compile:weapp']],
  ['size budget (weapp packages)', ['--filter', '@weigrid/miniapp', 'size']],
  // the weapp build in a simulated WeChat runtime (weapp-sim/): four journeys against the real API.
  // The miniprogram-automator spec (`test:weapp`) needs WeChat DevTools, which has no Linux build.
  ['test weapp (simulated WeChat runtime)', ['--filter', '@weigrid/miniapp', 'test:weapp-sim']],
  ['build H5', ['--filter', '@weigrid/miniapp', 'build:h5']],
  ['test H5 in Chromium (playwright)', ['--filter', '@weigrid/miniapp', 'test:e2e']],
];

const results = [];
for (const [name, args, skip] of steps) {
  const t = Date.now();
  console.log(`\n━━ ${name} ━━`);
  if (skip) {
    console.log(`skipped: ${skip}`);
    results.push({ name, ok: true, status: 'SKIP', s: '0.0', failures: [], skips: [skip] });
    continue;
  }
  const { code, failures, skips, passed } = await pnpmTee(args, { cwd: ROOT });
  // SKIP, not PASS, when the step ran no test: it said why (`SKIPPED — reason`) and passed none.
  const status = code !== 0 ? 'FAIL' : skips.length && !passed ? 'SKIP' : 'PASS';
  results.push({ name, ok: code === 0, status, s: ((Date.now() - t) / 1000).toFixed(1), failures, skips });
  if (code !== 0 && (name === 'install' || name.startsWith('build'))) break;
}
console.log('\n━━ summary ━━');
console.log(`database: SQLite${/^(mysql|mariadb):/.test(process.env.DB_URL ?? '') ? ' + MariaDB/MySQL (DB_URL)' : ' only (set DB_URL=mysql://… to add MariaDB)'}`);
for (const r of results) {
  console.log(`${r.status}  ${r.name.padEnd(40)} ${r.s.padStart(6)} s`);
  // CI logs are often read from their tail: name what failed or skipped here, not only far above.
  if (!r.ok) for (const f of r.failures) console.log(`        ${f}`);
  for (const s of r.skips) console.log(`        skipped: ${s}`);
}
const failed = results.filter((r) => !r.ok).length + (steps.length - results.length);
const skipped = results.filter((r) => r.status === 'SKIP').length;
console.log(failed ? `\n${failed} step(s) failed` : skipped ? `\nall steps passed but ${skipped} skipped (reasons above)` : '\nall steps passed');
process.exit(failed ? 1 : 0);
