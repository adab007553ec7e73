// Journey 1 on the weapp build in the simulator: a resident logs in (wx.login → the fake WeChat
// server), reports with a photo (chooseMedia → uploadFile) and the phone's location (getLocation,
// GCJ-02) after agreeing to the privacy guide, allows progress messages at the submit tap, finds
// the report under 我的上报, and once the grid worker (through the API) resolved it, closes and rates it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { phone, login, locatedPath, apiAs, createAdmin, photo, credits, assertNoViolations, GCJ, tmp, run } from './helpers.mjs';

test('resident: login → report with photo and location → my reports → close and rate', async () => {
  const where = await locatedPath();
  const openid = `sim_resident_${run}`;
  const sim = phone(openid, { location: { latitude: GCJ.lat, longitude: GCJ.lng }, media: [photo(join(tmp, 'pothole.png'), 3)] });
  await sim.launch();
  await login(sim);

  sim.wx.switchTab({ url: '/pages/index/index' });
  await sim.waitForPage('pages/index/index');
  await sim.page.tap('我要上报');
  const report = await sim.waitForPage('pages/report/index');
  await report.waitForText('道路设施');
  await report.tap('道路设施');

  // the album is a privacy API: WeChat asks through our dialog first, and nothing runs before 同意
  await report.tap('添加照片');
  await report.waitForText('用户隐私保护提示');
  assert.equal(sim.privacyCheck, true, '__usePrivacyCheck__ is set in app.json');
  assert.equal(sim.callsOf('chooseMedia').length, 1, 'chooseMedia was asked for');
  assert.equal(sim.control.privacyAgreed, false);
  // WeChat holds the album until the user agrees: nothing was picked or uploaded yet
  assert.deepEqual(sim.privacyEvents.map((e) => e.api), ['chooseMedia']);
  assert.equal(sim.callsOf('uploadFile').length, 0);
  await report.tap('查看《用户隐私保护指引》');
  await sim.waitFor(() => sim.privacyContractOpened === 1, 'the privacy guide opened (wx.openPrivacyContract)');
  await report.tap('同意并继续');
  await sim.waitFor(() => sim.callsOf('uploadFile').length === 1 && report.has('✓'), 'the photo uploaded');
  assert.equal(sim.control.privacyAgreed, true);
  assert.equal(sim.callsOf('compressImage').length, 1, 'the photo is compressed before upload');

  await report.tap('获取当前位置');
  await report.waitForText(where.micro.name);
  const loc = sim.callsOf('getLocation');
  assert.equal(loc.length, 1);
  assert.equal(loc[0].args.type, 'gcj02');
  await report.type(/请描述/, '人行道上有个大坑，老人容易绊倒');
  const before = sim.subscribeAsked.length;
  await report.tap('提交上报', { tag: 'button' });
  const event = await sim.waitForPage('pages/event/index');
  const eventId = Number(event.query.id);
  assert.ok(eventId > 0, `redirected to the event: ${JSON.stringify(event.query)}`);
  await event.waitForText('待核实');
  // progress messages were asked for from the submit tap, and the credit reached the server
  assert.equal(sim.subscribeAsked.length, before + 1, 'requestSubscribeMessage at the submit tap');
  const asResident = await apiAs(openid);
  await sim.waitFor(async () => (await credits(asResident)).event_progress === 1, 'the event_progress credit on the server');

  // the report on the server carries the photo and the GCJ-02 point
  const detail = await asResident('GET', `/events/${eventId}`);
  assert.equal(detail.photos.length, 1);
  assert.equal(detail.microGrid.code, where.micro.code);

  // 我的上报 lists it
  sim.wx.switchTab({ url: '/pages/mine/index' });
  await sim.waitForPage('pages/mine/index');
  await sim.page.tap('我的上报');
  const mine = await sim.waitForPage('pages/my-reports/index');
  await mine.waitForText('人行道上有个大坑，老人容易绊倒');

  // a grid worker of that grid handles it through the API
  const admin = `sim_admin_${run}`;
  createAdmin(where.community.code, 'community_admin', admin);
  const asAdmin = await apiAs(admin);
  const invite = await asAdmin('POST', '/invites', { role: 'grid_worker', nodeCode: where.grid.code });
  const asWorker = await apiAs(`sim_worker_${run}`);
  await asWorker('POST', `/invites/${invite.code}/accept`);
  for (const action of ['verify', 'claim', 'resolve']) {
    const e = await asWorker('GET', `/events/${eventId}`);
    await asWorker('POST', `/events/${eventId}/actions/${action}`, { version: e.version, ...(action === 'resolve' ? { note: '已填平' } : {}) });
  }

  // pulling 我的上报 down shows the new state (onPullDownRefresh → reload → stopPullDownRefresh)
  assert.equal(mine.has('已办结'), false);
  mine.pullDownRefresh();
  await mine.waitForText('已办结');
  await sim.waitFor(() => sim.pullDownStopped >= 1, 'stopPullDownRefresh');

  // the resident opens it again, closes and rates it
  await mine.tap('人行道上有个大坑，老人容易绊倒');
  const again = await sim.waitForPage('pages/event/index');
  await again.waitForText('已办结');
  await again.waitAndTap('结案', { tag: 'button' });
  await again.waitAndTap('确认结案', { tag: 'button' });
  await again.waitForText('已结案');
  await again.waitAndTap('评价', { tag: 'button' });
  await sim.waitFor(() => again.byClass('star').length === 5, 'five stars');
  await again.tap(again.byClass('star')[3]);
  await again.waitAndTap('确认评价', { tag: 'button' });
  await sim.waitFor(async () => (await asResident('GET', `/events/${eventId}`)).rating === 4, 'rating 4 on the server');
  await again.waitForText('评价：★★★★☆');
  assertNoViolations(sim, assert);
});
