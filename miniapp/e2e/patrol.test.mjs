// 巡查打卡 on the H5 build against the real API: a grid worker, standing in their grid, checks in
// with a photo and a problem fixed on the spot; the problem becomes a self-handled (resolved)
// event, the check-in is on today's track with its photo and event.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, phonePage } from './browser.mjs';
import { apiAs, createAdmin, explainer, localDay, locatedPath, login, photo, skipUnless, WGS } from './setup.mjs';

const run = Date.now().toString(36);
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-patrol-'));
const skip = await skipUnless('patrol', [['POST', '/patrols/checkins']]);

let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(async () => {
  await browser?.close();
});

const pages = {};
test('a grid worker checks in with a photo and a finding fixed on the spot, filed as a resolved event', { skip }, () => thePatrol().catch(explainer(pages, tmp)));

async function thePatrol() {
  const { grid, community } = await locatedPath();
  const adminOpenid = `e2e_padmin_${run}`;
  const workerOpenid = `e2e_pworker_${run}`;
  createAdmin(community.code, 'community_admin', adminOpenid);
  const invite = await (await apiAs(adminOpenid))('POST', '/invites', { role: 'grid_worker', nodeCode: grid.code });
  const asWorker = await apiAs(workerOpenid);
  await asWorker('POST', `/invites/${invite.code}/accept`);

  const worker = (pages.worker = await phonePage(browser, { openid: workerOpenid, geo: WGS }));
  await login(worker);
  await worker.getByTestId('go-worker').click();
  await worker.getByTestId('go-patrol').click();
  await worker.getByTestId('patrol-track').getByText('今天还没有打卡').waitFor({ timeout: 20000 });

  // a photo: the privacy agreement first, then the album
  const chooser = worker.waitForEvent('filechooser');
  await worker.getByTestId('add-photo').click();
  await worker.locator('[data-testid=privacy-dialog]:visible').getByText('同意并继续').click();
  await (await chooser).setFiles(photo(join(tmp, 'manhole.png'), 5));
  await worker.locator('[data-testid=photo][data-status=done]').waitFor({ timeout: 20000 });

  // the finding, fixed on the spot
  await worker.getByTestId('patrol-finding').click();
  await worker.getByTestId('finding-category-categories').getByText('道路设施').click();
  await worker.getByTestId('finding-description').locator('textarea').fill('3栋门口井盖松动，已复位');
  await worker.getByTestId('finding-self-handled').click();
  await worker.getByTestId('patrol-checkin').click();
  const msg = worker.getByTestId('patrol-msg');
  await msg.getByText(/事件 #\d+/).waitFor({ timeout: 20000 });
  const text = await msg.innerText();
  assert.match(text, /^已打卡：.+；已记为当场处理的事件 #\d+$/);
  const eventId = Number(/#(\d+)/.exec(text)[1]);

  // on today's track (with its photo and event), and the event is already resolved by the worker
  await worker.getByTestId('patrol-track').getByText(/打卡 1 次/).waitFor({ timeout: 20000 });
  const track = await asWorker('GET', `/patrols/tracks?date=${localDay()}`);
  assert.equal(track.points.length, 1);
  assert.equal(track.points[0].photos, 1);
  assert.equal(track.points[0].eventId, eventId);
  const event = await asWorker('GET', `/events/${eventId}`);
  assert.equal(event.state, 'resolved');
  assert.equal(event.category, 'road');
  assert.equal(event.description, '3栋门口井盖松动，已复位');
  // the form is ready for the next stop
  assert.equal(await worker.locator('[data-testid=photo]').count(), 0);
}
