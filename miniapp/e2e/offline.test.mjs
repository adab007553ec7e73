// Issue 20 item 5 on the H5 build: a resident who has opened the app once can open the report
// page from a link while offline (the service worker keeps the resident pages), make a report
// that waits in the queue with the page saying so, and is told when it has been sent once the
// network is back; the event then exists on the server.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, phonePage, BASE } from './browser.mjs';
import { apiAs, explainer, login, skipUnless, WGS } from './setup.mjs';

const run = Date.now().toString(36);
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-offline-'));
const skip = await skipUnless('offline', [['GET', '/events'], ['GET', '/grids/locate']]);

let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(async () => {
  await browser?.close();
});

const pages = {};
test('a deep-linked report page opens and queues a report offline, and says when the queue sent it', { skip }, () => offline().catch(explainer(pages, tmp)));

async function offline() {
  const openid = `e2e_offline_${run}`;
  const page = (pages.resident = await phonePage(browser, { openid, geo: WGS }));
  await login(page);
  // the first visit installs the service worker; wait until it controls the page
  await page.goto(`${BASE}/#/pages/index/index`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await page.reload();
  await page.getByTestId('go-report').waitFor({ timeout: 20000 });

  await page.context().setOffline(true);
  // a link to the report page, opened with no network: index.html, app and the page's chunk come from the phone
  await page.goto(`${BASE}/#/pages/report/index`);
  const shown = page.locator('[data-testid="page"]:visible').first();
  await shown.getByTestId('category-sanitation').click({ timeout: 20000 });
  await shown.getByText('获取当前位置').click();
  const agree = page.getByText('同意并继续');
  if (await agree.isVisible().catch(() => false)) await agree.click();
  await shown.getByTestId('location-point').waitFor();
  const text = `离线上报：楼道灯坏了 ${run}`;
  await shown.getByTestId('description').locator('textarea').fill(text);
  await shown.getByTestId('submit').click();
  await shown.getByTestId('saved-offline').waitFor({ timeout: 20000 });
  assert.equal(await shown.getByTestId('description').locator('textarea').inputValue(), '', 'the form is cleared, so it does not look unsent');

  // the network is back: the queue sends it and the page says so
  await page.context().setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByTestId('sent-from-queue').first().waitFor({ timeout: 30000 });
  const mine = await (await apiAs(openid))('GET', '/events?scope=my');
  assert.ok(mine.items.some((e) => e.description === text), 'the queued report reached the server');
}
