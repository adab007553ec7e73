// The closed loop on the H5 build against the real API (SQLite, demo district, fake WeChat):
// an admin invites a grid worker, a resident reports with a photo and a location, the worker of
// that grid verifies, claims and resolves it with a proof photo, the resident closes and rates it.
// Every step is a real click in Chromium; screenshots go to docs/screenshots/ with UPDATE_SCREENSHOTS=1.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, crc32 } from 'node:zlib';
import gcoord from 'gcoord';
import { launch, phonePage, BASE, shot } from './browser.mjs';
import { apiAs } from './setup.mjs';

const server = join(dirname(fileURLToPath(import.meta.url)), '../../server');
const run = Date.now().toString(36);
// A point inside the demo district (GCJ-02); the browser reports it in WGS-84 as a phone's GPS would.
const GCJ = { lat: 30.6205, lng: 104.1205 };
const [wgsLng, wgsLat] = gcoord.transform([GCJ.lng, GCJ.lat], gcoord.GCJ02, gcoord.WGS84);

/** A real 96×72 PNG (a gradient), the kind of file a phone camera hands over. */
function photo(path, seed) {
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

let browser;
let located;
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-loop-'));

/** The loop needs the grids, events and invites APIs; a server without one of them answers
 * 404 ROUTE_NOT_FOUND, and then this test says so and skips (it never passes without them). */
async function missingApis() {
  const probes = { 'GET /grids/locate': `${BASE}/api/v1/grids/locate?lat=${GCJ.lat}&lng=${GCJ.lng}`, 'GET /events': `${BASE}/api/v1/events?scope=my`, 'POST /invites/x/accept': [`${BASE}/api/v1/invites/x/accept`, 'POST'] };
  const missing = [];
  for (const [name, target] of Object.entries(probes)) {
    const [url, method] = Array.isArray(target) ? target : [target, 'GET'];
    const r = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    const body = await r.json().catch(() => ({}));
    if (r.status === 404 && body.code === 'ROUTE_NOT_FOUND') missing.push(name);
  }
  return missing;
}
const missing = await missingApis();
const skip = missing.length ? `the server lacks ${missing.join(', ')}` : false;
if (skip) console.log(`loop e2e: SKIPPED — ${skip}`);

before(async () => {
  if (skip) return;
  browser = await launch();
  const r = await fetch(`${BASE}/api/v1/grids/locate?lat=${GCJ.lat}&lng=${GCJ.lng}&crs=gcj02`);
  assert.equal(r.status, 200, 'the demo district is seeded and routes the point');
  located = await r.json();
});
after(async () => {
  await browser?.close();
});

async function login(page) {
  await page.goto(`${BASE}/#/pages/mine/index`);
  await page.getByTestId('login').click();
  await page.getByText('我的身份').waitFor({ timeout: 20000 });
}

async function act(page, action, { note, photoFile, stars } = {}) {
  await page.getByTestId(`action-${action}`).click();
  if (stars) await page.getByTestId(`star-${stars}`).click();
  if (note) await page.getByTestId('action-note').locator('textarea').fill(note);
  if (photoFile) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('action-form').getByTestId('add-photo').click();
    // first photo on this phone: the privacy agreement comes before the album
    // (pages below this one in the stack keep their own, hidden, copy of the dialog)
    const dialog = page.locator('[data-testid=privacy-dialog]:visible');
    if (await dialog.waitFor({ timeout: 10000 }).then(() => true, () => false)) await dialog.getByText('同意并继续').click();
    await (await chooser).setFiles(photoFile);
    await page.getByTestId('action-form').locator('[data-status=done]').waitFor({ timeout: 20000 });
  }
  await page.getByTestId('action-submit').click();
}

