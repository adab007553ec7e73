// The resident → worker loop on the weapp build, driven in WeChat DevTools by miniprogram-automator.
// DevTools exists only for Windows and macOS: set WECHAT_DEVTOOLS_CLI to its `cli` path (and run the
// API + fake WeChat server as `npm start` does, with TARO_APP_API_BASE pointing at it when building
// weapp). Without it, every test here skips with the reason printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = process.env.WECHAT_DEVTOOLS_CLI;
const project = join(dirname(fileURLToPath(import.meta.url)), '..');
const skip = !CLI
  ? 'WECHAT_DEVTOOLS_CLI is not set (WeChat DevTools has no Linux build; set it to the DevTools cli path on Windows/macOS)'
  : !existsSync(CLI)
    ? `WECHAT_DEVTOOLS_CLI=${CLI} does not exist`
    : !existsSync(join(project, 'dist/weapp/app.json'))
      ? 'no weapp build in dist/weapp (run build:weapp first)'
      : false;
if (skip) console.log(`weapp automator tests: SKIPPED — ${skip}`);

let mp;
before(async () => {
  if (skip) return;
  const automator = (await import('miniprogram-automator')).default;
  mp = await automator.launch({ cliPath: CLI, projectPath: project });
});
after(async () => {
  await mp?.close();
});

test('home shows the report entry and the region', { skip }, async () => {
  const page = await mp.reLaunch('/pages/index/index');
  await page.waitFor(2000);
  const button = await page.$('.big-button');
  assert.equal(await button.text(), '我要上报');
});

test('a resident reports with a location and sees it in my reports', { skip }, async () => {
  // wx.login must give a code the fake WeChat server knows; getLocation is native: stub both
  await mp.mockWxMethod('login', { code: 'test:automator_resident', errMsg: 'login:ok' });
  await mp.mockWxMethod('getLocation', { latitude: 30.6566, longitude: 104.0833, errMsg: 'getLocation:ok' });
  const page = await mp.reLaunch('/pages/report/index');
  await page.waitFor(2000);
  const chips = await page.$$('.chip');
  assert.ok(chips.length > 0, 'categories are shown');
  await chips[0].tap();
  const buttons = await page.$$('button');
  for (const b of buttons) if ((await b.text()) === '获取当前位置') await b.tap();
  await page.waitFor(1500);
  const goesTo = await page.$('.goes-to-name');
  assert.ok(goesTo && (await goesTo.text()).length > 0, 'the destination micro-grid is shown');
  const textarea = await page.$('.textarea');
  await textarea.input('井盖缺失，晚上很危险');
  const submit = await page.$('.big-button');
  await submit.tap();
  await page.waitFor(3000);
  const current = await mp.currentPage();
  assert.equal(current.path, 'pages/event/index');
});

test('a worker of that micro-grid sees the task and accepts it', { skip }, async () => {
  // the worker's openid must hold micro_member at the demo micro-grid (grant it with the admin pages or an invite)
  await mp.callWxMethod('clearStorageSync');
  await mp.mockWxMethod('login', { code: `test:${process.env.AUTOMATOR_WORKER_OPENID ?? 'automator_worker'}`, errMsg: 'login:ok' });
  const page = await mp.reLaunch('/packages/worker/pages/inbox/index');
  await page.waitFor(2000);
  const cards = await page.$$('.card');
  assert.ok(cards.length > 0);
  await cards[0].tap();
  await page.waitFor(2000);
  const task = await mp.currentPage();
  const claim = await task.$('[data-testid=action-claim]');
  await claim.tap();
  await (await task.$('[data-testid=action-submit]')).tap();
  await task.waitFor(2000);
  assert.equal(await (await task.$('[data-testid=event-state]')).text(), '处置中');
});
