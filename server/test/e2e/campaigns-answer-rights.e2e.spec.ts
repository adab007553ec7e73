import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { addDays, localDay } from '../../src/common/local-day.js';

const api = '/api/v1';
const COMMUNITY = '510104001001';
const GRID = '510104001001001';
const MICRO1 = '510104001001001001';
const OTHER_GRID = '510104001002001';

/**
 * Issue 16 item 4, reproduced: another resident, or a worker of another community, could replace
 * a household's campaign answer and clear its help request. Now only the household's confirmed
 * members and staff over its micro-grid answer; every later answer keeps the earlier one in
 * history; and a help request ends only when its event is closed.
 */
describe.each(testDbKinds())('who may answer a campaign for a household, on %s', (kind) => {
  let t: TestApp;
  let worker: LoggedIn;
  let member: LoggedIn;
  let member2: LoggedIn;
  let neighbour: LoggedIn;
  let nobody: LoggedIn;
  let otherWorker: LoggedIn;
  let otherAdmin: LoggedIn;
  let microMember: LoggedIn;
  let home: number;
  let neighbourHome: number;
  let campaignId: number;
  let helpEvent: number;
  const today = localDay();
  const good = { registered: '已完整登记', hazards: ['无'], difficulty: '没有', residents: 3, visited_on: today };
  const help = { ...good, difficulty: '有，需要帮助', difficulty_note: '老人独居，需要送餐' };

  const put = (who: LoggedIn, body: Record<string, unknown>) => request(t.base).put(`${api}/campaigns/${campaignId}/answers`).set('authorization', who.auth).send({ microGridCode: MICRO1, address: '5栋1单元101', ...body });
  const answerOf = async (householdId: number) => (await t.ds.query('SELECT * FROM campaign_answer WHERE campaign_id = ? AND household_id = ?', [campaignId, householdId]))[0];
  const history = async (answerId: number) => t.ds.query('SELECT answers, answered_by, needs_help, replaced_by FROM campaign_answer_history WHERE answer_id = ? ORDER BY id', [answerId]);
  /** Everything a refused answer must leave as it was. */
  const snapshot = async () => JSON.stringify(await Promise.all(['campaign_answer', 'campaign_answer_history', 'campaign_progress', 'event', 'outbox'].map((table) => t.ds.query(`SELECT * FROM ${table} ORDER BY 1, 2`))));
  /** campaign_progress (city, district, street) against counting the answers. */
  const rollupsExact = async () => {
    const rolled: { node_code: string; answered: number; needs_help: number }[] = await t.ds.query('SELECT node_code, answered, needs_help FROM campaign_progress WHERE campaign_id = ? ORDER BY node_code', [campaignId]);
    expect(rolled.length).toBe(3);
    for (const r of rolled) {
      const [d] = await t.ds.query('SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN a.needs_help THEN 1 ELSE 0 END), 0) AS h FROM campaign_answer a JOIN grid_node g ON g.code = ? WHERE a.campaign_id = ? AND a.node_path LIKE CONCAT(g.path, ?)', [r.node_code, campaignId, '%']);
      expect([r.node_code, Number(r.answered), Number(r.needs_help)]).toEqual([r.node_code, Number(d.n), Number(d.h)]);
    }
    return rolled.map((r) => Number(r.needs_help))[0];
  };
  const step = async (who: LoggedIn, id: number, action: string) => {
    const cur = (await request(t.base).get(`${api}/events/${id}`).set('authorization', who.auth).expect(200)).body;
    await request(t.base).post(`${api}/events/${id}/actions/${action}`).set('authorization', who.auth).send({ version: cur.version }).expect(200);
  };

  beforeAll(async () => {
    t = await bootTestApp(kind, { OUTBOX_WORKER: 'off', EVENT_SCAN_MS: '0' });
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    await ensureNodes(t.ds, [MICRO1, `${OTHER_GRID}001`]);
    const admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: COMMUNITY }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: GRID }] });
    microMember = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: MICRO1 }] });
    otherWorker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: OTHER_GRID }] });
    otherAdmin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: '510104001002' }] });
    [member, member2, neighbour, nobody] = [await loginAs(t), await loginAs(t), await loginAs(t), await loginAs(t)];
    // Two households of MICRO1 in the register; member and member2 are confirmed members of the first, neighbour of the second.
    const household = async (room: string, people: LoggedIn[]) => {
      const place = (await request(t.base).post(`${api}/register/places`).set('authorization', worker.auth).send({ gridCode: MICRO1, address: '5栋1单元', room }).expect(201)).body;
      const id = (await request(t.base).post(`${api}/register/households`).set('authorization', worker.auth).send({ placeId: place.id }).expect(201)).body.id as number;
      for (const [i, who] of people.entries()) {
        const p = (await request(t.base).post(`${api}/register/households/${id}/people`).set('authorization', worker.auth).send({ name: `成员${room}${i}`, relation: i ? '子女' : '户主' }).expect(201)).body;
        await t.ds.query('UPDATE reg_person SET user_id = ? WHERE id = ?', [who.userId, p.id]);
      }
      return id;
    };
    home = await household('101', [member, member2]);
    neighbourHome = await household('102', [neighbour]);
    campaignId = (await request(t.base).post(`${api}/campaigns`).set('authorization', admin.auth).send({ title: '冬季三询问一完善', nodeCode: COMMUNITY, template: 'sanxunwen', opensOn: addDays(today, -1), closesOn: addDays(today, 30) }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a confirmed member answers for their household and asks for help: an event is filed', async () => {
    const r = await put(member, { answers: help }).expect(200);
    expect(r.body).toMatchObject({ householdId: home, householdKey: `h:${home}`, via: 'resident', needsHelp: true, updated: false, answeredBy: member.userId });
    helpEvent = r.body.eventId;
    expect(helpEvent).toEqual(expect.any(Number));
    expect(await rollupsExact()).toBe(1);
  });

  it('another resident cannot overwrite it (404 naming the household, 403 without) and nothing changes', async () => {
    const before = await snapshot();
    expect((await put(neighbour, { householdId: home, answers: good }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await put(nobody, { householdId: home, answers: good }).expect(404)).body.code).toBe('NOT_FOUND');
    // Without a household id a resident answers only for their own household: one with none is refused.
    expect((await put(nobody, { answers: good }).expect(403)).body.code).toBe('FORBIDDEN');
    expect(await snapshot()).toBe(before);
    // The neighbour's own answer goes to the neighbour's household, not this one.
    const own = await put(neighbour, { address: '5栋1单元101', answers: good }).expect(200);
    expect(own.body).toMatchObject({ householdId: neighbourHome, updated: false });
    expect(await answerOf(home)).toMatchObject({ answered_by: member.userId });
    expect(await rollupsExact()).toBe(1);
  });

  it('a worker or admin of another community cannot answer for it, and nothing changes', async () => {
    const before = await snapshot();
    await put(otherWorker, { householdId: home, answers: good }).expect(404);
    await put(otherWorker, { answers: good }).expect(403);
    await put(otherAdmin, { householdId: home, answers: good }).expect(404);
    await put(otherAdmin, { answers: good }).expect(403);
    expect(await snapshot()).toBe(before);
  });

  it('another confirmed member answers later: the earlier answer is kept in history and the help request stays open', async () => {
    const first = await answerOf(home);
    const r = await put(member2, { answers: good }).expect(200);
    expect(r.body).toMatchObject({ id: Number(first.id), updated: true, needsHelp: true, eventId: helpEvent, answeredBy: member2.userId });
    expect(r.body.answers).toEqual(good);
    const h = await history(Number(first.id));
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ answered_by: member.userId, replaced_by: member2.userId });
    expect(JSON.parse(h[0].answers)).toEqual(help);
    expect(Boolean(Number(h[0].needs_help))).toBe(true);
    const [ev] = await t.ds.query('SELECT state FROM event WHERE id = ?', [helpEvent]);
    expect(ev.state).not.toBe('closed');
    expect(await rollupsExact()).toBe(1);
  });

  it('the micro-grid staff answer on a visit (kept in history too); closing the help event is what ends the request', async () => {
    const r = await put(microMember, { householdId: home, answers: good }).expect(200);
    expect(r.body).toMatchObject({ via: 'visit', needsHelp: true, eventId: helpEvent });
    expect(await history(r.body.id)).toHaveLength(2);
    // Close the help request as an event action: the grid worker verifies, claims, resolves and closes it.
    for (const action of ['verify', 'claim', 'resolve', 'close']) await step(worker, helpEvent, action);
    expect(await rollupsExact()).toBe(1);
    const after = await put(member, { answers: good }).expect(200);
    expect(after.body).toMatchObject({ needsHelp: false });
    expect(await rollupsExact()).toBe(0);
    // Asking again files a new event rather than pointing at the closed one.
    const again = await put(member, { answers: help }).expect(200);
    expect(again.body.needsHelp).toBe(true);
    expect(again.body.eventId).toEqual(expect.any(Number));
    expect(again.body.eventId).not.toBe(helpEvent);
    expect(await rollupsExact()).toBe(1);
    expect(await history(r.body.id)).toHaveLength(4);
  });

  it("the household file (一户一档) lists the household's answer and puts it on the timeline", async () => {
    const answer = await answerOf(home);
    const f = (await request(t.base).get(`${api}/register/households/${home}`).set('authorization', worker.auth).expect(200)).body;
    expect(f.campaignAnswers).toEqual([{ id: Number(answer.id), campaign: String(campaignId), at: expect.any(String), summary: '' }]);
    expect(Math.abs(Date.parse(f.campaignAnswers[0].at) - Date.now())).toBeLessThan(10 * 60_000);
    expect(f.timeline).toEqual(expect.arrayContaining([{ at: f.campaignAnswers[0].at, kind: 'campaign', title: String(campaignId), refId: Number(answer.id) }]));
    // The neighbour's answer is theirs, not this household's.
    const other = (await request(t.base).get(`${api}/register/households/${neighbourHome}`).set('authorization', worker.auth).expect(200)).body;
    expect(other.campaignAnswers.map((a: { id: number }) => a.id)).not.toContain(Number(answer.id));
  });
});
