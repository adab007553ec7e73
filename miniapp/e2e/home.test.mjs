import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, phonePage, BASE } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('home page renders the region and categories fetched from the running API', async () => {
  const page = await phonePage(browser);
  const apiCalls = [];
  page.on('response', (r) => r.url().includes('/api/v1/') && apiCalls.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await page.goto(`${BASE}/#/pages/index/index`);
  await page.getByText('成都市').waitFor({ timeout: 20000 });
  await page.getByText('环境卫生').waitFor();
  assert.ok(await page.getByText('我要上报').isVisible());
  assert.ok(apiCalls.includes('200 /api/v1/overview'), `overview fetched: ${apiCalls.join(', ')}`);
  if (process.env.UPDATE_SCREENSHOTS) {
    const out = join(dirname(fileURLToPath(import.meta.url)), '../../docs/images/home.png');
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
  }
});

test('the report entry navigates to the report page', async () => {
  const page = await phonePage(browser);
  await page.goto(`${BASE}/#/pages/index/index`);
  await page.getByText('我要上报').click();
  await page.waitForURL(/pages\/report\/index/);
});
