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
  assert.equal((await button.text()).trim(), '我要上报');
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

/** The first element matching `selector` whose text is `text` (Taro's weapp templates carry class
 * and id but not data-testid, so the WXML tree is queried by class and text). */
async function byText(page, selector, text) {
  for (const el of await page.$$(selector)) if ((await el.text()).trim() === text) return el;
  return null;
}

test('the grid worker of that grid verifies the report, then claims it', { skip }, async () => {
  // A resident's report starts 待核实 (`reported`): only `verify` (立案, by a grid worker or an admin)
  // or `reject` leave it, and `claim` is offered only from 已立案 on (shared/src/workflow.ts). A
  // micro_member may claim but never verify, so this openid must hold grid_worker on the report's
  // grid (accept an invite from the admin pages first).
  await mp.callWxMethod('clearStorageSync');
  await mp.mockWxMethod('login', { code: `test:${process.env.AUTOMATOR_WORKER_OPENID ?? 'automator_worker'}`, errMsg: 'login:ok' });
  const page = await mp.reLaunch('/packages/worker/pages/inbox/index');
  await page.waitFor(2000);
  const cards = await page.$$('.card');
  assert.ok(cards.length > 0);
  await cards[0].tap();
  await page.waitFor(2000);
  const task = await mp.currentPage();
  const state = async () => (await (await task.$('.state-chip')).text()).trim();
  assert.equal(await state(), '待核实');
  assert.equal(await byText(task, 'button', '接单'), null, 'claim is not offered before the report is verified');
  await (await byText(task, 'button', '立案')).tap();
  await (await byText(task, 'button', '确认立案')).tap();
  await task.waitFor(2000);
  assert.equal(await state(), '已立案');
  await (await byText(task, 'button', '接单')).tap();
  await (await byText(task, 'button', '确认接单')).tap();
  await task.waitFor(2000);
  assert.equal(await state(), '处置中');
});