const pages = {};
/** On a failure, print what each phone shows and save its screen, so the failure explains itself. */
async function explain(e) {
  for (const [who, page] of Object.entries(pages)) {
    const text = await page.evaluate(() => document.body.innerText).catch(() => '?');
    const file = join(tmp, `${who}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    console.log(`--- ${who} at ${page.url()} (screen: ${file})\n${text.slice(0, 1500)}`);
  }
  throw e;
}

test('admin invites a worker; resident reports with photo and location; the worker handles it; the resident closes and rates it', { skip }, () => theLoop().catch(explain));

async function theLoop() {
  const micro = located.node;
  const grid = located.path.find((p) => p.level === 'grid');
  const community = located.path.find((p) => p.level === 'community');
  assert.ok(micro && grid && community, `path down to the micro-grid: ${JSON.stringify(located.path)}`);

  // 0. the first admin comes from the CLI, as in a real deployment
  const adminOpenid = `e2e_admin_${run}`;
  const cli = spawnSync(process.execPath, ['dist/cli/create-admin.js', '--node', community.code, '--role', 'community_admin', '--openid', adminOpenid], {
    cwd: server,
    env: { ...process.env, DB_URL: process.env.WEIGRID_DB },
    encoding: 'utf8',
  });
  assert.equal(cli.status, 0, cli.stderr);

  // 1. the admin invites a grid worker for that grid, choosing it in the tree
  const admin = (pages.admin = await phonePage(browser, { openid: adminOpenid }));
  await login(admin);
  await admin.getByTestId('go-admin').click();
  await admin.getByTestId('go-admin-invite').click();
  await admin.getByTestId('role-grid_worker').click();
  await admin.getByTestId('invite-choose-node').click();
  const chooser = admin.getByTestId('grid-chooser');
  // the tree opens at the admin's own community, so the grid is one tap away (issue 20 item 9)
  for (const p of located.path.slice(located.path.indexOf(community) + 1, located.path.indexOf(grid))) {
    await chooser.getByText(p.name, { exact: true }).click();
  }
  await chooser.getByTestId('grid-option').filter({ hasText: grid.name }).getByText('选这个').click();
  await admin.getByTestId('invite-send').click();
  const code = (await admin.getByTestId('invite-code-value').textContent()).trim();
  assert.ok(code.length >= 4, `invite code shown: ${code}`);
  await shot(admin, '02-admin-invite');

  // 2. the worker accepts it
  const worker = (pages.worker = await phonePage(browser, { openid: `e2e_worker_${run}` }));
  await login(worker);
  await worker.getByTestId('go-invite').click();
  await worker.getByTestId('invite-code').locator('input').fill(code);
  await worker.getByTestId('invite-accept').click();
  await worker.getByTestId('invite-granted').getByText(`专职网格员（${grid.name}）`).waitFor();
  // The worker agreed to task messages (WeChat's subscribe dialog does not exist in a browser, so
  // through the API the dialog's answer goes to); the fake WeChat server records what is pushed.
  const workerOpenid = `e2e_worker_${run}`;
  const workerApi = await apiAs(workerOpenid);
  const templates = await workerApi('GET', '/subscriptions');
  const taskNew = templates.find((x) => x.key === 'task_new');
  await workerApi('POST', '/subscriptions', { results: { [taskNew.templateId]: 'accept' } });

  // 3. a resident reports with a photo; the location comes from the phone after the privacy agreement
  const resident = (pages.resident = await phonePage(browser, { openid: `e2e_resident_${run}`, geo: { lat: wgsLat, lng: wgsLng } }));
  await login(resident);
  await resident.goto(`${BASE}/#/pages/report/index`);
  await resident.getByTestId('categories').getByText('道路设施').click();
  await resident.getByTestId('add-photo').click();
  // the privacy agreement is asked before the album opens
  const fc = resident.waitForEvent('filechooser');
  await resident.locator('[data-testid=privacy-dialog]:visible').getByText('同意并继续').click();
  await (await fc).setFiles(photo(join(tmp, 'pothole.png'), 1));
  await resident.locator('[data-testid=photo][data-status=done]').waitFor({ timeout: 20000 });
  await resident.getByText('获取当前位置').click();
  await resident.getByTestId('goes-to').getByText(micro.name, { exact: true }).waitFor({ timeout: 20000 });
  await resident.getByTestId('description').locator('textarea').fill('人行道上有个大坑，老人容易绊倒');
  await shot(resident, '03-report');
  const submitted = Date.now();
  await resident.getByTestId('submit').click();
  await resident.waitForURL(/pages\/event\/index\?id=\d+/, { timeout: 20000 });
  const eventId = Number(/id=(\d+)/.exec(resident.url())[1]);
  // The micro-grid has no members yet, so its grid worker is told at once, on WeChat, within a second.
  let pushed;
  for (let i = 0; i < 100 && !pushed; i++) {
    const r = await fetch(`${process.env.WECHAT_DEV_BASE}/__dev/messages?touser=${workerOpenid}`).then((x) => x.json());
    pushed = r.messages.find((m) => m.page === `pages/event/index?id=${eventId}`);
    if (!pushed) await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.ok(pushed, 'the grid worker got a WeChat task message for the report');
  const pushMs = new Date(pushed.at).getTime() - submitted;
  console.log(`loop e2e: report submitted → task message at the fake WeChat server after ${pushMs} ms`);
  assert.ok(pushMs < 1000, `task message within a second of the tap (took ${pushMs} ms)`);
  await resident.getByTestId('event-state').getByText('待核实').waitFor({ timeout: 20000 });
  await shot(resident, '04-reported');

  // 4. the worker sees it in the inbox and handles it: verify, claim, resolve with a proof photo
  await worker.goto(`${BASE}/#/pages/mine/index`);
  await worker.getByTestId('go-worker').click();
  const card = worker.locator(`[data-testid=event-card][data-id="${eventId}"]`);
  await card.waitFor({ timeout: 20000 });
  await shot(worker, '05-inbox');
  await card.click();
  await worker.getByTestId('event-description').getByText('人行道上有个大坑').waitFor({ timeout: 20000 });
  await act(worker, 'verify');
  await worker.getByTestId('event-state').getByText('已立案').waitFor({ timeout: 20000 });
  await act(worker, 'claim');
  await worker.getByTestId('event-state').getByText('处置中').waitFor({ timeout: 20000 });
  await act(worker, 'resolve', { note: '已用沥青填平', photoFile: photo(join(tmp, 'fixed.png'), 9) });
  await worker.getByTestId('event-state').getByText('已办结').waitFor({ timeout: 20000 });
  await shot(worker, '06-resolved');

  // 5. the resident sees the timeline, closes and rates it
  await resident.reload();
  await resident.getByTestId('timeline').getByText('已用沥青填平').waitFor({ timeout: 20000 });
  const steps = await resident.getByTestId('timeline-item').count();
  assert.ok(steps >= 4, `timeline has report, verify, claim, resolve: ${steps}`);
  await act(resident, 'close');
  await resident.getByTestId('event-state').getByText('已结案').waitFor({ timeout: 20000 });
  await act(resident, 'rate', { stars: 4, note: '处理很快' });
  await resident.getByTestId('event-rating').waitFor({ timeout: 20000 });
  assert.equal((await resident.getByTestId('event-rating').textContent()).replace(/\s/g, ''), '评价：★★★★☆');
  await shot(resident, '07-rated');

  // 6. and it is listed under 我的上报 with its state
  await resident.goto(`${BASE}/#/pages/my-reports/index`);
  const mine = resident.locator(`[data-testid=event-card][data-id="${eventId}"]`);
  await mine.getByText('已结案').waitFor({ timeout: 20000 });
}
