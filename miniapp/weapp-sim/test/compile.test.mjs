// The compile step fails with the file and wcc's / wcsc's message when a WXML or WXSS is broken,
// and passes a good package (a tiny one written here, so this runs without a weapp build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/wechat-compile.mjs');

function pkg(files) {
  const dir = mkdtempSync(join(tmpdir(), 'weigrid-wcc-'));
  const all = {
    'app.json': JSON.stringify({ pages: ['pages/a/index'] }),
    'app.wxss': '.x { color: red; }',
    'pages/a/index.json': '{}',
    'pages/a/index.wxml': '<view class="{{c}}">{{t}}</view>',
    'pages/a/index.wxss': '.a { margin: 10rpx; }',
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const run = (dir) => spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });

test('a good package compiles', () => {
  const r = run(pkg({}));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /render functions for all 1\/1 pages/);
});

test('a broken WXML fails naming the file and position', () => {
  const r = run(pkg({ 'pages/a/index.wxml': '<view>\n  <text>{{t</text>\n' }));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /wcc: .*pages\/a\/index\.wxml:\d+:\d+/);
});

test('a broken WXSS fails naming the file and position', () => {
  const r = run(pkg({ 'pages/a/index.wxss': '.a { color: red;\n .b {' }));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /wcsc: .*pages\/a\/index\.wxss\(\d+:\d+\)/);
});
