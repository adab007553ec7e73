#!/usr/bin/env node
// Measures the built weapp package: the main package (everything outside subpackage roots) and
// each subpackage. Fails when the main package exceeds 1 MB (WeChat allows 2 MB; we keep half
// free for growth), a subpackage exceeds 2 MB, or all together exceed 20 MB (WeChat: 30 MB).
// Then lists each package's largest webpack modules (size of the minified function, with its
// longest string as a hint of what it is), to spot JS that should not ship to WeChat.
import { existsSync, readdirSync, statSync, readFileSync } from 'node:fs';
import vm from 'node:vm';
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
const TOTAL_LIMIT = 20 * 1024 * 1024;
if (total > TOTAL_LIMIT) bad++;
console.log(`${'total'.padEnd(20)} ${(total / 1024).toFixed(1).padStart(8)} KB ${(TOTAL_LIMIT / 1024).toFixed(0).padStart(6)} KB ${total > TOTAL_LIMIT ? 'OVER' : 'ok'}`);

/** The modules of a webpack chunk file: it pushes [[chunk ids], {id: function}] onto wx.webpackJsonp. */
function modulesOf(file) {
  const pushed = [];
  const wx = { webpackJsonp: { push: (x) => pushed.push(x) } };
  try {
    vm.runInNewContext(readFileSync(file, 'utf8'), { wx, require: () => ({}), module: { exports: {} }, exports: {} }, { timeout: 2000 });
  } catch {
    /* a file that runs code beyond registering its modules: counted as a whole above */
  }
  return pushed.flatMap(([, mods]) => Object.entries(mods ?? {}).map(([id, fn]) => {
    const src = String(fn);
    // the longest plain string in it (a name, a path, a message) says what it is better than its code
    const strings = [...src.matchAll(/"([\w$@./:\u4e00-\u9fff-]{6,60})"/g)].map((m) => m[1]);
    const hint = strings.sort((a, b) => b.length - a.length)[0] ?? '';
    return { id, size: src.length, hint };
  }));
}
const byPackage = {};
(function collect(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p);
    else if (name.endsWith('.js')) {
      const rel = relative(dist, p).split(sep).join('/');
      const root = roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
      for (const m of modulesOf(p)) (byPackage[root] ??= []).push({ ...m, file: rel });
    }
  }
})(dist);
for (const [pkg, mods] of Object.entries(byPackage)) {
  console.log(`\nlargest modules in ${pkg}:`);
  for (const m of mods.sort((a, b) => b.size - a.size).slice(0, 6)) {
    console.log(`  ${(m.size / 1024).toFixed(1).padStart(7)} KB  ${m.file}#${m.id}  ${JSON.stringify(m.hint).slice(0, 70)}`);
  }
}
process.exit(bad ? 1 : 0);
