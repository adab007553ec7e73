import { chromium } from 'playwright-core';

/** Headless Debian Chromium with the flags this sandbox needs (no background network). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

export const BASE = process.env.WEIGRID_BASE ?? 'http://127.0.0.1:3000';

/** A phone-sized page, as the H5 app is used. */
export async function phonePage(browser) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  return ctx.newPage();
}
