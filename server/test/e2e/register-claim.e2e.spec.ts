import request from 'supertest';
import { idNumberCheckChar } from '@weigrid/shared';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';

const api = '/api/v1';
const GRID = '510104001001001';
const MICRO_A = '510104001001001001';
const OTHER_GRID = '510104002001001';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const validId = (first17: string) => first17 + idNumberCheckChar(first17);

/**
 * Issue 16 §3: knowing a person's name and ID number used to be enough to link any account to
 * their register entry and read the whole household file. Now a claim is a request that shows
 * nothing until the micro-grid's staff confirm it (or the claimant's WeChat-verified phone is the
 * record's phone), one person has at most one live claim, and a resident's view carries no
 * staff-only data.
 */
describe.each(testDbKinds())('claiming a household record on %s', (kind) => {
  let t: TestApp;
  let worker: LoggedIn; // grid_worker over MICRO_A
  let leader: LoggedIn; // micro_leader of MICRO_A
  let member: LoggedIn; // micro_member of MICRO_A: may read the register, not decide claims
  let outsider: LoggedIn; // grid_worker of another street
  const auth = (u: LoggedIn) => ({ authorization: u.auth });
  const http = () => request(t.base);

  // The household: 王小明 (phone 13800138000) and 李芳, with an organization (contact phone), a risk item and a care visit.
  const WANG = { name: '王小明', idNumber: '11010519491231002X', phone: '13800138000' };
  const LI = { name: '李芳', idNumber: '510104198001010014', phone: '13900139000' };
  const CHEN = { name: '陈老', idNumber: '510104195503010037', phone: '13500135000' };
  const SECRETS = { address: '书院街8号', orgPhone: '02866660000', orgName: '红星便利店', riskNote: '楼道充电隐患', visitNote: '独居，精神状态差', householdNote: '工作人员备注：重点关注' };
  let householdId: number;
  let wangId: number;
  let liId: number;
  let chenId: number;

  const logOf = async (userId: number) => (await t.ds.query('SELECT action, target_id, allowed, detail FROM reg_access_log WHERE user_id = ? ORDER BY id', [userId])) as { action: string; target_id: number | null; allowed: number | boolean; detail: string }[];
  const claimRows = async () => (await t.ds.query('SELECT id, person_id, user_id, state, method, live FROM reg_claim ORDER BY id')) as { id: number; person_id: number; user_id: number; state: string; method: string; live: number | null }[];
  const linkedTo = async (personId: number) => {
    const [r] = await t.ds.query('SELECT user_id FROM reg_person WHERE id = ?', [personId]);
    return r.user_id === null ? null : Number(r.user_id);
  };
  const subscribe = async (u: LoggedIn, key: string) => {
    const list = (await http().get(`${api}/subscriptions`).set(auth(u)).expect(200)).body as { key: string; templateId: string }[];
    await http().post(`${api}/subscriptions`).set(auth(u)).send({ results: { [list.find((x) => x.key === key)!.templateId]: 'accept' } }).expect(200);
  };
  async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms = 8000): Promise<T> {
    const t0 = Date.now();
    for (;;) {
      const v = await f();
      if (v !== undefined) return v;
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }
  const inboxOf = async (u: LoggedIn) => (await http().get(`${api}/inbox`).set(auth(u)).expect(200)).body.items as { kind: string; title: string; body: string; page: string }[];
  /** Nothing of the record in an answer: names, numbers, address, notes, organization contacts. */
  const leaked = (res: request.Response) => {
    const text = JSON.stringify(res.body ?? '') + (res.text ?? '');
    return [WANG.name, WANG.phone, WANG.idNumber, '138****8000', LI.name, LI.phone, SECRETS.address, SECRETS.orgPhone, SECRETS.orgName, SECRETS.riskNote, SECRETS.visitNote, SECRETS.householdNote, MICRO_A].filter((s) => text.includes(s));
  };

  beforeAll(async () => {
    t = await bootTestApp(kind, { OUTBOX_POLL_MS: '50', EVENT_SCAN_MS: '0' });
    await ensureNodes(t.ds, [MICRO_A, `${OTHER_GRID}001`]);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: GRID }] });
    leader = await loginAs(t, { grants: [{ role: 'micro_leader', nodeCode: MICRO_A }] });
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: MICRO_A }] });
    outsider = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: OTHER_GRID }] });
    await subscribe(worker, 'task_new');
    await subscribe(member, 'task_new');

    const place = await http().post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: SECRETS.address, building: '1栋', room: '101' }).expect(201);
    const hh = await http().post(`${api}/register/households`).set(auth(worker)).send({ placeId: place.body.id, code: 'C1', note: SECRETS.householdNote }).expect(201);
    householdId = hh.body.id;
    wangId = (await http().post(`${api}/register/households/${householdId}/people`).set(auth(worker)).send({ ...WANG, relation: '户主' }).expect(201)).body.id;
    liId = (await http().post(`${api}/register/households/${householdId}/people`).set(auth(worker)).send({ ...LI, relation: '配偶' }).expect(201)).body.id;
    await http().post(`${api}/register/organizations`).set(auth(worker)).send({ placeId: place.body.id, name: SECRETS.orgName, kind: 'shop', contactName: '店主', contactPhone: SECRETS.orgPhone }).expect(201);
    await http().post(`${api}/register/risks`).set(auth(worker)).send({ placeId: place.body.id, householdId, kind: 'ebike_charging', note: SECRETS.riskNote }).expect(201);
    await http().post(`${api}/care/visits`).set(auth(worker)).send({ personId: wangId, notes: SECRETS.visitNote }).expect(201);
    const place2 = await http().post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: '书院街10号' }).expect(201);
    const hh2 = await http().post(`${api}/register/households`).set(auth(worker)).send({ placeId: place2.body.id }).expect(201);
    chenId = (await http().post(`${api}/register/households/${hh2.body.id}/people`).set(auth(worker)).send({ ...CHEN, relation: '户主' }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  let strangerClaim: number;
  let stranger: LoggedIn;

  it('a stranger with the name and ID number gets "pending" and nothing of the record; the worker is pushed', async () => {
    stranger = await loginAs(t);
    const res = await http().post(`${api}/register/mine/claim`).set(auth(stranger)).send({ name: WANG.name, idNumber: WANG.idNumber }).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'decidedAt', 'id', 'method', 'reason', 'state']);
    expect(res.body).toMatchObject({ state: 'pending', method: 'worker', decidedAt: null });
    expect(leaked(res)).toEqual([]);
    strangerClaim = res.body.id;
    expect(await linkedTo(wangId)).toBeNull();

    // Reads nothing of the record while pending.
    const mine = await http().get(`${api}/register/mine`).set(auth(stranger)).expect(200);
    expect(mine.body).toEqual([]);
    const claims = await http().get(`${api}/register/mine/claims`).set(auth(stranger)).expect(200);
    expect(claims.body).toEqual([expect.objectContaining({ id: strangerClaim, state: 'pending' })]);
    expect(leaked(claims)).toEqual([]);
    for (const path of [`/register/households/${householdId}`, `/register/people/${wangId}`, `/register/people/${wangId}?reveal=true`, `/register/people/${liId}`]) {
      const r = await http().get(`${api}${path}`).set(auth(stranger));
      expect([path, r.status]).toEqual([path, 404]);
      expect(leaked(r)).toEqual([]);
    }
    const correct = await http().patch(`${api}/register/mine/people/${liId}`).set(auth(stranger)).send({ version: 1, phone: '13900000009' });
    expect(correct.status).toBe(404);

    // The micro-grid's staff hear of it (push + inbox), naming no one; a micro-grid member, who may not decide, does not.
    const push = await until('the push to the grid worker', () => t.wechat.messages.find((m) => m.touser === worker.openid && m.page === 'packages/worker/pages/claims/index'));
    expect(JSON.stringify(push)).not.toContain(WANG.name);
    const inbox = await until('the leader’s inbox row', async () => (await inboxOf(leader)).find((n) => n.kind === 'register_claim'));
    expect(inbox).toMatchObject({ title: '居民申请认领家庭档案', page: 'packages/worker/pages/claims/index' });
    expect(JSON.stringify(inbox)).not.toContain(WANG.name);
    expect((await inboxOf(member)).filter((n) => n.kind === 'register_claim')).toEqual([]);
    expect(t.wechat.messages.filter((m) => m.touser === member.openid)).toEqual([]);
  });

  it('a second claim on a pending record is refused (409 CLAIM_TAKEN), changes nothing and is logged', async () => {
    const second = await loginAs(t);
    const before = await claimRows();
    const res = await http().post(`${api}/register/mine/claim`).set(auth(second)).send({ name: WANG.name, idNumber: WANG.idNumber }).expect(409);
    expect(res.body.code).toBe('CLAIM_TAKEN');
    expect(res.body.message).toMatch(/网格员/);
    expect(leaked(res)).toEqual([]);
    expect(await claimRows()).toEqual(before);
    expect(await logOf(second.userId)).toEqual([expect.objectContaining({ action: 'person.claim', target_id: wangId, allowed: expect.anything(), detail: expect.stringMatching(/^refused: claim \d+ by another account is pending$/) })]);
    expect(Boolean((await logOf(second.userId))[0]!.allowed)).toBe(false);
    // The same claimant asking again gets the same pending claim, not a second one.
    const again = await http().post(`${api}/register/mine/claim`).set(auth(stranger)).send({ name: WANG.name, idNumber: WANG.idNumber }).expect(200);
    expect(again.body).toMatchObject({ id: strangerClaim, state: 'pending' });
    expect(await claimRows()).toEqual(before);
    // A wrong name is the same 404 as an unknown ID number, and logged.
    await http().post(`${api}/register/mine/claim`).set(auth(second)).send({ name: '王大明', idNumber: WANG.idNumber }).expect(404);
    await http().post(`${api}/register/mine/claim`).set(auth(second)).send({ name: WANG.name, idNumber: validId('11010519491231003') }).expect(404);
    expect((await logOf(second.userId)).map((r) => r.detail)).toEqual([expect.stringMatching(/^refused/), 'no match', 'no match']);
  });

  it('staff outside the micro-grid, and roles that may not write the register, cannot see or decide the claim', async () => {
    const list = await http().get(`${api}/register/claims`).set(auth(outsider)).expect(200);
    expect(list.body.items).toEqual([]);
    await http().get(`${api}/register/claims`).query({ node: MICRO_A }).set(auth(outsider)).expect(403);
    await http().post(`${api}/register/claims/${strangerClaim}/confirm`).set(auth(outsider)).expect(404);
    await http().post(`${api}/register/claims/${strangerClaim}/reject`).set(auth(outsider)).send({}).expect(404);
    await http().post(`${api}/register/claims/${strangerClaim}/confirm`).set(auth(member)).expect(404);
    await http().get(`${api}/register/claims`).set(auth(member)).expect(403);
    await http().post(`${api}/register/claims/${strangerClaim}/confirm`).set(auth(stranger)).expect(404);
    expect((await claimRows()).find((c) => c.id === strangerClaim)).toMatchObject({ state: 'pending' });
    expect(await linkedTo(wangId)).toBeNull();
    expect((await logOf(outsider.userId)).map((r) => r.action)).toEqual(['denied:register.write', 'denied:register.write', 'denied:register.write']);
  });

  it('the worker lists the claim (numbers masked) and rejects it; the stranger still reads nothing and is told', async () => {
    const list = await http().get(`${api}/register/claims`).set(auth(worker)).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: strangerClaim, state: 'pending', gridCode: MICRO_A, householdId, address: `${SECRETS.address} 1栋101`, person: { id: wangId, name: WANG.name, relation: '户主', phone: '138****8000', idNumber: '1101**********002X' }, claimant: expect.objectContaining({ userId: stranger.userId, phoneVerified: false }) }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(WANG.phone);
    const r = await http().post(`${api}/register/claims/${strangerClaim}/reject`).set(auth(worker)).send({ reason: '核实非本人' }).expect(200);
    expect(r.body).toMatchObject({ state: 'rejected', decidedBy: worker.userId, reason: '核实非本人' });
    await http().post(`${api}/register/claims/${strangerClaim}/confirm`).set(auth(worker)).expect(409);
    expect(await linkedTo(wangId)).toBeNull();
    await http().get(`${api}/register/mine`).set(auth(stranger)).expect(200, []);
    expect((await http().get(`${api}/register/mine/claims`).set(auth(stranger)).expect(200)).body).toEqual([expect.objectContaining({ id: strangerClaim, state: 'rejected', reason: '核实非本人' })]);
    const told = await until('the claimant’s inbox row', async () => (await inboxOf(stranger)).find((n) => n.kind === 'register_claim'));
    expect(told).toMatchObject({ title: '家庭档案认领未通过', body: '原因：核实非本人' });
    expect(await logOf(worker.userId)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'person.claim_reject', target_id: wangId })]));
  });

  it('after a worker confirms, the resident reads only the resident view, and each view is logged', async () => {
    const owner = await loginAs(t);
    const c = await http().post(`${api}/register/mine/claim`).set(auth(owner)).send({ name: WANG.name, idNumber: WANG.idNumber }).expect(200);
    expect(c.body).toMatchObject({ state: 'pending' });
    await http().get(`${api}/register/mine`).set(auth(owner)).expect(200, []);
    const ok = await http().post(`${api}/register/claims/${c.body.id}/confirm`).set(auth(leader)).expect(200);
    expect(ok.body).toMatchObject({ state: 'confirmed', method: 'worker', decidedBy: leader.userId });
    expect(await linkedTo(wangId)).toBe(owner.userId);

    const mine = await http().get(`${api}/register/mine`).set(auth(owner)).expect(200);
    expect(mine.body).toHaveLength(1);
    expect(Object.keys(mine.body[0])).toEqual(['household']);
    expect(Object.keys(mine.body[0].household).sort()).toEqual(['code', 'id', 'people', 'place']);
    const people = mine.body[0].household.people as Record<string, unknown>[];
    expect(people.find((p) => p.isMe)).toMatchObject({ id: wangId, phone: WANG.phone, idNumber: WANG.idNumber, revealed: true });
    expect(people.find((p) => p.id === liId)).toMatchObject({ phone: '139****9000', idNumber: '5101**********0014', revealed: false, isMe: false });
    for (const p of people) expect(Object.keys(p).sort()).toEqual(['birthYear', 'gender', 'householdId', 'id', 'idNumber', 'isMe', 'name', 'phone', 'relation', 'revealed', 'tags', 'version']);
    const text = JSON.stringify(mine.body);
    for (const staffOnly of [SECRETS.orgPhone, SECRETS.orgName, SECRETS.riskNote, SECRETS.visitNote, SECRETS.householdNote, LI.phone, LI.idNumber]) expect([staffOnly, text.includes(staffOnly)]).toEqual([staffOnly, false]);
    // Still no staff read of the file.
    await http().get(`${api}/register/households/${householdId}`).set(auth(owner)).expect(404);
    const views = (await logOf(owner.userId)).filter((r) => r.action === 'household.read_own');
    expect(views).toEqual([expect.objectContaining({ target_id: householdId })]);
    await http().get(`${api}/register/mine`).set(auth(owner)).expect(200);
    expect((await logOf(owner.userId)).filter((r) => r.action === 'household.read_own')).toHaveLength(2);
    // A correction answers in the resident view too.
    const fix = await http().patch(`${api}/register/mine/people/${liId}`).set(auth(owner)).send({ version: 1, phone: '13900000001' }).expect(200);
    expect(fix.body).toMatchObject({ phone: '139****0001', isMe: false });
    expect(fix.body.gridPath).toBeUndefined();
    const told = await until('the owner’s inbox row', async () => (await inboxOf(owner)).find((n) => n.kind === 'register_claim'));
    expect(told.title).toBe('家庭档案认领已确认');

    // A claimed record: further claims are refused and logged.
    const late = await loginAs(t);
    const r = await http().post(`${api}/register/mine/claim`).set(auth(late)).send({ name: WANG.name, idNumber: WANG.idNumber }).expect(409);
    expect(r.body.code).toBe('CLAIM_TAKEN');
    expect(await logOf(late.userId)).toEqual([expect.objectContaining({ action: 'person.claim', target_id: wangId, detail: 'refused: the record is linked to another account' })]);
    expect(await linkedTo(wangId)).toBe(owner.userId);
  });

  it('a WeChat-verified phone equal to the record’s phone links at once and supersedes a stranger’s pending claim; another phone does not', async () => {
    const stranger2 = await loginAs(t);
    const pending = await http().post(`${api}/register/mine/claim`).set(auth(stranger2)).send({ name: CHEN.name, idNumber: CHEN.idNumber }).expect(200);
    expect(pending.body.state).toBe('pending');

    // A verified phone that is not the record's: still only a pending request (here: refused, the stranger's is live).
    const otherPhone = await loginAs(t);
    await http().post(`${api}/me/phone`).set(auth(otherPhone)).send({ code: 'phone:13700137000' }).expect(200);
    await http().post(`${api}/register/mine/claim`).set(auth(otherPhone)).send({ name: CHEN.name, idNumber: CHEN.idNumber }).expect(409);

    // The same number typed into the account without WeChat verifying it does not count.
    const unverified = await loginAs(t);
    await t.ds.query('UPDATE app_user SET phone = ? WHERE id = ?', [CHEN.phone, unverified.userId]);
    await http().post(`${api}/register/mine/claim`).set(auth(unverified)).send({ name: CHEN.name, idNumber: CHEN.idNumber }).expect(409);

    const chen = await loginAs(t);
    await http().post(`${api}/me/phone`).set(auth(chen)).send({ code: `phone:${CHEN.phone}` }).expect(200);
    const res = await http().post(`${api}/register/mine/claim`).set(auth(chen)).send({ name: CHEN.name, idNumber: CHEN.idNumber }).expect(200);
    expect(res.body).toMatchObject({ state: 'confirmed', method: 'phone' });
    expect(await linkedTo(chenId)).toBe(chen.userId);
    const mine = await http().get(`${api}/register/mine`).set(auth(chen)).expect(200);
    expect(mine.body[0].household.people[0]).toMatchObject({ id: chenId, isMe: true, phone: CHEN.phone });
    expect((await http().get(`${api}/register/mine/claims`).set(auth(stranger2)).expect(200)).body).toEqual([expect.objectContaining({ id: pending.body.id, state: 'superseded' })]);
    await http().get(`${api}/register/mine`).set(auth(stranger2)).expect(200, []);
    expect((await claimRows()).filter((c) => c.person_id === chenId).map((c) => [c.user_id, c.state, c.live === null ? null : Number(c.live)])).toEqual([
      [stranger2.userId, 'superseded', null],
      [chen.userId, 'confirmed', 1],
    ]);
    // The superseded claim can no longer be decided.
    await http().post(`${api}/register/claims/${pending.body.id}/confirm`).set(auth(worker)).expect(409);
    expect(await logOf(chen.userId)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'person.claim', target_id: chenId, detail: expect.stringMatching(/confirmed by verified phone$/) })]));
  });

  it('two claims on one record at the same moment: exactly one is live', async () => {
    const first17 = '51010419700101001';
    const place = await http().post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: '书院街12号' }).expect(201);
    const hh = await http().post(`${api}/register/households`).set(auth(worker)).send({ placeId: place.body.id }).expect(201);
    const p = await http().post(`${api}/register/households/${hh.body.id}/people`).set(auth(worker)).send({ name: '赵四', relation: '户主', idNumber: validId(first17) }).expect(201);
    const users = await Promise.all([loginAs(t), loginAs(t), loginAs(t), loginAs(t)]);
    const answers = await Promise.all(users.map((u) => http().post(`${api}/register/mine/claim`).set(auth(u)).send({ name: '赵四', idNumber: validId(first17) })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await claimRows()).filter((c) => c.person_id === p.body.id)).toHaveLength(1);
  });
});
