import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, phonePage, BASE, shot } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a resident logs in through the fake WeChat server and stays logged in after a reload', async () => {
  const page = await phonePage(browser, { openid: `e2e_resident_${Date.now()}` });
  const calls = [];
  page.on('response', (r) => r.url().includes('/api/v1/auth/') && calls.push(`${r.status()} ${new URL(r.url()).pathname}`));
  await page.goto(`${BASE}/#/pages/mine/index`);
  await page.getByTestId('login').click();
  await page.getByText('我的身份：居民').waitFor({ timeout: 20000 });
  assert.deepEqual(calls, ['200 /api/v1/auth/wechat']);
  await shot(page, '01-login');
  await page.reload();
  await page.getByText('我的上报').waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('login').count(), 0, 'the session survives a reload');
});

test('large-text mode is remembered across reloads', async () => {
  const page = await phonePage(browser);
  await page.goto(`${BASE}/#/pages/index/index`);
  const root = page.getByTestId('page');
  await root.waitFor({ timeout: 20000 });
  const before = await page.getByText('我要上报').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await page.getByTestId('elder-toggle').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=page]')?.className.includes('elder'));
  const big = await page.getByText('我要上报').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(big > before * 1.15, `text grows: ${before}px → ${big}px`);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid=page]')?.className.includes('elder'), null, { timeout: 20000 });
});
