// The admin area on the H5 build against the real API (SQLite, demo district, fake WeChat): a city
// admin (from the create-admin CLI, as in a real deployment) renames a category and changes its
// handling deadline on 规则设置, and sees both reflected after reloading and on the residents'
// home page. Uses 物业管理 (property), which no other spec touches: the specs share one server.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, phonePage, BASE, shot } from './browser.mjs';
import { hasRoute, skipUnless } from './setup.mjs';

const server = join(dirname(fileURLToPath(import.meta.url)), '../../server');
const run = Date.now().toString(36);
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-admin-'));

// Needs the rule endpoints (and the dashboards for the stats test).
const skip = await skipUnless('admin', [['GET', '/categories/all'], ['GET', '/sla/policies']]);
const skipStats = skip || ((await hasRoute('GET', '/stats')) ? false : 'the server lacks GET /stats');
if (!skip && skipStats) console.log(`admin dashboard e2e: SKIPPED — ${skipStats}`);

let browser;
let city;
before(async () => {
  if (skip) return;
  browser = await launch();
  const r = await fetch(`${BASE}/api/v1/grids`);
  assert.equal(r.status, 200);
  city = (await r.json()).items.find((n) => n.level === 'city');
  assert.ok(city, 'the demo seed has a city node');
});
after(async () => {
  await browser?.close();
});

let page;
async function explain(e) {
  if (page) {
    const text = await page.evaluate(() => document.body.innerText).catch(() => '?');
    const file = join(tmp, 'admin.png');
    await page.screenshot({ path: file }).catch(() => undefined);
    console.log(`--- admin at ${page.url()} (screen: ${file})\n${text.slice(0, 1500)}`);
  }
  throw e;
}

let openid;
test('a city admin renames a category and changes its deadline, and sees both reflected', { skip }, () => adminFlow().catch(explain));

async function adminFlow() {
  openid = `e2e_city_${run}`;
  const cli = spawnSync(process.execPath, ['dist/cli/create-admin.js', '--node', city.code, '--role', 'city_admin', '--openid', openid], {
    cwd: server,
    env: { ...process.env, DB_URL: process.env.WEIGRID_DB },
    encoding: 'utf8',
  });
  assert.equal(cli.status, 0, cli.stderr);

  page = await phonePage(browser, { openid });
  await page.goto(`${BASE}/#/pages/mine/index`);
  await page.getByTestId('login').click();
  await page.getByText('我的身份').waitFor({ timeout: 20000 });
  await page.getByTestId('go-admin').click();
  await page.getByTestId('go-rules').click();

  // 1. rename 物业管理
  const newName = `物业服务${run.slice(-3)}`;
  const row = page.locator('[data-testid=category-row][data-code=property]');
  await row.getByText('物业管理').waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('rules-readonly').count(), 0, 'a city admin may edit');
  await row.getByTestId('category-edit').click();
  const form = page.getByTestId('category-form');
  await form.getByTestId('category-name-input').locator('input').fill(newName);
  await form.getByTestId('category-save').click();
  await page.locator('[data-testid=category-row][data-code=property]').getByText(newName).waitFor({ timeout: 20000 });
  await shot(page, '08-admin-category');

  // 2. its handling deadline: 24 working hours by default → 36 calendar hours
  await page.getByTestId('rules-tab-deadlines').click();
  await page.getByTestId('deadline-cat-property').click();
  await page.getByTestId('deadline-value-handle').getByText('24 工作小时').waitFor({ timeout: 20000 });
  await page.getByTestId('deadline-edit-handle').click();
  await page.getByTestId('deadline-hours').locator('input').fill('36');
  await page.getByTestId('deadline-mode-calendar').click();
  await page.getByTestId('deadline-save').click();
  await page.getByTestId('deadline-value-handle').getByText('36 自然小时').waitFor({ timeout: 20000 });
  await shot(page, '09-admin-deadline');

  // 3. reflected: after a reload the server gives back both changes…
  await page.reload();
  await page.locator('[data-testid=category-row][data-code=property]').getByText(newName).waitFor({ timeout: 20000 });
  await page.getByTestId('rules-tab-deadlines').click();
  await page.getByTestId(`deadline-cat-property`).getByText(newName).click();
  await page.getByTestId('deadline-value-handle').getByText('36 自然小时').waitFor({ timeout: 20000 });
  // the other categories still follow the default
  await page.getByTestId('deadline-cat-road').click();
  await page.getByTestId('deadline-value-handle').getByText('24 工作小时').waitFor({ timeout: 20000 });

  // …and residents are offered the new name on the home page
  await page.goto(`${BASE}/#/pages/index/index`);
  await page.getByText(newName).waitFor({ timeout: 20000 });
  assert.equal(await page.getByText('物业管理', { exact: true }).count(), 0);
}

test('the city admin’s dashboard shows KPI tiles, the trend and the districts ranked, and prints the bulletin', { skip: skipStats }, () => dashboard().catch(explain));

async function dashboard() {
  assert.ok(page, 'runs after the rules test, on the same phone');
  await page.goto(`${BASE}/#/packages/admin/pages/dashboard/index`);
  const kpis = page.getByTestId('kpis');
  await kpis.getByText(city.name).waitFor({ timeout: 20000 });
  for (const tile of ['reported', 'closeRate', 'onTimeRate', 'reworkRate', 'extensionRate', 'response', 'handling', 'satisfaction', 'overdue']) {
    assert.ok(await kpis.getByTestId(`kpi-${tile}`).isVisible(), `tile ${tile}`);
  }
  // 30 days by day: one point per day
  assert.equal(await page.getByTestId('trend-point').count(), 30);
  // the demo city has one district; tap it to look inside
  const district = page.getByTestId('rank-row').first();
  const name = (await district.locator('.grow').textContent()).replace(/^\d+\.\s*/, '');
  await district.click();
  await page.getByTestId('stats-trail').getByText(`${city.name} / ${name}`).waitFor({ timeout: 20000 });
  await page.getByTestId('kpis').getByText(name).waitFor({ timeout: 20000 });
  await shot(page, '10-admin-dashboard');
  // the printable 月通报 opens in a new tab, fetched with the admin's token
  const popup = page.context().waitForEvent('page');
  await page.getByTestId('bulletin').click();
  const tab = await popup;
  await tab.locator('h1').getByText('月通报').waitFor({ timeout: 20000 });
  assert.match(await tab.locator('h1').textContent(), new RegExp(name));
  await tab.close();
}
