// What the notice and campaign e2e tests set up through the CLI and the API (not through pages),
// so each test clicks only through the part it is about.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, crc32 } from 'node:zlib';
import gcoord from 'gcoord';
import { BASE } from './browser.mjs';

const server = join(dirname(fileURLToPath(import.meta.url)), '../../server');

/** A point inside the demo district (GCJ-02) and the WGS-84 fix a phone's GPS would report for it. */
export const GCJ = { lat: 30.6205, lng: 104.1205 };
const [wgsLng, wgsLat] = gcoord.transform([GCJ.lng, GCJ.lat], gcoord.GCJ02, gcoord.WGS84);
export const WGS = { lat: wgsLat, lng: wgsLng };

/** The grid path of that point, from the micro-grid up to the district. */
export async function locatedPath() {
  const r = await fetch(`${BASE}/api/v1/grids/locate?lat=${GCJ.lat}&lng=${GCJ.lng}&crs=gcj02`);
  assert.equal(r.status, 200, 'the demo district is seeded and routes the point');
  const located = await r.json();
  const at = (level) => located.path.find((p) => p.level === level);
  return { located, micro: located.node, grid: at('grid'), community: at('community') };
}

/** An admin from the create-admin CLI, as in a real deployment. */
export function createAdmin(nodeCode, role, openid) {
  const cli = spawnSync(process.execPath, ['dist/cli/create-admin.js', '--node', nodeCode, '--role', role, '--openid', openid], {
    cwd: server,
    env: { ...process.env, DB_URL: process.env.WEIGRID_DB },
    encoding: 'utf8',
  });
  assert.equal(cli.status, 0, cli.stderr);
}

/** An API client logged in as `openid` through the fake WeChat server's `test:<openid>` codes. */
export async function apiAs(openid) {
  const login = await fetch(`${BASE}/api/v1/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `test:${openid}` }) });
  assert.equal(login.status, 200, `login ${openid}: ${await login.clone().text()}`);
  const { accessToken } = await login.json();
  return async (method, path, body) => {
    const r = await fetch(`${BASE}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
    });
    const data = await r.json().catch(() => undefined);
    assert.ok(r.ok, `${method} ${path} → ${r.status} ${JSON.stringify(data)}`);
    return data;
  };
}

/**
 * A community admin (create-admin CLI) of the demo point's community, and a grid worker of its grid
 * invited by that admin through the API: their API clients, openids and the grid path.
 */
export async function adminAndGridWorker(tag) {
  const where = await locatedPath();
  const adminOpenid = `e2e_${tag}admin`;
  const workerOpenid = `e2e_${tag}worker`;
  createAdmin(where.community.code, 'community_admin', adminOpenid);
  const asAdmin = await apiAs(adminOpenid);
  const invite = await asAdmin('POST', '/invites', { role: 'grid_worker', nodeCode: where.grid.code });
  const asWorker = await apiAs(workerOpenid);
  await asWorker('POST', `/invites/${invite.code}/accept`);
  return { ...where, asAdmin, asWorker, adminOpenid, workerOpenid };
}

/** Local calendar day (UTC+8, as the server counts campaign days) `n` days from today. */
export function localDay(n = 0) {
  return new Date(Date.now() + 8 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);
}

/** Logs the phone in from 我的 (H5 login goes through the fake WeChat server). */
export async function login(page) {
  await page.goto(`${BASE}/#/pages/mine/index`);
  await page.getByTestId('login').click();
  await page.getByText('我的身份').waitFor({ timeout: 20000 });
}

/** A real 96×72 PNG (a gradient), the kind of file a phone camera hands over. */
export function photo(path, seed) {
  const w = 96, h = 72;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([(x * 2 + seed) & 255, (y * 3) & 255, (x + y + seed * 7) & 255], y * (w * 3 + 1) + 1 + x * 3);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  writeFileSync(path, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
  return path;
}

/** On a failure, print what each phone shows and save its screen, so the failure explains itself. */
export function explainer(pages, tmp) {
  return async (e) => {
    for (const [who, page] of Object.entries(pages)) {
      const text = await page.evaluate(() => document.body.innerText).catch(() => '?');
      const file = join(tmp, `${who}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      console.log(`--- ${who} at ${page.url()} (screen: ${file})\n${text.slice(0, 1500)}`);
    }
    throw e;
  };
}

/** True when the server answers this route (a server without the API says ROUTE_NOT_FOUND). */
export async function hasRoute(method, path) {
  const r = await fetch(`${BASE}/api/v1${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
  const body = await r.json().catch(() => ({}));
  return !(r.status === 404 && body.code === 'ROUTE_NOT_FOUND');
}

/**
 * A spec's reason to skip, printed once: the routes (method, path) this server lacks, or false
 * when it has them all. A spec never passes against a server without what it tests.
 */
export async function skipUnless(spec, routes) {
  const missing = [];
  for (const [method, path] of routes) if (!(await hasRoute(method, path))) missing.push(`${method} ${path}`);
  const skip = missing.length ? `the server lacks ${missing.join(', ')}` : false;
  if (skip) console.log(`${spec} e2e: SKIPPED — ${skip}`);
  return skip;
}
