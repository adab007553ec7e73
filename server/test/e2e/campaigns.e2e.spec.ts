import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { localDay, addDays } from '../../src/common/local-day.js';
import { makeImportXlsx, personRow } from '../helpers/xlsx.js';
import { backfillCampaignProgress } from '../../src/db/migrations/campaign-progress-backfill.js';

const api = '/api/v1';
const COMMUNITY = '510104001001';
const GRID = '510104001001001';
const MICRO1 = '510104001001001001';
const MICRO2 = '510104001001001002';
const OTHER_MICRO = '510104001002001001';

describe.each(testDbKinds())('campaigns (三询问一完善) on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let member: LoggedIn;
  let resident: LoggedIn;
  let otherAdmin: LoggedIn;
  let worker: LoggedIn;
  /** The register household `resident` is a confirmed member of (in MICRO1). */
  let home: number;
  let campaignId: number;
  const today = localDay();

  beforeAll(async () => {
    t = await bootTestApp(kind);
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    await ensureNodes(t.ds, [MICRO1, MICRO2, OTHER_MICRO]);
    admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: COMMUNITY }] });
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: MICRO1 }] });
    resident = await loginAs(t);
    otherAdmin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: '510104001002' }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: GRID }] });
    // Only a household's confirmed members (and the micro-grid's staff) may answer for it.
    const place = (await request(t.base).post(`${api}/register/places`).set('authorization', worker.auth).send({ gridCode: MICRO1, address: '3栋2单元501' }).expect(201)).body;
    home = (await request(t.base).post(`${api}/register/households`).set('authorization', worker.auth).send({ placeId: place.id }).expect(201)).body.id;
    const person = (await request(t.base).post(`${api}/register/households/${home}/people`).set('authorization', worker.auth).send({ name: '王居民', relation: '户主' }).expect(201)).body;
    await t.ds.query('UPDATE reg_person SET user_id = ? WHERE id = ?', [resident.userId, person.id]);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Claim, resolve and close an event through the workflow (the closer is its reporter or an approver). */
  const closeEvent = async (who: LoggedIn, id: number) => {
    for (const action of ['claim', 'resolve', 'close']) {
      const cur = (await request(t.base).get(`${api}/events/${id}`).set('authorization', who.auth).expect(200)).body;
      await request(t.base).post(`${api}/events/${id}/actions/${action}`).set('authorization', who.auth).send({ version: cur.version }).expect(200);
    }
  };

  const count = async (table: string) => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('creates a campaign from the 三询问一完善 template and rejects bad campaigns naming the problem', async () => {
    const tpl = await request(t.base).get(`${api}/campaigns/templates`).set('authorization', admin.auth).expect(200);
    expect(tpl.body.map((x: { code: string }) => x.code)).toContain('sanxunwen');
    const bad = [
      [{ title: 'x', nodeCode: COMMUNITY, template: 'sanxunwen', opensOn: today, closesOn: addDays(today, -1) }, 'closesOn'],
      [{ title: 'x', nodeCode: COMMUNITY, template: 'nope', opensOn: today, closesOn: today }, 'template'],
      [{ title: 'x', nodeCode: COMMUNITY, opensOn: today, closesOn: today, questions: [{ id: 'q', type: 'slider', label: 'x' }] }, 'questions[0].type'],
      [{ title: 'x', nodeCode: COMMUNITY, opensOn: today, closesOn: today, questions: [{ id: 'q', type: 'single', label: 'x' }] }, 'questions[0].options'],
      [{ title: 'x', nodeCode: COMMUNITY, template: 'sanxunwen', opensOn: '2026-02-30', closesOn: today }, 'opensOn'],
      [{ title: 'x', nodeCode: COMMUNITY, template: 'sanxunwen', opensOn: today, closesOn: addDays(today, 400) }, 'closesOn'],
    ] as const;
    for (const [body, field] of bad) {
      const r = await request(t.base).post(`${api}/campaigns`).set('authorization', admin.auth).send(body).expect(422);
      expect(r.body.details.fields).toHaveProperty([field]);
    }
    // Outside the admin's subtree: 403; a member may not create campaigns at all.
    expect((await request(t.base).post(`${api}/campaigns`).set('authorization', otherAdmin.auth).send({ title: 'x', nodeCode: COMMUNITY, template: 'sanxunwen', opensOn: today, closesOn: today }).expect(403)).body.code).toBe('FORBIDDEN');
    await request(t.base).post(`${api}/campaigns`).set('authorization', member.auth).send({ title: 'x', nodeCode: MICRO1, template: 'sanxunwen', opensOn: today, closesOn: today }).expect(403);
    expect(await count('campaign')).toBe(0);

    const r = await request(t.base).post(`${api}/campaigns`).set('authorization', admin.auth).send({ title: '冬季三询问一完善', nodeCode: COMMUNITY, template: 'sanxunwen', opensOn: addDays(today, -1), closesOn: addDays(today, 30) }).expect(201);
    expect(r.body).toMatchObject({ title: '冬季三询问一完善', template: 'sanxunwen', node: { code: COMMUNITY }, open: true });
    expect(r.body.questions.map((q: { type: string }) => q.type)).toEqual(['single', 'multi', 'single', 'text', 'number', 'date', 'photo']);
    campaignId = r.body.id;
    // A resident of a micro-grid in the area sees it; one elsewhere does not.
    const mine = await request(t.base).get(`${api}/campaigns`).query({ microGrid: MICRO1 }).set('authorization', resident.auth).expect(200);
    expect(mine.body.items.map((c: { id: number }) => c.id)).toEqual([campaignId]);
    const other = await request(t.base).get(`${api}/campaigns`).query({ microGrid: OTHER_MICRO }).set('authorization', resident.auth).expect(200);
    expect(other.body.items).toEqual([]);
  });

  const good = { registered: '已完整登记', hazards: ['无'], difficulty: '没有', residents: 3, visited_on: today };

  it('rejects answers of the wrong type, naming each question, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, residents: '三' }, 'answers.residents'],
      [{ ...good, registered: '也许' }, 'answers.registered'],
      [{ ...good, hazards: '燃气' }, 'answers.hazards'],
      [{ ...good, visited_on: '2026-13-01' }, 'answers.visited_on'],
      [{ ...good, residents: 99 }, 'answers.residents'],
      [{ ...good, extra: 1 }, 'answers.extra'],
      [{ registered: '已完整登记' }, 'answers.hazards'],
      [{ ...good, photos: ['0123456789abcdef01234567'] }, 'answers.photos'],
    ];
    for (const [answers, field] of cases) {
      const r = await request(t.base).put(`${api}/campaigns/${campaignId}/answers`).set('authorization', resident.auth).send({ microGridCode: MICRO1, address: '3栋2单元501', answers }).expect(422);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect(r.body.details.fields).toHaveProperty([field]);
    }
    const outside = await request(t.base).put(`${api}/campaigns/${campaignId}/answers`).set('authorization', resident.auth).send({ microGridCode: OTHER_MICRO, address: '1栋', answers: good }).expect(422);
    expect(outside.body.details.fields).toHaveProperty(['microGridCode']);
    await request(t.base).put(`${api}/campaigns/${campaignId}/answers`).set('authorization', resident.auth).send({ microGridCode: GRID, address: '1栋', answers: good }).expect(422);
    await request(t.base).put(`${api}/campaigns/999999/answers`).set('authorization', resident.auth).send({ microGridCode: MICRO1, address: '1栋', answers: good }).expect(404);
    expect(await count('campaign_answer')).toBe(0);
  });

  it('keeps one answer per household: a second answer (a visiting member naming the same household) replaces the first', async () => {
    const a1 = await request(t.base).put(`${api}/campaigns/${campaignId}/answers`).set('authorization', resident.auth).send({ microGridCode: MICRO1, address: '3栋2单元501', answers: good }).expect(200);
    expect(a1.body).toMatchObject({ updated: false, via: 'resident', needsHelp: false, microGrid: { code: MICRO1 }, householdId: home, householdKey: `h:${home}` });
    const a2 = await request(t.base).put(`${api}/campaigns/${campaignId}/answers`).set('authorization', member.auth).send({ microGridCode: MICRO1, householdId: home, address: '3栋 2单元 ５０１', answers: { ...good, difficulty: '有，需要帮助', difficulty_note: '独居老人，行动不便' } }).expect(200);
    expect(a2.body).toMatchObject({ id: a1.body.id, updated: true, via: 'visit', needsHelp: true });
    // Asking for help files an event for the household's micro-grid, with the household's words.
    expect(a2.body.eventId).toEqual(expect.any(Number));
    const [ev] = await t.ds.query('SELECT description, node_path, source FROM event WHERE id = ?', [a2.body.eventId]);
    expect(ev.node_path.endsWith(`${MICRO1}/`)).toBe(true);
    expect(ev.description).toContain('独居老人，行动不便');
    expect(await count('campaign_answer')).toBe(1);
    // The grid worker on visits, households named by address (not in the register).
    await request(t.base).put(`${api}/campaigns/${campaignId}/answers`).set('authorization', worker.auth).send({ microGridCode: MICRO2, address: '8栋101', answers: good }).expect(200);
    await request(t.base).put(`${api}/campaigns/${campaignId}/answers`).set('authorization', worker.auth).send({ microGridCode: MICRO2, address: '8栋102', answers: good }).expect(200);
    const list = await request(t.base).get(`${api}/campaigns/${campaignId}/answers`).query({ needsHelp: 'true' }).set('authorization', admin.auth).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].answers.difficulty_note).toBe('独居老人，行动不便');
  });

  it('reports progress per node and child, and keeps others out of answers', async () => {
    const p = await request(t.base).get(`${api}/campaigns/${campaignId}/progress`).query({ node: GRID }).set('authorization', admin.auth).expect(200);
    expect(p.body.node).toMatchObject({ code: GRID, answered: 3, needsHelp: 1 });
    expect(p.body.children.map((c: { code: string; answered: number }) => [c.code, c.answered])).toEqual([
      [MICRO1, 1],
      [MICRO2, 2],
    ]);
    await request(t.base).get(`${api}/campaigns/${campaignId}/progress`).set('authorization', otherAdmin.auth).expect(403);
    await request(t.base).get(`${api}/campaigns/${campaignId}/answers`).set('authorization', resident.auth).expect(403);
    // A member sees their own micro-grid only.
    await request(t.base).get(`${api}/campaigns/${campaignId}/answers`).query({ node: MICRO1 }).set('authorization', member.auth).expect(200);
    await request(t.base).get(`${api}/campaigns/${campaignId}/answers`).query({ node: MICRO2 }).set('authorization', member.auth).expect(403);
  });

  it('counts known households from the register (one added by hand, two by a file import, one more by hand) and the answered rate', async () => {
    // Households registered through the API and through an import; the counts the progress page
    // reads (reg_grid_households) must equal the register's own rows, per micro-grid.
    const addHousehold = async (micro: string, room: string) => {
      const place = (await request(t.base).post(`${api}/register/places`).set('authorization', worker.auth).send({ gridCode: micro, address: '书院街 8 号', room }).expect(201)).body;
      await request(t.base).post(`${api}/register/households`).set('authorization', worker.auth).send({ placeId: place.id }).expect(201);
    };
    await addHousehold(MICRO1, '101');
    const rows = [MICRO1, MICRO2].map((gridCode, i) => personRow({ gridCode, householdCode: `H${i}`, room: `20${i}`, name: `住户${i}`, idNumber: '', phone: '', birthYear: '1960', tags: '' }));
    await request(t.base).post(`${api}/register/import`).set('authorization', admin.auth).attach('file', await makeImportXlsx(rows), 'people.xlsx').expect(200);
    await addHousehold(MICRO2, '102');

    const direct: { grid_path: string; n: number }[] = await t.ds.query('SELECT grid_path, COUNT(*) AS n FROM reg_household GROUP BY grid_path ORDER BY grid_path');
    const kept: { grid_path: string; households: number }[] = await t.ds.query('SELECT grid_path, households FROM reg_grid_households ORDER BY grid_path');
    expect(kept.map((r) => [r.grid_path, Number(r.households)])).toEqual(direct.map((r) => [r.grid_path, Number(r.n)]));

    const p = (await request(t.base).get(`${api}/campaigns/${campaignId}/progress`).query({ node: GRID }).set('authorization', admin.auth).expect(200)).body;
    // (MICRO1 also holds the resident's own household, registered in beforeAll.)
    expect(p.node).toMatchObject({ code: GRID, answered: 3, known: 5, rate: 0.6 });
    expect(p.children.map((c: { code: string; answered: number; known: number | null; rate: number | null }) => [c.code, c.answered, c.known, c.rate])).toEqual([
      [MICRO1, 1, 3, 0.3333],
      [MICRO2, 2, 2, 1],
    ]);
    // A micro-grid on its own (it has no children to add to).
    const micro = (await request(t.base).get(`${api}/campaigns/${campaignId}/progress`).query({ node: MICRO1 }).set('authorization', admin.auth).expect(200)).body;
    expect(micro).toMatchObject({ node: { code: MICRO1, answered: 1, known: 3, rate: 0.3333 }, children: [] });
    // A micro-grid whose register is empty shows no known count rather than a rate over zero.
    const EMPTY_MICRO = '510104001001001003';
    await ensureNodes(t.ds, [EMPTY_MICRO]);
    const other = (await request(t.base).get(`${api}/campaigns/${campaignId}/progress`).query({ node: EMPTY_MICRO }).set('authorization', admin.auth).expect(200)).body;
    expect(other.node).toMatchObject({ answered: 0, known: null, rate: null });
  });

  it('refuses answers outside the campaign window', async () => {
    const r = await request(t.base).post(`${api}/campaigns`).set('authorization', admin.auth).send({ title: '返乡报备', nodeCode: COMMUNITY, template: 'return_home', opensOn: addDays(today, 2), closesOn: addDays(today, 9) }).expect(201);
    const a = await request(t.base).put(`${api}/campaigns/${r.body.id}/answers`).set('authorization', resident.auth).send({ microGridCode: MICRO1, address: '1栋', answers: { arrived_on: today, from_place: '广州', people: 2 } }).expect(409);
    expect(a.body.code).toBe('CAMPAIGN_CLOSED');
  });

  it('counts a district-wide campaign at the district and its streets from campaign_progress, equal to counting the answers', async () => {
    const STREET2_MICRO = '510104002001001001';
    await ensureNodes(t.ds, [STREET2_MICRO]);
    const district = await loginAs(t, { grants: [{ role: 'district_admin', nodeCode: '510104' }] });
    // A worker of both grids answers on visits (residents answer only for their own household).
    const visitor = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: GRID }, { role: 'grid_worker', nodeCode: '510104002001001' }] });
    const c = (await request(t.base).post(`${api}/campaigns`).set('authorization', district.auth).send({ title: '全区入户走访', nodeCode: '510104', template: 'sanxunwen', opensOn: addDays(today, -1), closesOn: addDays(today, 30) }).expect(201)).body.id as number;
    const answer = (micro: string, address: string, help: boolean) =>
      request(t.base).put(`${api}/campaigns/${c}/answers`).set('authorization', visitor.auth).send({ microGridCode: micro, address, answers: help ? { ...good, difficulty: '有，需要帮助', difficulty_note: '需要送餐' } : good }).expect(200);
    await answer(MICRO1, '1栋101', false);
    await answer(MICRO2, '1栋102', false);
    await answer(STREET2_MICRO, '9栋1号', false);
    // A second answer for the first household now asks for help.
    await answer(MICRO1, '1栋101', true);

    const paths: Record<string, string> = Object.fromEntries((await t.ds.query("SELECT code, path FROM grid_node WHERE code IN ('5101', '510104', '510104001', '510104002', ?)", [COMMUNITY])).map((r: { code: string; path: string }) => [r.code, r.path]));
    const direct = async (code: string) => {
      const [r] = await t.ds.query('SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN needs_help THEN 1 ELSE 0 END), 0) AS h FROM campaign_answer WHERE campaign_id = ? AND node_path LIKE ?', [c, `${paths[code]}%`]);
      return { answered: Number(r.n), needsHelp: Number(r.h) };
    };
    const check = async () => {
      const p = (await request(t.base).get(`${api}/campaigns/${c}/progress`).set('authorization', district.auth).expect(200)).body;
      expect(p.node).toMatchObject({ code: '510104', ...(await direct('510104')) });
      const byCode = Object.fromEntries(p.children.map((x: { code: string; answered: number; needsHelp: number }) => [x.code, { answered: x.answered, needsHelp: x.needsHelp }]));
      expect(byCode['510104001']).toEqual(await direct('510104001'));
      expect(byCode['510104002']).toEqual(await direct('510104002'));
      // The dashboards: district and street from campaign_progress, the community from the answers.
      for (const code of ['510104', '510104001', COMMUNITY]) {
        const d = (await request(t.base).get(`${api}/stats`).query({ node: code, from: today, to: today }).set('authorization', district.auth).expect(200)).body;
        expect([code, d.campaigns.find((x: { id: number }) => x.id === c)]).toEqual([code, expect.objectContaining(await direct(code))]);
      }
      return p.node;
    };
    expect(await check()).toMatchObject({ answered: 3, needsHelp: 1 });
    // A later answer without help does not withdraw the open help request …
    const helped = (await answer(MICRO1, '1栋101', false)).body;
    expect(helped).toMatchObject({ needsHelp: true, eventId: expect.any(Number) });
    expect(await check()).toMatchObject({ answered: 3, needsHelp: 1 });
    // … closing its event does; the answer after that counts as it says.
    await closeEvent(visitor, helped.eventId);
    await answer(MICRO1, '1栋101', false);
    expect(await check()).toMatchObject({ answered: 3, needsHelp: 0 });
    // Racing answers (first and second ones at once, help on and off): every one is answered and
    // the counts still equal the answers (InnoDB deadlocks between them are retried).
    await Promise.all([0, 1, 2, 3, 4, 5].map((i) => answer(i % 2 ? MICRO2 : STREET2_MICRO, '10栋1号', i % 3 === 0)));
    expect((await check()).answered).toBe(5);
    // Both 10栋1号 households asked for help in the race; their events are open, so answers
    // without help leave both requests counted.
    await answer(MICRO2, '10栋1号', false);
    await answer(STREET2_MICRO, '10栋1号', false);
    expect(await check()).toMatchObject({ answered: 5, needsHelp: 2 });
    // What the migration does for answers stored before it: the same counts again.
    await t.ds.query('DELETE FROM campaign_progress');
    const qr = t.ds.createQueryRunner();
    try {
      await backfillCampaignProgress(qr);
    } finally {
      await qr.release();
    }
    expect(await check()).toMatchObject({ answered: 5, needsHelp: 2 });
  });
});
