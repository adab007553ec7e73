// What the simulator journeys share: a phone (WeappSim) for an openid against the server the runner
// started, and the setup helpers of the H5 e2e specs (CLI admin, API clients, demo point, photos).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WeappSim } from '../sim.mjs';

export { apiAs, createAdmin, locatedPath, photo, GCJ } from '../../e2e/setup.mjs';

export const BASE = process.env.WEIGRID_BASE;
export const WECHAT_DEV_BASE = process.env.WECHAT_DEV_BASE;
export const DIST = process.env.WEAPP_DIST;
export const tmp = mkdtempSync(join(tmpdir(), 'weigrid-journey-'));
export const run = Date.now().toString(36);

/** A phone with WeChat and this build, logged into WeChat as `openid` (the app itself is not yet). */
export function phone(openid, user = {}) {
  return new WeappSim({ dist: DIST, server: { apiBase: `${BASE}/api/v1`, wechatDevBase: WECHAT_DEV_BASE }, user: { openid, ...user } });
}

/** Logs in from 我的 (wx.login → POST /auth/wechat) and waits for the roles section. */
export async function login(sim) {
  if (sim.page.route !== 'pages/mine/index') {
    sim.wx.switchTab({ url: '/pages/mine/index' });
    await sim.waitForPage('pages/mine/index');
  }
  await sim.page.waitForText('登录');
  await sim.page.tap('登录', { tag: 'button' });
  await sim.page.waitForText(/^我的身份：/);
}

/** Subscribe-message credits the fake WeChat server will let the server use, per template key. */
export async function credits(asUser) {
  const list = await asUser('GET', '/subscriptions');
  return Object.fromEntries(list.map((t) => [t.key, t.credits]));
}

/** Fails with the simulator's record when it saw WeChat rules broken. */
export function assertNoViolations(sim, assert) {
  assert.deepEqual(sim.violations, [], `WeChat rules broken:\n${sim.violations.join('\n')}`);
}
