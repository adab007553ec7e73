#!/usr/bin/env node
// Compiles every WXML and WXSS of the weapp build with WeChat's own wcc and wcsc (the ones DevTools
// and the upload use) and checks every page of app.json got a render function and a style function.
// Fails naming the file and the compiler's message.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWxml, compileWxss, loadGwx } from '../weapp-sim/compile.mjs';

const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../dist/weapp');
if (!existsSync(join(dist, 'app.json'))) {
  console.error(`wechat-compile: no weapp build at ${dist} — run \`pnpm --filter @weigrid/miniapp build:weapp\``);
  process.exit(1);
}
const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((x) => `${p.root.replace(/\/$/, '')}/${x}`))];
let bad = 0;
try {
  const wxml = compileWxml(dist);
  const gwx = loadGwx(wxml.js);
  const missing = pages.filter((p) => typeof gwx(`${p}.wxml`) !== 'function');
  for (const p of missing) console.error(`wcc: ${p}.wxml has no render function (page listed in app.json but not compiled)`);
  bad += missing.length;
  console.log(`wcc: ${wxml.files.length} WXML and ${wxml.wxs.length} WXS compiled; render functions for all ${pages.length - missing.length}/${pages.length} pages`);
} catch (e) {
  console.error(e.message);
  bad++;
}
try {
  const wxss = compileWxss(dist);
  const missing = pages.filter((p) => existsSync(join(dist, `${p}.wxss`)) && !wxss.compiled.includes(`${p}.wxss`));
  for (const p of missing) console.error(`wcsc: ${p}.wxss produced no style function`);
  bad += missing.length;
  console.log(`wcsc: ${wxss.files.length} WXSS compiled (${wxss.compiled.length} page/component style functions)`);
} catch (e) {
  console.error(e.message);
  bad++;
}
process.exit(bad ? 1 : 0);
