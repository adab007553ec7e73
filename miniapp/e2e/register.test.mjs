// Registering a household in the H5 build against the real API: a grid worker creates the place
// (micro-grid chosen inside their grid), the household and a person living alone (独居老人) from the
// worker pages — an ID number registered elsewhere is refused by the server and said beside the
// field in Chinese — and sees them in the household file. The resident then asks to claim her record
// from 我的 → 我的家庭档案 with her name and ID number (pending until the worker confirms it), corrects her phone, and the worker's file
// shows the new (masked) number; the correction is in the access log. Last, the worker plans a
// weekly visit for her (走访计划) and finds her on 走访关怀's overdue list. Screens with UPDATE_SCREENSHOTS=1.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idNumberCheckChar } from '@weigrid/shared';
import { launch, phonePage, shot } from './browser.mjs';
import { adminAndGridWorker, explainer, login, skipUnless } from './setup.mjs';

const run = Date.now().toString(36);
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-register-'));
const skip = await skipUnless('register', [['POST', '/register/places'], ['GET', '/register/mine'], ['POST', '/invites/x/accept']]);

/** A valid resident ID number (GB 11643 check character) born on 1950-03-0d, unique to this run. */
function idNumber(day) {
  const first17 = `110105195003${String(day).padStart(2, '0')}${String(parseInt(run.slice(-3), 36) % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(async () => {
  await browser?.close();
});

const pages = {};
test('a worker registers place → household → person (独居老人) in the pages; the resident claims and corrects her record; the worker sees the change', { skip }, () => theRegister().catch(explainer(pages, tmp)));

async function theRegister() {
  const { micro, grid, asAdmin, asWorker, workerOpenid } = await adminAndGridWorker(`r${run}_`);
  const residentOpenid = `e2e_resident_${run}`;
  // someone in another household already holds this ID number (the form must say so)
  const takenId = idNumber(1);
  const otherPlace = await asWorker('POST', '/register/places', { gridCode: micro.code, address: `锦华路 ${run} 号附 1` });
  const other = await asWorker('POST', '/register/households', { placeId: otherPlace.id });
  await asWorker('POST', `/register/households/${other.id}/people`, { name: '张一', relation: '户主', idNumber: takenId });

  const address = `锦华路 ${run} 号`;
  const name = `刘桂兰${run.slice(-3)}`;
  const id = idNumber(2);
  const phone = `138${String(Date.now()).slice(-8)}`;
  const visible = (page, testId) => page.locator(`[data-testid="${testId}"]:visible`);
  const fill = (page, testId, value, tag = 'input') => visible(page, testId).locator(tag).fill(value);

  // 1. 登记新户: the micro-grid chosen inside the worker's grid, a new address, the household
  const worker = (pages.worker = await phonePage(browser, { openid: workerOpenid }));
  await login(worker);
  await worker.getByTestId('go-worker').click();
  await worker.getByTestId('go-new-household').click();
  await visible(worker, 'scope-grant').filter({ hasText: grid.name }).click();
  await worker.getByTestId('grid-option').filter({ hasText: micro.name }).click();
  await visible(worker, 'chosen-grid').filter({ hasText: micro.name }).waitFor({ timeout: 20000 });
  await fill(worker, 'f-address', address);
  await fill(worker, 'f-building', '7');
  await fill(worker, 'f-room', '302');
  await fill(worker, 'f-code', `H-${run}`);
  await shot(worker, '17-register-household');
  await visible(worker, 'save').click();
  await worker.waitForURL(/household\/index\?id=\d+/, { timeout: 20000 });
  const householdId = Number(new URL(worker.url().replace('#', '')).searchParams.get('id'));
  await visible(worker, 'hh-place').filter({ hasText: address }).waitFor({ timeout: 20000 });
  assert.match(await visible(worker, 'hh-place').innerText(), /7 栋 302 室/);

  // 2. a person living alone: the taken ID number is refused by the server, in Chinese beside the field
  await visible(worker, 'add-person').click();
  await fill(worker, 'f-name', name);
  await visible(worker, 'relation-户主').click();
  await fill(worker, 'f-phone', phone);
  await fill(worker, 'f-idNumber', takenId);
  await visible(worker, 'tag-独居老人').click();
  await visible(worker, 'save').click();
  await visible(worker, 'err-idNumber').filter({ hasText: '这个身份证号已经登记过了' }).waitFor({ timeout: 20000 });
  await shot(worker, '18-register-person-error');
  await fill(worker, 'f-idNumber', id);
  await visible(worker, 'save').click();
  await worker.waitForURL(/household\/index\?id=\d+/, { timeout: 20000 });

  // 3. the household file shows her, with the tag and the phone masked
  const card = visible(worker, 'person').filter({ hasText: name });
  await card.waitFor({ timeout: 20000 });
  assert.match(await card.innerText(), /独居老人/);
  const masked = await card.getByTestId('person-phone').innerText();
  assert.ok(!masked.includes(phone) && masked.includes(phone.slice(-4)), `masked: ${masked}`);
  await shot(worker, '19-register-file');
  const people = await asWorker('GET', `/register/people?name=${encodeURIComponent(name)}`);
  assert.equal(people.items.length, 1);
  assert.equal(people.items[0].householdId, householdId);
  assert.deepEqual(people.items[0].tags, ['独居老人']);
  assert.equal(people.items[0].birthYear, 1950);

  // 4. the resident asks to claim her record from 我的 → 我的家庭档案: pending, nothing of it shown;
  // the worker confirms it (居民认领申请), then she sees her household and corrects her phone
  const resident = (pages.resident = await phonePage(browser, { openid: residentOpenid }));
  await login(resident);
  await resident.getByTestId('go-my-household').click();
  await fill(resident, 'f-claim-name', name);
  await fill(resident, 'f-claim-id', id);
  await visible(resident, 'claim-submit').click();
  await visible(resident, 'my-claim').filter({ hasText: '等待网格员核实确认' }).waitFor({ timeout: 20000 });
  assert.equal(await visible(resident, 'my-person').count(), 0, 'nothing of the record while the claim is pending');
  const pending = await asWorker('GET', '/register/claims');
  const claim = pending.items.find((c) => c.person.name === name);
  assert.ok(claim, `the worker sees the claim: ${JSON.stringify(pending.items)}`);
  await asWorker('POST', `/register/claims/${claim.id}/confirm`);
  await resident.reload();
  const mine = visible(resident, 'my-person').filter({ hasText: name });
  await mine.waitFor({ timeout: 20000 });
  assert.ok((await mine.getByTestId('my-person-phone').innerText()).includes(phone), 'her own phone in full');
  await shot(resident, '20-my-household');
  const newPhone = `139${String(Date.now() + 7).slice(-8)}`;
  await mine.getByTestId('my-correct').click();
  await fill(resident, 'f-phone', newPhone);
  await visible(resident, 'my-save').click();
  await visible(resident, 'my-person-phone').filter({ hasText: newPhone }).waitFor({ timeout: 20000 });
  await shot(resident, '21-my-household-corrected');

  // 5. the worker's file shows the corrected number (masked), and the correction is logged
  await worker.reload();
  const after = visible(worker, 'person').filter({ hasText: name });
  await after.getByTestId('person-phone').filter({ hasText: `${newPhone.slice(0, 3)}****${newPhone.slice(-4)}` }).waitFor({ timeout: 20000 });
  const log = await asAdmin('GET', `/register/access-log?targetType=person&targetId=${people.items[0].id}`);
  assert.ok(log.items.some((r) => r.action === 'person.self_correct' && r.allowed), `the correction is logged: ${JSON.stringify(log.items)}`);

  // 6. 走访计划: the worker plans a weekly visit for her (first one due three days ago, China date)
  // and she is on 走访关怀's overdue list
  await after.getByTestId('person-plan').click();
  await visible(worker, 'plan-none').waitFor({ timeout: 20000 });
  await visible(worker, 'plan-tag-独居老人').click();
  await visible(worker, 'plan-every-7').click();
  const due = new Date(Date.now() + 8 * 3600_000 - 3 * 86400_000).toISOString().slice(0, 10);
  await fill(worker, 'f-plan-due', due);
  await shot(worker, '22-care-plan');
  await visible(worker, 'plan-save').click();
  const plan = visible(worker, 'plan').filter({ hasText: '独居老人 · 每周' });
  await plan.waitFor({ timeout: 20000 });
  assert.match(await plan.innerText(), new RegExp(`下次走访：${due}`));
  const planned = await asWorker('GET', `/care/schedules?personId=${people.items[0].id}`);
  assert.deepEqual(planned.items.map((s) => [s.tag, s.intervalDays, s.active]), [['独居老人', 7, true]]);
  await visible(worker, 'plan-to-care').click();
  const overdue = visible(worker, 'care-item').filter({ hasText: name });
  await overdue.waitFor({ timeout: 20000 });
  assert.match(await overdue.innerText(), /独居老人 · 每 7 天走访/);
  assert.match(await overdue.innerText(), /超期 [23] 天/);
  await shot(worker, '23-care-overdue');
}
