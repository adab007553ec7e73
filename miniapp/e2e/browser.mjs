import { chromium } from 'playwright-core';

/** Headless Debian Chromium with the flags this sandbox needs (no background network). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

export const BASE = process.env.WEIGRID_BASE ?? 'http://127.0.0.1:3000';

export const WECHAT_DEV_BASE = process.env.WECHAT_DEV_BASE ?? 'http://127.0.0.1:3901';

/**
 * A phone-sized page, as the H5 app is used: one browser context is one phone (its own storage,
 * so its own WeChat user). `openid` picks who logs in (the fake WeChat server's `test:<openid>`);
 * `geo` grants the location permission with that WGS-84 fix, as a phone's GPS would report it.
 */
export async function phonePage(browser, { openid, geo } = {}) {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    ...(geo ? { geolocation: { latitude: geo.lat, longitude: geo.lng, accuracy: 10 }, permissions: ['geolocation'] } : {}),
  });
  // Taro's H5 storage keeps values as {"data": …}
  await ctx.addInitScript(
    ([base, id]) => {
      localStorage.setItem('weigrid.wechatDevBase', JSON.stringify({ data: base }));
      if (id && !localStorage.getItem('weigrid.devOpenid')) localStorage.setItem('weigrid.devOpenid', JSON.stringify({ data: id }));
    },
    [WECHAT_DEV_BASE, openid ?? null]
  );
  return ctx.newPage();
}

/** Saves a screenshot of a step to docs/screenshots/ (shown in the README) when
 * UPDATE_SCREENSHOTS=1, so ordinary runs leave the work tree clean. */
export async function shot(page, name) {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  const { mkdirSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
