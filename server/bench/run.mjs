#!/usr/bin/env node
// `pnpm bench` in server/: runs every benchmark directory under bench/ — `index.mjs` directly, or
// `index.ts` compiled first with tsconfig.bench.json into dist/bench/. Each prints a table and
// writes bench-results/<name>.json at the repo root. Pass names to run some.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const server = dirname(here);
const only = process.argv.slice(2);
const dirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (existsSync(join(here, d.name, 'index.mjs')) || existsSync(join(here, d.name, 'index.ts'))))
  .map((d) => d.name)
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();
if (dirs.some((d) => !existsSync(join(here, d, 'index.mjs')))) {
  const tsc = spawnSync(process.execPath, [join(server, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bench.json'], { cwd: server, stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
let failed = 0;
for (const d of dirs) {
  console.log(`\n── bench/${d} ──`);
  const entry = existsSync(join(here, d, 'index.mjs')) ? join(here, d, 'index.mjs') : join(server, 'dist/bench/bench', d, 'index.js');
  const r = spawnSync(process.execPath, ['--enable-source-maps', entry], { cwd: server, stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
