#!/usr/bin/env node
// `npm run bench`: runs every package's `bench` script (each benchmark prints a table and writes
// bench-results/<name>.json at the repo root), then prints the collected last lines.
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, pnpm } from './pnpm.mjs';

mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
const only = process.argv.slice(2);
const pkgs = ['shared', 'server', 'miniapp'].filter((p) => {
  const pj = JSON.parse(readFileSync(join(ROOT, p, 'package.json'), 'utf8'));
  return pj.scripts?.bench;
});
if (pkgs.length === 0) console.log('no package defines a bench script yet');
let failed = 0;
for (const p of pkgs) {
  console.log(`\n━━ bench ${p} ━━`);
  if (pnpm(['--filter', `./${p}`, 'bench', ...only]) !== 0) failed++;
}
const dir = join(ROOT, 'bench-results');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
if (files.length) {
  console.log('\n━━ results (bench-results/) ━━');
  for (const f of files) console.log(`${f.padEnd(20)} ${readFileSync(join(dir, f), 'utf8').trim()}`);
}
process.exit(failed ? 1 : 0);
