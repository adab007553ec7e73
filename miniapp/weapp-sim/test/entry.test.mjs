// Journeys 3 and 4 on the weapp build in the simulator: how residents arrive from WeChat.
// 3. A grid worker binds the micro-grid's WeChat group (the bind card opened in the group); a
//    resident shares the home page into that group and a neighbour opens the card there: the home
//    page resolves the group (wx.login → getShareInfo → POST /share/groups/resolve), shows the
//    micro-grid with its open campaigns and a report button that opens the report page pre-set to it.
// 4. The mini-program code of a place (GET /share/qrcode, scanned: page and scene read from the PNG
//    the server returns) opens the report page pre-set to that micro-grid, no location needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { phone, login, locatedPath, apiAs, createAdmin, assertNoViolations, BASE, run } from './helpers.mjs';

let where;
let asAdmin;
let workerOpenid;
test.before(async () => {
  where = await locatedPath();
  const admin = `sim_eadmin_${run}`;
  createAdmin(where.community.code, 'community_admin', admin);
  asAdmin = await apiAs(admin);
  const invite = await asAdmin('POST', '/invites', { role: 'grid_worker', nodeCode: where.grid.code });
  workerOpenid = `sim_egw_${run}`;
  await (await apiAs(workerOpenid))('POST', `/invites/${invite.code}/accept`);
});

/** Files the report the page was pre-set for (category, description, no location) and returns the event id. */
async function reportFromPreset(sim, description) {
  const report = await sim.waitForPage('pages/report/index');
  await report.waitForText(where.micro.name);
  await report.waitAndTap('环境卫生');
  await report.type(/请描述/, description);
  await report.tap('提交上报', { tag: 'button' });
  const event = await sim.waitForPage('pages/event/index');
  return Number(event.query.id);
}

test('a card opened in a bound group chat shows its micro-grid, its campaigns and a pre-set report button', async () => {
  const opengid = `G_${run}`;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 8 * 3600_000 + 20 * 86400_000).toISOString().slice(0, 10);
  const campaign = await asAdmin('POST', '/campaigns', { title: `返乡报备 ${run}`, nodeCode: where.community.code, template: 'return_home', opensOn: today, closesOn: later });

  // the grid worker opens the bind card they shared, inside the group, and binds it
  const worker = phone(workerOpenid, { groups: { T_bind: opengid } });
  await worker.launch();
  await login(worker);
  await worker.launch({ path: 'packages/worker/pages/bind-group/index', query: { node: where.micro.code, name: where.micro.name }, scene: 1044, shareTicket: 'T_bind' });
  await worker.page.waitAndTap('绑定到本群', { tag: 'button' });
  await worker.page.waitForText(`已绑定：${where.micro.name}`);

  // a resident in that group shares the home page; the card carries a shareTicket
  const sharer = phone(`sim_sharer_${run}`);
  await sharer.launch();
  await sharer.waitFor(() => sharer.shareMenu?.withShareTicket === true, 'showShareMenu({withShareTicket: true}) on the home page');
  const card = sharer.page.share();
  const path = card.path ?? `/${sharer.page.route}`;

  // a neighbour opens the card in the group chat (scene 1044 with its shareTicket)
  const neighbour = phone(`sim_neighbour_${run}`, { groups: { T_card: opengid } });
  const [route, qs] = path.replace(/^\//, '').split('?');
  await neighbour.launch({ path: route, query: Object.fromEntries(new URLSearchParams(qs ?? '')), scene: 1044, shareTicket: 'T_card' });
  const home = neighbour.page;
  await home.waitForText('本群所属微网格');
  await home.waitForText(where.micro.name);
  await home.waitForText(campaign.title);
  const resolves = neighbour.network.filter((n) => n.url.endsWith('/share/groups/resolve'));
  assert.equal(resolves.length, 1, 'POST /share/groups/resolve once');
  assert.equal(resolves[0].status, 200);
  assert.deepEqual(neighbour.calls.filter((c) => ['login', 'getShareInfo'].includes(c.api)).map((c) => c.api).slice(-2), ['login', 'getShareInfo'], 'a fresh login code, then the share info');

  await home.tap(`向${where.micro.name}上报问题`, { tag: 'button' });
  const id = await reportFromPreset(neighbour, `楼下垃圾桶满了 ${run}`);
  const asNeighbour = await apiAs(`sim_neighbour_${run}`);
  const event = await asNeighbour('GET', `/events/${id}`);
  assert.equal(event.microGrid.code, where.micro.code);
  assert.equal(neighbour.callsOf('getLocation').length, 0, 'no location was needed');
  for (const s of [worker, sharer, neighbour]) assertNoViolations(s, assert);
});

/** The tEXt chunks of a PNG (the fake WeChat server writes a code's scene and page there). */
function pngText(buf) {
  const out = {};
  for (let i = 8; i < buf.length; ) {
    const len = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    if (type === 'tEXt') {
      const [k, v] = buf.toString('latin1', i + 8, i + 8 + len).split('\0');
      out[k] = v;
    }
    if (type === 'zTXt') out.z = inflateSync(buf.subarray(i + 8, i + 8 + len)).toString();
    i += 12 + len;
  }
  return out;
}

test('a place QR code opens the report page pre-set to its micro-grid', async () => {
  const login1 = await fetch(`${BASE}/api/v1/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `test:${workerOpenid}` }) }).then((r) => r.json());
  const png = await fetch(`${BASE}/api/v1/share/qrcode?nodeCode=${where.micro.code}`, { headers: { authorization: `Bearer ${login1.accessToken}` } });
  assert.equal(png.status, 200);
  const { page, scene } = pngText(Buffer.from(await png.arrayBuffer()));
  assert.equal(page, 'pages/report/index');
  assert.equal(scene, `g=${where.micro.code}`);

  // WeChat opens the code's page with the scene URL-encoded in the page query (scene 1047)
  const resident = phone(`sim_qr_${run}`);
  await resident.launch({ path: page, query: { scene: encodeURIComponent(scene) }, scene: 1047 });
  const id = await reportFromPreset(resident, `小区门口路灯不亮 ${run}`);
  const event = await (await apiAs(`sim_qr_${run}`))('GET', `/events/${id}`);
  assert.equal(event.microGrid.code, where.micro.code);
  assert.equal(resident.callsOf('getLocation').length, 0, 'no location was needed');
  assertNoViolations(resident, assert);
});
