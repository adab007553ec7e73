import request from 'supertest';
import { In } from 'typeorm';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { Department, DepartmentCategory } from '../../src/accounts/department.entity.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { EventRow } from '../../src/events/event.entity.js';
import { StatsRefresher } from '../../src/stats/refresher.service.js';
import { localDay } from '../../src/common/local-day.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { FIXTURE } from '../helpers/grid-fixture.js';
import { at, DAY2, recountAll, seedStatsFixture } from '../helpers/stats-fixture.js';
import { calc, CALC_MISSING, openInCalc } from '../helpers/spreadsheet.js';

if (!calc) console.warn(CALC_MISSING);

const api = '/api/v1';
describe.each(testDbKinds())('stats (dashboards, 月通报) on %s', (kind) => {
  let t: TestApp;
  let city: LoggedIn;
  let streetAdmin: LoggedIn;
  let worker: LoggedIn;
  let otherWorker: LoggedIn;
  let resident: LoggedIn;
  let staff: LoggedIn;
  const ids: Record<string, number> = {};
  const get = (u: LoggedIn, q: Record<string, unknown>) => request(t.base).get(`${api}/stats`).query(q).set('authorization', u.auth);

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    Object.assign(ids, await seedStatsFixture(t));
    const nodes = new Map((await t.ds.getRepository(GridNode).find()).map((n) => [n.code, n]));
    city = await loginAs(t, { grants: [{ role: 'city_admin', nodeCode: FIXTURE.CITY }] });
    streetAdmin = await loginAs(t, { grants: [{ role: 'street_admin', nodeCode: FIXTURE.STREET }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    otherWorker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104017002001' }] });
    resident = await loginAs(t);
    const district = nodes.get(FIXTURE.DISTRICT)!;
    const dep = await t.ds.getRepository(Department).insert({ name: '环卫所', nodeId: district.id, createdAt: new Date() });
    const depId = Number(dep.identifiers[0]!.id);
    await t.ds.getRepository(DepartmentCategory).insert({ departmentId: depId, categoryCode: 'sanitation' });
    staff = await loginAs(t, { grants: [{ role: 'dept_staff', nodeCode: FIXTURE.DISTRICT, departmentId: depId }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the hand-computed figures at every level, from rollups (street and up) and from facts (below)', async () => {
    for (const node of [FIXTURE.CITY, FIXTURE.DISTRICT, FIXTURE.STREET, FIXTURE.COMMUNITY, FIXTURE.GRID]) {
      const r = await get(city, { node, from: '2026-11-02', to: '2026-11-02' }).expect(200);
      expect([node, r.body.kpis]).toEqual([node, DAY2]);
      expect(r.body.score).toBe(86);
    }
    // Street: one community carries everything, the other (quiet) is listed with zeros; the grid's micro-grids split it.
    const street = await get(streetAdmin, { node: FIXTURE.STREET, from: '2026-11-02', to: '2026-11-02' }).expect(200);
    expect(street.body.children.map((c: { code: string; kpis: { reported: number } }) => [c.code, c.kpis.reported])).toEqual([
      [FIXTURE.COMMUNITY, 6],
      ['510104017002', 0],
    ]);
    const grid = await get(worker, { node: FIXTURE.GRID, from: '2026-11-02', to: '2026-11-02' }).expect(200);
    const [a, b, c] = grid.body.children;
    expect([a.code, b.code, c.code]).toEqual([FIXTURE.A, FIXTURE.B, FIXTURE.C]);
    // A: A, B, C, F — 3 accepted, all closed, 2 of 3 on time, 1 reworked of 3 resolved, ratings 5 and 3.
    expect(a.kpis).toMatchObject({ reported: 4, accepted: 3, closed: 3, onTimeRate: 0.6667, reworkRate: 0.3333, satisfactionAvg: 4 });
    expect(a.score).toBe(82.67);
    // B: D rejected, E self-handled and closed on time.
    expect(b.kpis).toMatchObject({ reported: 2, accepted: 1, rejected: 1, closed: 1, onTimeRate: 1, reworkRate: 0 });
    expect(b.score).toBe(96);
    expect(c.kpis.reported).toBe(0);
    // A quiet micro-grid is not scored (it used to get 96, the same as B): the dashboard says 无数据.
    expect(c.score).toBeNull();
  });

  it('cuts the cohort by local day, with a daily or weekly series and the top categories', async () => {
    const r = await get(city, { node: FIXTURE.CITY, from: '2026-11-02', to: '2026-11-04' }).expect(200);
    expect(r.body.kpis.reported).toBe(8);
    expect(r.body.interval).toBe('day');
    expect(r.body.series.map((p: { start: string; reported: number; closed: number }) => [p.start, p.reported, p.closed])).toEqual([
      ['2026-11-02', 6, 4],
      ['2026-11-03', 1, 0],
      ['2026-11-04', 1, 0],
    ]);
    expect(r.body.topCategories).toEqual([
      { code: 'road', name: '道路设施', reported: 7 },
      { code: 'sanitation', name: '环境卫生', reported: 1 },
    ]);
    // 2026-11-02 is a Monday: weeks start on it; the 9th starts the next.
    const w = await get(city, { node: FIXTURE.CITY, from: '2026-11-01', to: '2026-11-09', interval: 'week' }).expect(200);
    expect(w.body.series.map((p: { start: string; reported: number }) => [p.start, p.reported])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 8],
      ['2026-11-09', 0],
    ]);
  });

  it('follows live changes through the real API (the rollups stay equal to a recount)', async () => {
    const today = localDay();
    const before = (await get(city, { node: FIXTURE.CITY, from: today, to: today }).expect(200)).body.kpis;
    const rep = await request(t.base).post(`${api}/events`).set('authorization', resident.auth).send({ requestId: randomUUID(), category: 'road', description: '路灯杆倾斜', location: { lat: 30.605, lng: 104.005 } }).expect(201);
    const one = (await get(city, { node: FIXTURE.CITY, from: today, to: today }).expect(200)).body.kpis;
    expect([one.reported - before.reported, one.accepted - before.accepted]).toEqual([1, 0]);
    const detail = await request(t.base).get(`${api}/events/${rep.body.id}`).set('authorization', worker.auth).expect(200);
    await request(t.base).post(`${api}/events/${rep.body.id}/actions/verify`).set('authorization', worker.auth).send({ version: detail.body.version }).expect(200);
    const two = (await get(streetAdmin, { node: FIXTURE.STREET, from: today, to: today }).expect(200)).body.kpis;
    expect([two.reported - before.reported, two.accepted - before.accepted]).toEqual([1, 1]);
    expect(two.responseAvgMin).not.toBeNull();

    // Direct recount from event rows and audit trails, against the stored rollups, over everything.
    const refresher = t.app.get(StatsRefresher);
    await refresher.refresh();
    const recount = await recountAll(t);
    const r = await get(city, { node: FIXTURE.CITY, from: '2026-01-01', to: '2026-12-31' }).expect(200);
    expect(r.body.kpis).toEqual(recount.kpis);
    expect(r.body.kpis.reported).toBe(recount.events);
    // A rebuild from scratch (the first build on an existing database) gives the same figures.
    const rebuilt = await refresher.rebuild();
    expect(rebuilt.events).toBe(recount.events);
    const again = await get(city, { node: FIXTURE.CITY, from: '2026-01-01', to: '2026-12-31' }).expect(200);
    expect(again.body.kpis).toEqual(r.body.kpis);
    expect(again.body.children).toEqual(r.body.children);
  });

  it('lists overdue open events under the node', async () => {
    await t.ds.getRepository(EventRow).update({ id: ids.F! }, { overdueAt: at('2026-11-03T02:00:00Z'), deadlineAt: at('2026-11-03T01:00:00Z') });
    const r = await get(worker, { node: FIXTURE.GRID, from: '2026-11-02', to: '2026-11-02' }).expect(200);
    expect(r.body.overdue.count).toBe(1);
    expect(r.body.overdue.items[0]).toMatchObject({ id: ids.F, state: 'reported', node: { code: FIXTURE.A }, overdueAt: '2026-11-03T02:00:00.000Z' });
    expect(r.body.patrol).toMatchObject({ grids: 1, gridDays: 1, patrolledGridDays: 0 });
    // Most overdue first, ties by id; a closed event with an old mark is not listed.
    await t.ds.getRepository(EventRow).update({ id: ids.G! }, { overdueAt: at('2026-11-03T01:00:00Z') });
    await t.ds.getRepository(EventRow).update({ id: ids.H! }, { overdueAt: at('2026-11-05T00:00:00Z') });
    await t.ds.getRepository(EventRow).update({ id: ids.A! }, { overdueAt: at('2026-11-02T00:00:00Z') });
    try {
      const three = (await get(worker, { node: FIXTURE.GRID, from: '2026-11-02', to: '2026-11-02' }).expect(200)).body.overdue;
      expect(three.count).toBe(3);
      expect(three.items.map((i: { id: number; node: { code: string } }) => [i.id, i.node.code])).toEqual([
        [ids.G, FIXTURE.A],
        [ids.F, FIXTURE.A],
        [ids.H, FIXTURE.B],
      ]);
    } finally {
      await t.ds.getRepository(EventRow).update({ id: In([ids.G!, ids.H!, ids.A!]) }, { overdueAt: null });
    }
  });

  it("limits department staff to their department's categories", async () => {
    const r = await get(staff, { node: FIXTURE.DISTRICT, from: '2026-11-02', to: '2026-11-04' }).expect(200);
    expect(r.body.categoriesFilter).toEqual(['sanitation']);
    expect(r.body.kpis.reported).toBe(1);
    expect(r.body.topCategories.map((c: { code: string }) => c.code)).toEqual(['sanitation']);
  });

  it('refuses bad periods and nodes outside the scope', async () => {
    const q = { node: FIXTURE.STREET, from: '2026-11-02', to: '2026-11-04' };
    expect((await get(streetAdmin, { ...q, to: '2026-11-01' }).expect(422)).body.details.fields).toHaveProperty(['to']);
    expect((await get(streetAdmin, { ...q, from: '2025-01-01', to: '2026-06-30' }).expect(422)).body).toMatchObject({ code: 'PERIOD_TOO_LONG', details: { maxDays: 366 } });
    expect((await get(streetAdmin, { ...q, from: '2026-02-30' }).expect(422)).body.details.fields).toHaveProperty(['from']);
    expect((await get(streetAdmin, { ...q, interval: 'month' }).expect(422)).body.details.fields).toHaveProperty(['interval']);
    await get(streetAdmin, { ...q, node: '510104099' }).expect(404);
    await get(streetAdmin, { ...q, node: FIXTURE.DISTRICT }).expect(403);
    await get(otherWorker, { ...q, node: FIXTURE.GRID }).expect(403);
    await get(resident, q).expect(403);
  });

  describe('月通报', () => {
    it('ranks the children by the documented score (JSON)', async () => {
      const r = await request(t.base).get(`${api}/stats/bulletin`).query({ node: FIXTURE.GRID, month: '2026-11' }).set('authorization', worker.auth).expect(200);
      expect(r.body).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-30' });
      expect(r.body.formula).toContain('40×结案率');
      // B 96 first; then A; C (nothing reported) is not scored and comes last (it used to tie B at 96).
      expect(r.body.rows.map((x: { rank: number; code: string; score: number | null }) => [x.rank, x.code, x.score])).toEqual([
        [1, FIXTURE.B, 96],
        [2, FIXTURE.A, 82.67],
        [3, FIXTURE.C, null],
      ]);
    });

    it('exports it as an XLSX that opens and as a printable HTML page with a chart', async () => {
      const x = await request(t.base).get(`${api}/stats/bulletin`).query({ node: FIXTURE.GRID, month: '2026-11', format: 'xlsx' }).set('authorization', worker.auth).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.body as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('月通报')!;
      expect(String(ws.getCell('A1').value)).toContain('2026-11 月通报');
      expect((ws.getRow(3).values as unknown[]).slice(1, 5)).toEqual(['名次', '编码', '名称', '得分']);
      expect((ws.getRow(4).values as unknown[]).slice(1, 5)).toEqual([1, FIXTURE.B, '二号微网格', 96]);
      expect(ws.rowCount).toBe(6);
      expect((ws.getRow(6).values as unknown[]).slice(1, 5)).toEqual([3, FIXTURE.C, '水井坊市场', '无数据']);
      const h = await request(t.base).get(`${api}/stats/bulletin`).query({ node: FIXTURE.GRID, month: '2026-11', format: 'html' }).set('authorization', worker.auth).expect(200);
      expect(h.headers['content-type']).toContain('text/html');
      expect(h.text).toContain('<svg');
      expect(h.text).toContain('一号微网格');
      expect(h.text).toContain('@page');
    });

    (calc ? it : it.skip)('opens in LibreOffice Calc with the codes as text, the names in Chinese and the scores as numbers', async () => {
      const x = await request(t.base).get(`${api}/stats/bulletin`).query({ node: FIXTURE.GRID, month: '2026-11', format: 'xlsx' }).set('authorization', worker.auth).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      const sheets = await openInCalc(x.body as Buffer, 'xlsx');
      const rows = sheets['月通报']!;
      expect(rows[0]![0]).toContain('2026-11 月通报');
      expect(rows[2]!.slice(0, 4)).toEqual(['名次', '编码', '名称', '得分']);
      // 18 digits shown as typed, not 5.10104E+17.
      expect(rows[3]!.slice(0, 4)).toEqual(['1', FIXTURE.B, '二号微网格', '96']);
      // 结案率 as a percentage with one decimal.
      expect(rows[2]![7]).toBe('结案率');
      expect(rows[3]![7]).toMatch(/^\d{1,3}\.\d%$/);
      expect(rows.length).toBe(6);
    });

    it('refuses a bad month and other people’s nodes', async () => {
      await request(t.base).get(`${api}/stats/bulletin`).query({ node: FIXTURE.GRID, month: '2026-13' }).set('authorization', worker.auth).expect(422);
      await request(t.base).get(`${api}/stats/bulletin`).query({ node: FIXTURE.GRID, month: '2026-11', format: 'pdf' }).set('authorization', worker.auth).expect(422);
      await request(t.base).get(`${api}/stats/bulletin`).query({ node: FIXTURE.GRID, month: '2026-11' }).set('authorization', otherWorker.auth).expect(403);
    });
  });
});
