#!/usr/bin/env node
// Measures the built weapp package: the main package (everything outside subpackage roots) and
// each subpackage. Fails when the main package exceeds 1 MB (WeChat allows 2 MB; we keep half
// free for growth) or a subpackage exceeds 2 MB.
import { existsSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist/weapp');
if (!existsSync(join(dist, 'app.json'))) {
  console.error('size: no weapp build at dist/weapp — run `pnpm --filter @weigrid/miniapp build:weapp`');
  process.exit(1);
}
const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
const sizes = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) };
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p);
    else if (!name.endsWith('.map')) {
      const rel = relative(dist, p).split(sep).join('/');
      const root = roots.find((r) => rel.startsWith(`${r}/`));
      sizes[root ?? 'main'] += st.size;
    }
  }
}
walk(dist);
const LIMIT = { main: 1024 * 1024, sub: 2 * 1024 * 1024 };
let bad = 0;
console.log('package              size        limit');
for (const [k, v] of Object.entries(sizes)) {
  const limit = k === 'main' ? LIMIT.main : LIMIT.sub;
  const over = v > limit;
  if (over) bad++;
  console.log(`${k.padEnd(20)} ${(v / 1024).toFixed(1).padStart(8)} KB ${(limit / 1024).toFixed(0).padStart(6)} KB ${over ? 'OVER' : 'ok'}`);
}
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
console.log(`${'total'.padEnd(20)} ${(total / 1024).toFixed(1).padStart(8)} KB`);
process.exit(bad ? 1 : 0);
