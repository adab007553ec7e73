// A resident campaign (三询问一完善) on the H5 build against the real API: a community admin opens
// it through the API, a resident finds it on the home page for the micro-grid the phone locates,
// answers every question (one answer asks for help), sees the confirmation and the event the help
// answer became, then answers again and is told the household's answer was updated.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idNumberCheckChar } from '@weigrid/shared';
import { launch, phonePage, shot, BASE } from './browser.mjs';
import { apiAs, createAdmin, explainer, localDay, locatedPath, login, photo, skipUnless, WGS } from './setup.mjs';

const run = Date.now().toString(36);
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-campaign-'));
const skip = await skipUnless('campaign', [['GET', '/campaigns/templates']]);

let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(async () => {
  await browser?.close();
});

const pages = {};
let ctx;
test('a resident answers an open campaign of their micro-grid, asks for help, and sees the confirmation and the event', { skip }, () => theCampaign().catch(explainer(pages, tmp)));

async function theCampaign() {
  const { micro, grid, community } = await locatedPath();
  const adminOpenid = `e2e_cadmin_${run}`;
  createAdmin(community.code, 'community_admin', adminOpenid);
  const title = `三询问一完善 ${run}`;
  const campaign = await (await apiAs(adminOpenid))('POST', '/campaigns', { title, nodeCode: community.code, template: 'sanxunwen', opensOn: localDay(-1), closesOn: localDay(30) });
  ctx = { micro, grid, community, adminOpenid, title };

  // Only a household's confirmed members answer for it: the resident's household is in the
  // register, the resident claims their entry (name and ID number on file) and the community's
  // admin confirms the claim (a claim is only a request until staff confirm it).
  const residentOpenid = `e2e_cres_${run}`;
  const asAdmin = await apiAs(adminOpenid);
  const place = await asAdmin('POST', '/register/places', { gridCode: micro.code, address: `e2e ${run} 3栋2单元`, room: '501' });
  const household = await asAdmin('POST', '/register/households', { placeId: place.id });
  const t = Date.now();
  const first17 = `110105${1950 + (t % 50)}${String(1 + (Math.floor(t / 50) % 12)).padStart(2, '0')}${String(1 + (Math.floor(t / 600) % 28)).padStart(2, '0')}${String(Math.floor(t / 16800) % 1000).padStart(3, '0')}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  await asAdmin('POST', `/register/households/${household.id}/people`, { name: '王居民', relation: '户主', idNumber });
  const claim = await (await apiAs(residentOpenid))('POST', '/register/mine/claim', { name: '王居民', idNumber });
  await asAdmin('POST', `/register/claims/${claim.id}/confirm`);

  // 1. the resident's phone finds its micro-grid (privacy agreement, then location) and lists the campaign
  const resident = (pages.resident = await phonePage(browser, { openid: residentOpenid, geo: WGS }));
  await login(resident);
  await resident.goto(`${BASE}/#/pages/index/index`);
  await resident.getByTestId('my-grid-locate').click();
  await resident.locator('[data-testid=privacy-dialog]:visible').getByText('同意并继续').click();
  await resident.getByTestId('my-grid').getByText(micro.name, { exact: false }).waitFor({ timeout: 20000 });
  const item = resident.locator(`[data-testid=campaign-item][data-id="${campaign.id}"]`);
  await item.getByText(title).waitFor({ timeout: 20000 });
  await shot(resident, '13-campaign-home');

  // 2. the form: household, every question type the template has, a photo
  await item.click();
  await resident.getByTestId('campaign-form').waitFor({ timeout: 20000 });
  assert.match(await resident.getByTestId('household-grid').innerText(), new RegExp(micro.name));
  // sending it empty names what is missing, beside the questions
  await resident.getByTestId('campaign-submit').click();
  assert.equal(await resident.getByTestId('err-registered').innerText(), '请选择一项');
  assert.equal(await resident.getByTestId('err-residents').innerText(), '请填写数字');
  assert.equal(await resident.getByTestId('err-address').innerText(), '请填写门牌地址');
  await resident.getByTestId('household').scrollIntoViewIfNeeded();
  await resident.evaluate(() => window.scrollTo(0, 0));
  await shot(resident, '14-campaign-errors');
  await resident.getByTestId('address').locator('input').fill('3栋2单元501');
  await resident.getByTestId('q-registered').getByText('已完整登记').click();
  await resident.getByTestId('q-hazards').getByText('电动车违规充电').click();
  await resident.getByTestId('q-difficulty').getByText('没有').click();
  await resident.getByTestId('text-difficulty_note').locator('textarea').fill('楼道里常有电动车充电，线拖到家门口');
  assert.equal(await resident.getByTestId('counter-difficulty_note').innerText(), '17/500');
  await resident.getByTestId('num-residents').locator('input').fill('60');
  const chooser = resident.waitForEvent('filechooser');
  await resident.getByTestId('q-photos').getByTestId('add-photo').click();
  await (await chooser).setFiles(photo(join(tmp, 'charger.png'), 3));
  await resident.getByTestId('q-photos').locator('[data-status=done]').waitFor({ timeout: 20000 });
  await resident.getByTestId('campaign-submit').click();
  assert.equal(await resident.getByTestId('err-residents').innerText(), '请填写 0–50 之间的数');
  await resident.getByTestId('num-residents').locator('input').fill('3');
  await shot(resident, '15-campaign-form');
  await resident.getByTestId('campaign-submit').click();

  // 3. the confirmation, and the help answer filed as an event the resident can follow
  await resident.getByTestId('campaign-done').waitFor({ timeout: 20000 });
  assert.equal(await resident.getByTestId('campaign-done-text').innerText(), '提交成功，感谢配合');
  await resident.getByTestId('campaign-help').getByText(/事件 #\d+/).waitFor();
  const eventId = /事件 #(\d+)/.exec(await resident.getByTestId('campaign-help').innerText())[1];
  await shot(resident, '16-campaign-done');
  await resident.getByTestId('campaign-event-link').click();
  await resident.waitForURL(/pages\/event\/index\?id=\d+/, { timeout: 20000 });
  await resident.getByTestId('event-description').getByText(`【${title}】3栋2单元501`, { exact: false }).waitFor({ timeout: 20000 });

  // 4. answering again later for the same household replaces the first answer and says so
  //    (the address is remembered on the phone; the answers start empty)
  await resident.goto(`${BASE}/#/pages/index/index`);
  await resident.reload();
  await resident.locator(`[data-testid=campaign-item][data-id="${campaign.id}"]`).click();
  await resident.getByTestId('campaign-form').waitFor({ timeout: 20000 });
  assert.equal(await resident.getByTestId('address').locator('input').inputValue(), '3栋2单元501');
  await resident.getByTestId('q-registered').getByText('已完整登记').click();
  await resident.getByTestId('q-hazards').getByText('无', { exact: true }).click();
  await resident.getByTestId('q-difficulty').getByText('有，需要帮助').click();
  await resident.getByTestId('num-residents').locator('input').fill('2');
  await resident.getByTestId('campaign-submit').click();
  await resident.getByTestId('campaign-done').waitFor({ timeout: 20000 });
  assert.equal(await resident.getByTestId('campaign-done-text').innerText(), '已更新：本户之前填过，已替换为这次的回答');
  // the household's help request is the one event already filed, not a second one
  assert.match(await resident.getByTestId('campaign-help').innerText(), new RegExp(`事件 #${eventId}）`));
}

test('the community admin sees the answered / known households and the help request, and starts another campaign from the admin pages', { skip }, () => adminPages().catch(explainer(pages, tmp)));

async function adminPages() {
  assert.ok(ctx, 'runs after the resident has answered');
  const { micro, grid, community, adminOpenid, title } = ctx;
  // Four households in the register of the resident's micro-grid, added through the API.
  const asAdmin = await apiAs(adminOpenid);
  for (const room of ['101', '102', '201', '202']) {
    const place = await asAdmin('POST', '/register/places', { gridCode: micro.code, address: `e2e ${run} 9栋`, room });
    await asAdmin('POST', '/register/households', { placeId: place.id });
  }
  const admin = (pages.admin = await phonePage(browser, { openid: adminOpenid }));
  await login(admin);
  await admin.goto(`${BASE}/#/packages/admin/pages/dashboard/index`);
  await admin.getByTestId('go-campaigns').click();
  const item = admin.getByTestId('campaign-item').filter({ hasText: title });
  await item.waitFor({ timeout: 20000 });
  assert.match(await item.innerText(), /进行中/);
  await item.click();

  // The community: 1 household answered (asking for help) of those the register knows.
  const tile = (k) => admin.getByTestId(`kpi-${k}`).getByTestId('kpi-value');
  await admin.getByTestId('progress-node').getByText(community.name, { exact: false }).waitFor({ timeout: 20000 });
  const known = Number(await tile('known').innerText());
  assert.ok(known >= 4, `the register's households are counted (${known})`);
  assert.equal(await tile('answered').innerText(), '1');
  assert.equal(await tile('help').innerText(), '1');
  const help = admin.getByTestId('help-answer');
  await help.getByText('3栋2单元501', { exact: false }).waitFor({ timeout: 20000 });
  await shot(admin, '17-campaign-progress');
  // Down to the resident's micro-grid (through its grid): 1 of its households answered.
  const down = async (name) => {
    await admin.getByTestId('progress-child-row').filter({ hasText: name }).click();
    await admin.getByTestId('progress-node').getByText(name, { exact: false }).waitFor({ timeout: 20000 });
  };
  await down(grid.name);
  await down(micro.name);
  assert.equal(await tile('answered').innerText(), '1');
  const knownHere = Number(await tile('known').innerText());
  assert.ok(knownHere >= 4 && knownHere <= known, `micro-grid households ${knownHere}`);
  assert.equal(await tile('rate').innerText(), `${Math.round((1 / knownHere) * 1000) / 10}%`);
  assert.equal(await admin.getByTestId('progress-trail').innerText(), `${community.name} / ${grid.name} / ${micro.name}`);

  // A second campaign from the admin page's form, for the whole community.
  await admin.goto(`${BASE}/#/packages/admin/pages/campaigns/index`);
  await admin.getByTestId('campaign-create').click();
  await admin.getByTestId('campaign-template-return_home').click();
  const second = `返乡报备 ${run}`;
  await admin.getByTestId('campaign-title').locator('input').fill(second);
  await admin.getByTestId('campaign-submit').click();
  await admin.getByTestId('progress-title').getByText(second).waitFor({ timeout: 20000 });
  assert.equal(await tile('answered').innerText(), '0');
  const listed = await asAdmin('GET', `/campaigns?node=${community.code}`);
  assert.ok(listed.items.some((c) => c.title === second && c.template === 'return_home'));
}
