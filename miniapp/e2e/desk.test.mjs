// The case desk (issue 22) on the H5 build against the real API: a micro-grid member who did not
// handle a case checks it on site (核查) — refused without a photo, then passed with one — and a
// grid worker merges a duplicate report into the original, whose reporter then follows it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, phonePage, BASE, shot } from './browser.mjs';
import { apiAs, adminAndGridWorker, explainer, GCJ, login, photo, skipUnless } from './setup.mjs';

const run = Date.now().toString(36);
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-desk-'));
const skip = await skipUnless('desk', [['GET', '/events/templates']]);

let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(async () => {
  await browser?.close();
});

const pages = {};
const report = (as, description) => as('POST', '/events', { requestId: randomUUID(), category: 'road', description, location: GCJ });

/** Opens an action's form, checks its one-line explanation, fills what is given and submits. */
async function act(page, action, { note, photoFile, choice, fields = {} } = {}) {
  await page.getByTestId(`action-${action}`).click();
  const form = page.getByTestId('action-form');
  assert.ok(((await form.getByTestId('action-hint').textContent()) ?? '').length > 4, `${action} explains itself in one line`);
  if (choice) await form.getByTestId(choice).click();
  for (const [testid, value] of Object.entries(fields)) await form.getByTestId(testid).locator('input').fill(String(value));
  if (note) await form.getByTestId('action-note').locator('textarea').fill(note);
  if (photoFile) {
    const chooser = page.waitForEvent('filechooser');
    await form.getByTestId('add-photo').click();
    const dialog = page.locator('[data-testid=privacy-dialog]:visible');
    if (await dialog.waitFor({ timeout: 10000 }).then(() => true, () => false)) await dialog.getByText('同意并继续').click();
    await (await chooser).setFiles(photoFile);
    await form.locator('[data-status=done]').waitFor({ timeout: 20000 });
  }
  await page.getByTestId('action-submit').click();
}

test('核查: a member who did not handle the case checks it on site — not without a photo, passed with one', { skip }, () => theCheck().catch(explainer(pages, tmp)));
test('合并: a grid worker merges a duplicate; it closes with a link and its reporter follows the original', { skip }, () => theMerge().catch(explainer(pages, tmp)));

async function theCheck() {
  const { micro, asWorker } = await adminAndGridWorker(`dk${run}`);
  // a collector of the micro-grid, invited by the grid worker
  const memberOpenid = `e2e_dkmember_${run}`;
  const invite = await asWorker('POST', '/invites', { role: 'micro_member', nodeCode: micro.code });
  await (await apiAs(memberOpenid))('POST', `/invites/${invite.code}/accept`);
  // a resident's report, handled and resolved by the grid worker
  const asResident = await apiAs(`e2e_dkres_${run}`);
  const created = await report(asResident, '路灯杆倾斜，有倒塌危险');
  let e = await asWorker('POST', `/events/${created.id}/actions/verify`, { version: created.version });
  e = await asWorker('POST', `/events/${created.id}/actions/claim`, { version: e.version });
  e = await asWorker('POST', `/events/${created.id}/actions/resolve`, { version: e.version, note: '已加固' });
  assert.equal(e.state, 'resolved');
  assert.ok(!e.actions.includes('check'), 'the handler is not offered 核查 of their own work');

  const member = (pages.member = await phonePage(browser, { openid: memberOpenid }));
  await login(member);
  await member.goto(`${BASE}/#/pages/event/index?id=${created.id}`);
  await member.getByTestId('event-state').getByText('已办结').waitFor({ timeout: 20000 });
  // no photo: the form says so and nothing is sent
  await act(member, 'check', { choice: 'check-passed-yes' });
  await member.getByTestId('action-form').getByText('请拍一张现场照片').waitFor({ timeout: 10000 });
  // with the on-site photo: passed; the timeline shows the step with its photo
  const formPhoto = photo(join(tmp, 'after.png'), 5);
  const chooser = member.waitForEvent('filechooser');
  await member.getByTestId('action-form').getByTestId('add-photo').click();
  const dialog = member.locator('[data-testid=privacy-dialog]:visible');
  if (await dialog.waitFor({ timeout: 10000 }).then(() => true, () => false)) await dialog.getByText('同意并继续').click();
  await (await chooser).setFiles(formPhoto);
  await member.getByTestId('action-form').locator('[data-status=done]').waitFor({ timeout: 20000 });
  await member.getByTestId('action-form').getByTestId('action-note').locator('textarea').fill('现场已加固，灯杆稳固');
  await member.getByTestId('action-submit').click();
  await member.getByTestId('event-check').getByText('核查通过').waitFor({ timeout: 20000 });
  await member.getByTestId('timeline').getByText('现场已加固，灯杆稳固').waitFor({ timeout: 20000 });
  await shot(member, '22-checked');
  const after = await asWorker('GET', `/events/${created.id}`);
  assert.equal(after.check.result, 'passed');
  const step = after.timeline.at(-1);
  assert.equal(step.action, 'check');
  assert.equal(step.photos.length, 1, 'the check carries its on-site photo');
  assert.ok(after.actions.includes('close'), 'closing is open after the check');
}

async function theMerge() {
  const { asWorker, workerOpenid } = await adminAndGridWorker(`mg${run}`);
  const asFirst = await apiAs(`e2e_mgfirst_${run}`);
  const asSecond = await apiAs(`e2e_mgsecond_${run}`);
  const original = await report(asFirst, '小区门口井盖破损');
  const duplicate = await report(asSecond, '井盖坏了，差点踩空');

  const worker = (pages.worker = await phonePage(browser, { openid: workerOpenid }));
  await login(worker);
  await worker.goto(`${BASE}/#/pages/event/index?id=${duplicate.id}`);
  await worker.getByTestId('event-description').getByText('井盖坏了').waitFor({ timeout: 20000 });
  // no duplicate id: the form asks for it
  await act(worker, 'merge');
  await worker.getByTestId('action-form').getByText('请填写重复的事件编号').waitFor({ timeout: 10000 });
  await worker.getByTestId('action-form').getByTestId('target-id').locator('input').fill(String(original.id));
  await worker.getByTestId('action-form').getByTestId('action-note').locator('textarea').fill('同一个井盖');
  await worker.getByTestId('action-submit').click();
  await worker.getByTestId('event-state').getByText('已结案').waitFor({ timeout: 20000 });
  await worker.getByTestId('event-merged').getByText(`已与 #${original.id} 合并`).waitFor({ timeout: 20000 });
  await shot(worker, '23-merged');
  // the link opens the original, which now counts the duplicate's reporter as a supporter
  await worker.getByTestId('event-merged').click();
  await worker.waitForURL(new RegExp(`id=${original.id}`), { timeout: 20000 });
  // (H5 keeps the duplicate's page in the stack, hidden: look at the visible one)
  await worker.locator('[data-testid=event-description]:visible').getByText('小区门口井盖破损').waitFor({ timeout: 20000 });
  await worker.locator('[data-testid=timeline]:visible').getByText('合并重复件').waitFor({ timeout: 20000 });
  await worker.locator('[data-testid=timeline]:visible').getByText('同一个井盖').waitFor({ timeout: 20000 });
  const followed = await asSecond('GET', `/events/${original.id}`);
  assert.equal(followed.view, 'public', "the duplicate's reporter follows the original (public view)");
  assert.equal(followed.supporters, 1);
}
