#!/usr/bin/env node
// `pnpm bench` in server/: runs every benchmark directory under bench/ (each has an index.mjs that
// prints a table and writes bench-results/<name>.json at the repo root). Pass names to run some.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const dirs = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'index.mjs')))
  .map((d) => d.name)
  .filter((n) => only.length === 0 || only.includes(n));
let failed = 0;
for (const d of dirs) {
  console.log(`\n── bench/${d} ──`);
  const r = spawnSync(process.execPath, [join(here, d, 'index.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
