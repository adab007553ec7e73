// Journey 2 on the weapp build in the simulator: a grid worker (invited by a community admin
// through the API) finds a resident's report in the inbox, verifies it (a report starts 待核实, and
// `claim` is not offered before), claims it — agreeing to task messages from that tap, credits
// reaching the server — and resolves it with a proof photo that the server keeps on the timeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { phone, login, locatedPath, apiAs, createAdmin, photo, credits, assertNoViolations, GCJ, tmp, run } from './helpers.mjs';

test('grid worker: inbox → verify → claim (task messages) → resolve with a proof photo', async () => {
  const where = await locatedPath();
  const admin = `sim_wadmin_${run}`;
  createAdmin(where.community.code, 'community_admin', admin);
  const asAdmin = await apiAs(admin);
  const invite = await asAdmin('POST', '/invites', { role: 'grid_worker', nodeCode: where.grid.code });
  const workerOpenid = `sim_gw_${run}`;
  const asWorker = await apiAs(workerOpenid);
  await asWorker('POST', `/invites/${invite.code}/accept`);
  const asResident = await apiAs(`sim_wres_${run}`);
  const description = `楼道灯坏了 ${run}`;
  const created = await asResident('POST', '/events', { requestId: crypto.randomUUID(), category: 'streetlight', description, location: { lat: GCJ.lat, lng: GCJ.lng, crs: 'gcj02' }, anonymous: false });

  const sim = phone(workerOpenid, { location: { latitude: GCJ.lat, longitude: GCJ.lng }, media: [photo(join(tmp, 'fixed.png'), 9)] });
  await sim.launch();
  await login(sim);
  await sim.page.waitAndTap('网格员工作台');
  const inbox = await sim.waitForPage('packages/worker/pages/inbox/index');
  await inbox.waitAndTap(description);
  const task = await sim.waitForPage('packages/worker/pages/task/index');
  assert.equal(task.query.id, String(created.id));
  await task.waitForText('待核实');
  assert.equal(task.has('接单', { tag: 'button' }), false, 'claim is not offered before the report is verified');

  await task.waitAndTap('立案', { tag: 'button' });
  await task.waitAndTap('确认立案', { tag: 'button' });
  await task.waitForText('已立案');

  const before = await credits(asWorker);
  await task.waitAndTap('接单', { tag: 'button' });
  await task.waitAndTap('确认接单', { tag: 'button' });
  await task.waitForText('处置中');
  const asked = sim.subscribeAsked.at(-1);
  assert.deepEqual(asked.sort(), ['dev-event-overdue', 'dev-task-new'].sort(), 'task messages asked for from the claim tap');
  await sim.waitFor(async () => {
    const now = await credits(asWorker);
    return now.task_new === before.task_new + 1 && now.event_overdue === before.event_overdue + 1;
  }, 'the task_new and event_overdue credits on the server');

  await task.waitAndTap('办结', { tag: 'button' });
  await task.waitForText('确认办结');
  await task.type(/说明/, '已更换灯泡，恢复照明');
  await task.tap('添加照片');
  // the worker has not agreed to the privacy guide on this phone yet: WeChat asks first
  await task.waitAndTap('同意并继续');
  await sim.waitFor(() => sim.callsOf('uploadFile').length === 1 && task.has('✓'), 'the proof photo uploaded');
  await task.tap('确认办结', { tag: 'button' });
  await task.waitForText('已办结');

  const detail = await asWorker('GET', `/events/${created.id}`);
  assert.equal(detail.state, 'resolved');
  const resolved = detail.timeline.find((t) => t.action === 'resolve');
  assert.equal(resolved.note, '已更换灯泡，恢复照明');
  assert.equal(resolved.photos.length, 1, 'the proof photo is on the resolve entry');
  assertNoViolations(sim, assert);
});
