// 一户一档 on the H5 build against the real API: a grid worker finds a resident of their grid,
// opens the household file (phone masked), reveals the full phone (logged: the community admin
// finds the read in the access log), records a care visit, and the visit shows in the file and
// takes the person off the overdue list. Screens with UPDATE_SCREENSHOTS=1.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, phonePage, shot } from './browser.mjs';
import { adminAndGridWorker, explainer, login, skipUnless } from './setup.mjs';

const run = Date.now().toString(36);
const tmp = mkdtempSync(join(tmpdir(), 'weigrid-household-'));
const skip = await skipUnless('household', [['GET', '/register/households/1'], ['POST', '/care/visits'], ['POST', '/invites/x/accept']]);

let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(async () => {
  await browser?.close();
});

const pages = {};
test('a grid worker opens a household, reveals a phone (logged), records a visit, and the file shows it', { skip }, () => theHousehold().catch(explainer(pages, tmp)));

async function theHousehold() {
  // setup through the CLI and the API: a community admin, a grid worker of the grid, and a
  // household in one of its micro-grids with an elderly person living alone, a visit overdue
  const { micro, asAdmin, asWorker, workerOpenid } = await adminAndGridWorker(`h${run}_`);
  const place = await asWorker('POST', '/register/places', { gridCode: micro.code, address: `锦华路 ${run} 号`, building: '3', unit: '2', room: '501' });
  const household = await asWorker('POST', '/register/households', { placeId: place.id });
  const name = `王秀英${run.slice(-3)}`;
  const phone = `139${String(Date.now()).slice(-8)}`;
  const person = await asWorker('POST', `/register/households/${household.id}/people`, { name, relation: '户主', phone, birthYear: 1941, tags: ['独居老人'] });
  await asWorker('POST', '/care/schedules', { personId: person.id, tag: '独居老人', intervalDays: 7, firstDueAt: new Date(Date.now() - 3 * 86400_000).toISOString() });

  // 1. the worker finds her by name from the worker area and opens the household file
  const worker = (pages.worker = await phonePage(browser, { openid: workerOpenid }));
  await login(worker);
  await worker.getByTestId('go-worker').click();
  await worker.getByTestId('go-people').click();
  await worker.getByTestId('search-input').locator('input').fill(name);
  await worker.getByTestId('search').click();
  await worker.getByTestId('result').filter({ hasText: name }).click();
  await worker.waitForURL(/household\/index\?id=\d+/, { timeout: 20000 });
  const card = worker.locator(`[data-testid=person][data-id="${person.id}"]`);
  await card.waitFor({ timeout: 20000 });
  const masked = await card.getByTestId('person-phone').innerText();
  assert.ok(!masked.includes(phone), `masked before the reveal: ${masked}`);
  assert.match(masked, /\*{4}/);
  await worker.getByTestId('reveal-note').waitFor();
  await shot(worker, '13-household-masked');

  // 2. reveal: the full number shows, and the read is in the access log the admin reads
  await card.getByTestId('reveal').click();
  await card.getByTestId('revealed').waitFor({ timeout: 20000 });
  assert.ok((await card.getByTestId('person-phone').innerText()).includes(phone));
  const log = await asAdmin('GET', `/register/access-log?targetType=person&targetId=${person.id}`);
  assert.ok(log.items.some((r) => r.action === 'person.read_full' && r.allowed), `the reveal is logged: ${JSON.stringify(log.items)}`);
  await shot(worker, '14-household-revealed');

  // 3. record a visit from the file; back on the file, the visit is there
  const notes = `老人身体不错，燃气软管已更换 ${run}`;
  await card.getByTestId('person-visit').click();
  await worker.getByTestId('visit-notes').locator('textarea').fill(notes);
  await shot(worker, '15-visit-form');
  await worker.getByTestId('visit-submit').click();
  await worker.waitForURL(/household\/index\?id=\d+/, { timeout: 20000 });
  await worker.getByTestId('visit').filter({ hasText: notes }).waitFor({ timeout: 20000 });
  await shot(worker, '16-household-visit');

  // 4. and she is no longer overdue on 走访关怀
  const overdue = await asWorker('GET', `/care/schedules?overdue=true&node=${micro.code}`);
  assert.ok(!overdue.items.some((s) => s.personId === person.id), 'the visit moved her schedule on');
}
