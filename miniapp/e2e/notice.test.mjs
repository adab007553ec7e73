// 指令直达 on the H5 build against the real API: a community admin sends a notice to a grid from
// the admin pages, a grid worker of that grid reads and acknowledges it in the worker pages, and
// the admin sees the read and acknowledgement rates change. Screens with UPDATE_SCREENSHOTS=1.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, phonePage, shot } from './browser.mjs';
import { apiAs, createAdmin, explainer, locatedPath, login, skipUnless } from './setup.mjs';

const run = Date.now().toString(36);
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-notice-'));
const skip = await skipUnless('notice', [['GET', '/notices/sent'], ['POST', '/invites/x/accept']]);

let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(async () => {
  await browser?.close();
});

const pages = {};
test('an admin sends a notice to a grid; a worker there reads and acknowledges it; the admin sees the rates change', { skip }, () => theNotice().catch(explainer(pages, tmp)));

/** "已读 3/5" → [3, 5] */
async function rate(page, label) {
  const text = await page.getByTestId('notice-stats').first().innerText();
  const m = new RegExp(`${label} (\\d+)/(\\d+)`).exec(text);
  assert.ok(m, `${label} shown in: ${text}`);
  return [Number(m[1]), Number(m[2])];
}

async function theNotice() {
  const { located, grid, community } = await locatedPath();

  // the admin from the CLI; a grid worker of that grid through an invite (setup, not under test)
  const adminOpenid = `e2e_nadmin_${run}`;
  const workerOpenid = `e2e_nworker_${run}`;
  createAdmin(community.code, 'community_admin', adminOpenid);
  const asAdmin = await apiAs(adminOpenid);
  const invite = await asAdmin('POST', '/invites', { role: 'grid_worker', nodeCode: grid.code });
  await (await apiAs(workerOpenid))('POST', `/invites/${invite.code}/accept`);

  // 1. the admin writes the notice, choosing the grid in the tree, to be acknowledged
  const admin = (pages.admin = await phonePage(browser, { openid: adminOpenid }));
  await login(admin);
  await admin.getByTestId('go-admin').click();
  await admin.getByTestId('go-notice-new').click();
  await admin.getByTestId('notice-choose-target').click();
  const chooser = admin.getByTestId('grid-chooser');
  for (const p of located.path.slice(0, located.path.indexOf(grid))) await chooser.getByText(p.name, { exact: true }).click();
  await chooser.getByTestId('grid-option').filter({ hasText: grid.name }).getByText('选这个').click();
  const title = `今晚巡查燃气隐患 ${run}`;
  await admin.getByTestId('notice-title').locator('input').fill(title);
  await admin.getByTestId('notice-body').locator('textarea').fill('请各网格员今晚 8 点前完成辖区燃气隐患巡查，并在系统中确认。');
  // (the notice form's switch has no test id; the page below in the stack has the large-text one)
  await admin.locator('taro-view-core.row', { hasText: '需要确认收到' }).locator('taro-switch-core').click();
  await shot(admin, '10-notice-send');
  await admin.getByTestId('notice-send').click();
  await admin.waitForURL(/notices\/index\?id=\d+/, { timeout: 20000 });
  const noticeId = Number(/id=(\d+)/.exec(admin.url())[1]);
  await admin.getByTestId('notice-stats').waitFor({ timeout: 20000 });
  const [read0, total] = await rate(admin, '已读');
  const [acked0] = await rate(admin, '已确认');
  assert.ok(total >= 1, `the worker is among the recipients: ${total}`);

  // 2. the worker finds it unread among the notices, opens it (read) and acknowledges it
  const worker = (pages.worker = await phonePage(browser, { openid: workerOpenid }));
  await login(worker);
  await worker.getByTestId('go-worker').click();
  await worker.getByTestId('go-notices').click();
  const card = worker.locator(`[data-testid=notice-card][data-id="${noticeId}"]`);
  await card.getByText('未读', { exact: false }).waitFor({ timeout: 20000 });
  await card.getByText('待确认').waitFor();
  await card.click();
  await worker.getByTestId('notice').getByText(title).waitFor({ timeout: 20000 });
  await worker.getByTestId('notice-ack').click();
  await worker.getByTestId('notice-acked').waitFor({ timeout: 20000 });
  await shot(worker, '11-notice-ack');

  // 3. the admin sees one more read and one more acknowledgement
  await admin.reload();
  await admin.getByTestId('notice-stats').waitFor({ timeout: 20000 });
  assert.deepEqual(await rate(admin, '已读'), [read0 + 1, total]);
  assert.deepEqual(await rate(admin, '已确认'), [acked0 + 1, total]);
  await shot(admin, '12-notice-rates');
}
