import request from 'supertest';
import ExcelJS from 'exceljs';
import gcoordNs from 'gcoord';
import { randomUUID } from 'node:crypto';
import { RoutingService } from '../../src/routing/routing.service.js';
import { importGrids } from '../../src/grids/import.js';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { Upload } from '../../src/uploads/upload.entity.js';
import { PatrolsService } from '../../src/patrols/patrols.service.js';
import { StatsRefresher } from '../../src/stats/refresher.service.js';
import type { PatrolEventFiler, PatrolFinding } from '../../src/patrols/event-filer.js';
import { AppError } from '../../src/common/app-error.js';
import { addDays, localDay } from '../../src/common/local-day.js';
import { haversineM } from '../../src/patrols/track.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';
import { calc, CALC_MISSING, openInCalc, parseCsv } from '../helpers/spreadsheet.js';

if (!calc) console.warn(CALC_MISSING);

const gcoord = ((gcoordNs as unknown as { default?: typeof gcoordNs }).default ?? gcoordNs) as unknown as { transform(p: number[], a: string, b: string): number[]; WGS84: string; GCJ02: string };
const api = '/api/v1';
/** A second grid east of FIXTURE.GRID in the same community, with one micro-grid. */
const GRID2 = '510104017001002';
const GRID2_MICRO = '510104017001002001';
const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

function tree() {
  const fc = fixtureCollection();
  fc.features.push(
    { type: 'Feature', properties: { code: GRID2, name: '第二网格', level: 'grid', parent: FIXTURE.COMMUNITY }, geometry: rect(104.02, 30.6, 104.03, 30.62) } as (typeof fc.features)[number],
    { type: 'Feature', properties: { code: GRID2_MICRO, name: '二网格一号微网格', level: 'micro', parent: GRID2 }, geometry: rect(104.02, 30.6, 104.03, 30.62) } as (typeof fc.features)[number],
  );
  return fc;
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe.each(testDbKinds())('patrols on %s', (kind) => {
  let t: TestApp;
  let worker: LoggedIn;
  let worker2: LoggedIn;
  let member: LoggedIn;
  let admin: LoggedIn;
  let otherAdmin: LoggedIn;
  let resident: LoggedIn;
  const today = localDay();
  const auth = (u: LoggedIn) => ({ authorization: u.auth });
  const checkin = (u: LoggedIn, body: Record<string, unknown>) => request(t.base).post(`${api}/patrols/checkins`).set(auth(u)).send({ requestId: randomUUID(), ...body });
  const count = async () => Number((await t.ds.query('SELECT COUNT(*) AS n FROM patrol_checkin'))[0].n);

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0' });
    await importGrids(t.ds, tree());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    worker2 = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: GRID2 }] });
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.A }] });
    admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: FIXTURE.COMMUNITY }] });
    otherAdmin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: '510104017002' }] });
    resident = await loginAs(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('check-in', () => {
    it('records a check-in inside the worker\'s grid with the micro-grid it falls in; a retry is the same check-in', async () => {
      const requestId = randomUUID();
      const body = { requestId, location: { lat: 30.605, lng: 104.015 }, note: '巡查二号微网格，道路通畅' };
      const r = await request(t.base).post(`${api}/patrols/checkins`).set(auth(worker)).send(body).expect(201);
      expect(r.body).toMatchObject({ day: today, grid: { code: FIXTURE.GRID, name: '第一网格' }, microGrid: { code: FIXTURE.B, name: '二号微网格' }, outsideM: 0, note: '巡查二号微网格，道路通畅', photos: [], finding: null, findingReason: null, replayed: false });
      const again = await request(t.base).post(`${api}/patrols/checkins`).set(auth(worker)).send(body).expect(201);
      expect(again.body).toMatchObject({ id: r.body.id, replayed: true });
      expect(await count()).toBe(1);
    });

    it('accepts a point within the 50 m tolerance outside the grid, saying how far out it was', async () => {
      // 0.0002° of latitude south of the grid's southern edge ≈ 22.2 m.
      const r = await checkin(worker, { location: { lat: 30.5998, lng: 104.005 } }).expect(201);
      expect(r.body.outsideM).toBe(23);
      expect(r.body.grid.code).toBe(FIXTURE.GRID);
      // Just outside micro-grid A: it counts as a visit to A.
      expect(r.body.microGrid).toEqual({ code: FIXTURE.A, name: '一号微网格' });
    });

    it('refuses a check-in far outside with 422 OUTSIDE_GRID saying how many metres out, and stores nothing', async () => {
      const before = await count();
      // 0.01° south of the grid ≈ 1,112 m.
      const far = await checkin(worker, { location: { lat: 30.59, lng: 104.005 } }).expect(422);
      expect(far.body.code).toBe('OUTSIDE_GRID');
      expect(far.body.details).toEqual({ distanceM: expect.any(Number), toleranceM: 50, nearest: { code: FIXTURE.GRID, name: '第一网格' } });
      expect(far.body.details.distanceM).toBeGreaterThanOrEqual(1111);
      expect(far.body.details.distanceM).toBeLessThanOrEqual(1113);
      expect(far.body.message).toContain(`${far.body.details.distanceM} m`);
      // In the neighbouring grid (someone else's): ~0.005° of longitude east of the edge ≈ 479 m.
      const next = await checkin(worker, { location: { lat: 30.61, lng: 104.025 } }).expect(422);
      expect(next.body.details.distanceM).toBeGreaterThan(470);
      expect(next.body.details.distanceM).toBeLessThan(490);
      // A micro-grid member patrols their micro-grid: micro-grid B next door is outside.
      const memberInB = await checkin(member, { location: { lat: 30.61, lng: 104.015 } }).expect(422);
      expect(memberInB.body.details).toMatchObject({ nearest: { code: FIXTURE.A } });
      expect(memberInB.body.details.distanceM).toBeGreaterThan(470);
      // A's hole (a compound that is not part of it) is outside A too: ~96 m from the hole's edge.
      const hole = await checkin(member, { location: { lat: 30.61, lng: 104.005 } }).expect(422);
      expect(hole.body.details.distanceM).toBeGreaterThan(90);
      expect(hole.body.details.distanceM).toBeLessThan(100);
      expect(await count()).toBe(before);
    });

    it('converts WGS-84 (GPS) input before checking', async () => {
      // GCJ-02 (30.6195, 104.0095) is near A's north-east corner; its WGS-84 numbers differ by a few
      // hundred metres, so an unconverted point would be outside.
      const [lng, lat] = gcoord.transform([104.0095, 30.6195], gcoord.GCJ02, gcoord.WGS84) as [number, number];
      expect(haversineM(lat, lng, 30.6195, 104.0095)).toBeGreaterThan(200);
      const r = await checkin(member, { location: { lat, lng, crs: 'wgs84' } }).expect(201);
      expect(r.body).toMatchObject({ microGrid: { code: FIXTURE.A }, outsideM: 0 });
      expect(r.body.location.lat).toBeCloseTo(30.6195, 5);
      expect(r.body.location.lng).toBeCloseTo(104.0095, 5);
    });

    it('refuses people who do not patrol (residents, admins) with 403', async () => {
      const before = await count();
      for (const u of [resident, admin]) expect((await checkin(u, { location: { lat: 30.605, lng: 104.005 } }).expect(403)).body.code).toBe('FORBIDDEN');
      expect(await count()).toBe(before);
    });

    it('names each bad field (422) and stores nothing', async () => {
      const before = await count();
      const stranger = await loginAs(t);
      await t.ds.getRepository(Upload).insert({ publicId: 'aa11bb22cc33dd44ee55ff66', ownerId: stranger.userId, mime: 'image/jpeg', size: 1, width: 1, height: 1, storageKey: 'x', thumbKey: 'y', moderation: 'pass', createdAt: new Date() });
      const ok = { location: { lat: 30.605, lng: 104.005 } };
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'location'],
        [{ location: 'here' }, 'location'],
        [{ location: { lat: 'abc', lng: 104 } }, 'location.lat'],
        [{ location: { lat: 95, lng: 104 } }, 'location.lat'],
        [{ location: { lat: 30.6 } }, 'location.lng'],
        [{ location: { lat: 30.6, lng: 104, crs: 'bd09' } }, 'location.crs'],
        [{ ...ok, requestId: 'x' }, 'requestId'],
        [{ ...ok, note: 42 }, 'note'],
        [{ ...ok, note: '长'.repeat(501) }, 'note'],
        [{ ...ok, photos: 'abc' }, 'photos'],
        [{ ...ok, photos: ['aa11bb22cc33dd44ee55ff66'] }, 'photos'],
        [{ ...ok, at: 'yesterday' }, 'at'],
        [{ ...ok, at: new Date(Date.now() + 3600_000).toISOString() }, 'at'],
        [{ ...ok, at: new Date(Date.now() - 4 * 86400_000).toISOString() }, 'at'],
        [{ ...ok, finding: '井盖破损' }, 'finding'],
        [{ ...ok, finding: { category: 'no_such', description: '井盖破损' } }, 'finding.category'],
        [{ ...ok, finding: { category: 'road', description: '' } }, 'finding.description'],
        [{ ...ok, finding: { category: 'road', description: 'x', selfHandled: 'yes' } }, 'finding.selfHandled'],
        [{ ...ok, extra: 1 }, 'extra'],
      ];
      for (const [body, field] of cases) {
        const r = await checkin(member, body);
        expect([r.status, field]).toEqual([422, field]);
        expect(r.body.code).toBe('VALIDATION_FAILED');
        expect(r.body.details.fields).toHaveProperty([field]);
      }
      expect(await count()).toBe(before);
    });

    it('files a finding as an event of the visited micro-grid: accepted, or resolved when self-handled; a replay files nothing more', async () => {
      await t.ds.getRepository(Upload).insert({ publicId: '0123456789abcdef01234567', ownerId: member.userId, mime: 'image/jpeg', size: 1, width: 1, height: 1, storageKey: 'x', thumbKey: 'y', moderation: 'pass', createdAt: new Date() });
      const body = { requestId: randomUUID(), location: { lat: 30.603, lng: 104.003 }, note: '发现井盖破损', photos: ['0123456789abcdef01234567'], finding: { category: 'road', description: '3栋门口井盖破损', selfHandled: false } };
      const r = await request(t.base).post(`${api}/patrols/checkins`).set(auth(member)).send(body).expect(201);
      expect(r.body).toMatchObject({ finding: { eventId: expect.any(Number), category: 'road', selfHandled: false }, findingReason: null, photos: ['0123456789abcdef01234567'], microGrid: { code: FIXTURE.A } });
      const ev = (await t.ds.query('SELECT id, state, source, category, description, node_path, lat, reporter_id FROM event WHERE id = ?', [r.body.finding.eventId]))[0];
      expect(ev).toMatchObject({ state: 'accepted', source: 'worker', category: 'road', description: '3栋门口井盖破损', reporter_id: member.userId });
      expect(String(ev.node_path).endsWith(`/${FIXTURE.A}/`)).toBe(true);
      expect(Number(ev.lat)).toBeCloseTo(30.603, 6);
      const again = await request(t.base).post(`${api}/patrols/checkins`).set(auth(member)).send(body).expect(201);
      expect(again.body).toMatchObject({ id: r.body.id, replayed: true, finding: { eventId: r.body.finding.eventId } });
      const fixed = await checkin(worker, { location: { lat: 30.604, lng: 104.014 }, finding: { category: 'streetlight', description: '路灯不亮，已更换灯泡', selfHandled: true } }).expect(201);
      const ev2 = (await t.ds.query('SELECT state, handler_id, node_path FROM event WHERE id = ?', [fixed.body.finding.eventId]))[0];
      expect(ev2).toMatchObject({ state: 'resolved', handler_id: worker.userId });
      expect(String(ev2.node_path).endsWith(`/${FIXTURE.B}/`)).toBe(true);
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM event'))[0].n)).toBe(2);
      // The worker sees their own event as a task in their area.
      await request(t.base).get(`${api}/events/${r.body.finding.eventId}`).set(auth(worker)).expect(200);
    });

    it('keeps the check-in when filing fails or is unavailable, says why, and files on a replay once it works', async () => {
      const filed: PatrolFinding[] = [];
      let mode: 'fail' | 'ok' = 'fail';
      const hook: PatrolEventFiler = {
        file: async (_actor, f) => {
          if (mode === 'fail') throw new AppError('SERVICE_UNAVAILABLE', 'events busy');
          filed.push(f);
          return 9000 + filed.length;
        },
      };
      const svc = t.app.get(PatrolsService);
      const bound = Object.getOwnPropertyDescriptor(svc, 'filer');
      // Stand-ins for the bound provider: one that fails, then none at all (a deployment without events).
      Object.defineProperty(svc, 'filer', { value: hook, configurable: true, writable: true });
      try {
        const body = { requestId: randomUUID(), location: { lat: 30.604, lng: 104.004 }, finding: { category: 'road', description: '路面坑洼', selfHandled: false } };
        const first = await request(t.base).post(`${api}/patrols/checkins`).set(auth(worker)).send(body).expect(201);
        expect(first.body.finding).toBeNull();
        expect(first.body.findingReason).toMatch(/SERVICE_UNAVAILABLE/);
        mode = 'ok';
        const retry = await request(t.base).post(`${api}/patrols/checkins`).set(auth(worker)).send(body).expect(201);
        expect(retry.body).toMatchObject({ id: first.body.id, replayed: true, finding: { eventId: 9001, category: 'road', selfHandled: false }, findingReason: null });
        expect(filed).toEqual([{ checkinId: first.body.id, requestId: `patrol-${first.body.id}`, category: 'road', description: '路面坑洼', selfHandled: false, location: { lat: 30.604, lng: 104.004 }, microGridCode: FIXTURE.A, gridCode: FIXTURE.GRID, photos: [] }]);
        await request(t.base).post(`${api}/patrols/checkins`).set(auth(worker)).send(body).expect(201);
        expect(filed).toHaveLength(1);

        Object.defineProperty(svc, 'filer', { value: undefined, configurable: true, writable: true });
        const none = await checkin(worker, { location: { lat: 30.605, lng: 104.004 }, finding: { category: 'road', description: '护栏松动', selfHandled: false } }).expect(201);
        expect(none.body.finding).toBeNull();
        expect(none.body.findingReason).toMatch(/not available/);
        const row = (await t.ds.query('SELECT finding_category, finding_description, event_id FROM patrol_checkin WHERE id = ?', [none.body.id]))[0];
        expect(row).toMatchObject({ finding_category: 'road', finding_description: '护栏松动', event_id: null });
      } finally {
        Object.defineProperty(svc, 'filer', bound!);
      }
    });
  });

  describe('tracks', () => {
    const walk = [
      { lat: 30.612, lng: 104.002 },
      { lat: 30.613, lng: 104.002 },
      { lat: 30.613, lng: 104.003 },
    ];
    let trackUser: LoggedIn;

    beforeAll(async () => {
      trackUser = await loginAs(t, { grants: [{ role: 'micro_leader', nodeCode: FIXTURE.A }] });
      // Sent out of order (an offline queue flushing), stamped a few seconds apart.
      const now = Date.now();
      for (const i of [2, 0, 1]) await checkin(trackUser, { location: walk[i], at: new Date(now - (3 - i) * 5000).toISOString(), note: `点${i + 1}` }).expect(201);
    });

    it("orders a day's check-ins by time and sums the legs", async () => {
      const r = await request(t.base).get(`${api}/patrols/tracks`).query({ date: today }).set(auth(trackUser)).expect(200);
      expect(r.body.user.id).toBe(trackUser.userId);
      expect(r.body.points.map((p: { note: string }) => p.note)).toEqual(['点1', '点2', '点3']);
      const expected = haversineM(walk[0]!.lat, walk[0]!.lng, walk[1]!.lat, walk[1]!.lng) + haversineM(walk[1]!.lat, walk[1]!.lng, walk[2]!.lat, walk[2]!.lng);
      expect(Math.abs(r.body.distanceM - expected)).toBeLessThanOrEqual(1);
      expect(r.body.distanceM).toBeGreaterThan(200);
      expect(r.body.points.map((p: { legM: number }) => p.legM)).toEqual([0, 111, 96]);
      expect(r.body.microGridsVisited).toBe(1);
      const empty = await request(t.base).get(`${api}/patrols/tracks`).query({ date: addDays(today, -10) }).set(auth(trackUser)).expect(200);
      expect(empty.body).toMatchObject({ points: [], distanceM: 0 });
    });

    it("shows another person's track to those over their grid only; 404 to a worker elsewhere, 403 without patrol.read", async () => {
      for (const u of [worker, admin]) {
        const r = await request(t.base).get(`${api}/patrols/tracks`).query({ user: trackUser.userId, date: today }).set(auth(u)).expect(200);
        expect(r.body.points).toHaveLength(3);
      }
      expect((await request(t.base).get(`${api}/patrols/tracks`).query({ user: trackUser.userId, date: today }).set(auth(worker2)).expect(404)).body.code).toBe('NOT_FOUND');
      expect((await request(t.base).get(`${api}/patrols/tracks`).query({ user: trackUser.userId, date: today }).set(auth(otherAdmin)).expect(404)).body.code).toBe('NOT_FOUND');
      await request(t.base).get(`${api}/patrols/tracks`).query({ user: trackUser.userId, date: today }).set(auth(member)).expect(403);
      await request(t.base).get(`${api}/patrols/tracks`).query({ user: trackUser.userId, date: today }).set(auth(resident)).expect(403);
      await request(t.base).get(`${api}/patrols/tracks`).query({ user: 99999, date: today }).set(auth(admin)).expect(404);
    });

    it('names bad query parameters', async () => {
      for (const [q, field] of [
        [{ user: 'abc', date: today }, 'user'],
        [{ date: '2026-02-30' }, 'date'],
        [{ date: '27.11.2026' }, 'date'],
        [{}, 'date'],
      ] as const) {
        const r = await request(t.base).get(`${api}/patrols/tracks`).query(q).set(auth(worker)).expect(422);
        expect(r.body.details.fields).toHaveProperty([field]);
      }
    });
  });

  describe('coverage', () => {
    it('answers per grid and day: patrolled or not, and how many micro-grids were visited', async () => {
      const from = addDays(today, -2);
      const r = await request(t.base).get(`${api}/patrols/coverage`).query({ node: FIXTURE.COMMUNITY, from, to: today }).set(auth(admin)).expect(200);
      expect(r.body.node).toMatchObject({ code: FIXTURE.COMMUNITY, level: 'community' });
      expect(r.body.days).toBe(3);
      expect(r.body.grids.map((g: { code: string }) => g.code)).toEqual([FIXTURE.GRID, GRID2]);
      const [g1, g2] = r.body.grids;
      // A and B have boundaries; C is virtual (cannot be visited by location).
      expect(g1).toMatchObject({ microGrids: 2, patrolledDays: 1 });
      expect(g1.days.map((d: { day: string }) => d.day)).toEqual([from, addDays(today, -1), today]);
      expect(g1.days[0]).toEqual({ day: from, patrolled: false, checkins: 0, microGridsVisited: 0 });
      expect(g1.days[2]).toMatchObject({ day: today, patrolled: true, microGridsVisited: 2 });
      expect(g1.days[2].checkins).toBe(await count());
      expect(g2).toMatchObject({ microGrids: 1, patrolledDays: 0 });
      expect(r.body.summary).toEqual({ grids: 2, gridDays: 6, patrolledGridDays: 1, coverage: 0.1667, checkins: await count() });
    });

    it('pages grids by code', async () => {
      const p1 = await request(t.base).get(`${api}/patrols/coverage`).query({ node: FIXTURE.COMMUNITY, from: today, to: today, limit: 1 }).set(auth(admin)).expect(200);
      expect(p1.body.grids.map((g: { code: string }) => g.code)).toEqual([FIXTURE.GRID]);
      const p2 = await request(t.base).get(`${api}/patrols/coverage`).query({ node: FIXTURE.COMMUNITY, from: today, to: today, limit: 1, cursor: p1.body.nextCursor }).set(auth(admin)).expect(200);
      expect(p2.body.grids.map((g: { code: string }) => g.code)).toEqual([GRID2]);
      expect(p2.body.nextCursor).toBeNull();
      expect(p2.body.summary.grids).toBe(2);
    });

    it('refuses reversed and over-long periods, micro-grids, unknown nodes and nodes outside the scope', async () => {
      const q = (over: Record<string, unknown>, u = admin) => request(t.base).get(`${api}/patrols/coverage`).query({ node: FIXTURE.COMMUNITY, from: today, to: today, ...over }).set(auth(u));
      expect((await q({ from: today, to: addDays(today, -1) }).expect(422)).body.details.fields).toHaveProperty(['to']);
      const long = await q({ from: addDays(today, -400) }).expect(422);
      expect(long.body).toMatchObject({ code: 'PERIOD_TOO_LONG', details: { days: 401, maxDays: 366 } });
      expect((await q({ from: '2026-13-01' }).expect(422)).body.details.fields).toHaveProperty(['from']);
      expect((await q({ limit: 'many' }).expect(422)).body.details.fields).toHaveProperty(['limit']);
      expect((await q({ node: FIXTURE.A }).expect(422)).body.details.fields).toHaveProperty(['node']);
      await q({ node: '510104017009' }).expect(404);
      await q({}, otherAdmin).expect(403);
      await q({ node: FIXTURE.GRID }, worker2).expect(403);
      await q({ node: FIXTURE.GRID }, member).expect(403);
      await q({ node: FIXTURE.GRID }, worker).expect(200);
    });
  });

  describe('ledger', () => {
    beforeAll(async () => {
      // Free text that a spreadsheet would run as a formula, and a comma/quote/newline to escape.
      await checkin(worker, { location: { lat: 30.615, lng: 104.015 }, note: '=HYPERLINK("http://x","点我")' }).expect(201);
      await checkin(worker, { location: { lat: 30.616, lng: 104.015 }, note: '楼道堆物，已劝离, 说"明天清理"\n第二行' }).expect(201);
    });

    it('exports an XLSX that opens with a check-in per row and a coverage sheet per grid', async () => {
      const res = await request(t.base).get(`${api}/patrols/ledger`).query({ node: FIXTURE.COMMUNITY, from: addDays(today, -6), to: today, format: 'xlsx' }).set(auth(admin)).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(`patrol-ledger-${FIXTURE.COMMUNITY}-`);
      const n = await count();
      expect(res.headers['x-row-count']).toBe(String(n));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['巡查台账', '网格覆盖']);
      const ws = wb.getWorksheet('巡查台账')!;
      expect(String(ws.getCell('A1').value)).toContain('巡查台账');
      expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['日期', '时间', '巡查人', '网格编码', '网格', '微网格编码', '微网格', '纬度', '经度', '距网格边界(米)', '巡查情况', '照片数', '发现问题', '问题描述', '现场处置', '事件编号']);
      expect(ws.rowCount).toBe(2 + n);
      const rows = Array.from({ length: n }, (_, i) => ws.getRow(3 + i).values as unknown[]);
      const road = rows.find((r) => r[14] === '3栋门口井盖破损')!;
      expect(road).toBeDefined();
      expect(road.slice(1, 2)).toEqual([today]);
      expect(road[4]).toBe(FIXTURE.GRID);
      expect(road[6]).toBe(FIXTURE.A);
      expect(road[7]).toBe('一号微网格');
      expect(road[11]).toBe('发现井盖破损');
      expect(road[12]).toBe(1);
      expect(road[13]).toBe('道路设施');
      expect(road[15]).toBe('否');
      expect(String(road[16])).toMatch(/^\d+$/);
      expect(rows.some((r) => r[11] === '=HYPERLINK("http://x","点我")')).toBe(true);
      expect(rows.every((r) => /^\d\d:\d\d:\d\d$/.test(String(r[2])))).toBe(true);
      const gs = wb.getWorksheet('网格覆盖')!;
      expect((gs.getRow(2).values as unknown[]).slice(1, 8)).toEqual([FIXTURE.GRID, '第一网格', 2, 7, 1, 1 / 7, n]);
      expect((gs.getRow(3).values as unknown[]).slice(1, 8)).toEqual([GRID2, '第二网格', 1, 7, 0, 0, 0]);
    });

    it('exports a CSV with a BOM that parses, with formula-like text neutralised', async () => {
      const res = await request(t.base).get(`${api}/patrols/ledger`).query({ node: FIXTURE.GRID, from: today, to: today, format: 'csv' }).set(auth(worker)).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const buf = res.body as Buffer;
      expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(buf.subarray(3).toString('utf8'));
      expect(rows[0]![0]).toBe('日期');
      expect(rows[0]).toHaveLength(16);
      expect(rows).toHaveLength(1 + (await count()));
      expect(rows.every((r) => r.length === 16)).toBe(true);
      expect(rows.map((r) => r[10])).toContain(`'=HYPERLINK("http://x","点我")`);
      expect(rows.map((r) => r[10])).toContain('楼道堆物，已劝离, 说"明天清理"\n第二行');
    });

    (calc ? it : it.skip)('opens in LibreOffice Calc: both sheets, codes as text, coverage as a percentage, formula-like notes as plain text', async () => {
      const x = await request(t.base).get(`${api}/patrols/ledger`).query({ node: FIXTURE.COMMUNITY, from: addDays(today, -6), to: today, format: 'xlsx' }).set(auth(admin)).buffer(true).parse(binary).expect(200);
      const sheets = await openInCalc(x.body as Buffer, 'xlsx');
      expect(Object.keys(sheets).sort()).toEqual(['巡查台账', '网格覆盖'].sort());
      const ledger = sheets['巡查台账']!;
      expect(ledger[1]!.slice(0, 5)).toEqual(['日期', '时间', '巡查人', '网格编码', '网格']);
      const road = ledger.find((r) => r[13] === '3栋门口井盖破损')!;
      expect(road.slice(3, 7)).toEqual([FIXTURE.GRID, '第一网格', FIXTURE.A, '一号微网格']);
      // Shown as the text typed, not run as a formula.
      expect(ledger.some((r) => r[10] === '=HYPERLINK("http://x","点我")')).toBe(true);
      const cover = sheets['网格覆盖']!;
      expect(cover.find((r) => r[0] === FIXTURE.GRID)!.slice(0, 6)).toEqual([FIXTURE.GRID, '第一网格', '2', '7', '1', '14.3%']);

      const c = await request(t.base).get(`${api}/patrols/ledger`).query({ node: FIXTURE.GRID, from: today, to: today, format: 'csv' }).set(auth(worker)).buffer(true).parse(binary).expect(200);
      const rows = Object.values(await openInCalc(c.body as Buffer, 'csv'))[0]!;
      expect(rows[0]!.slice(0, 5)).toEqual(['日期', '时间', '巡查人', '网格编码', '网格']);
      expect(rows).toHaveLength(1 + (await count()));
      expect(rows.some((r) => r[4] === '第一网格')).toBe(true);
      // The apostrophe keeps it text: Calc shows it, and does not evaluate it.
      expect(rows.some((r) => r[10] === `'=HYPERLINK("http://x","点我")`)).toBe(true);
    });

    it('refuses bad periods, formats and nodes outside the scope', async () => {
      const q = (over: Record<string, unknown>, u = admin) => request(t.base).get(`${api}/patrols/ledger`).query({ node: FIXTURE.COMMUNITY, from: today, to: today, ...over }).set(auth(u));
      expect((await q({ from: '2025-01-01', to: '2026-06-30' }).expect(422)).body.code).toBe('PERIOD_TOO_LONG');
      expect((await q({ to: addDays(today, -3) }).expect(422)).body.details.fields).toHaveProperty(['to']);
      expect((await q({ format: 'pdf' }).expect(422)).body.details.fields).toHaveProperty(['format']);
      expect((await q({ node: 'abc' }).expect(422)).body.details.fields).toHaveProperty(['node']);
      await q({}, otherAdmin).expect(403);
      await q({ node: FIXTURE.GRID }, worker2).expect(403);
      await q({}, resident).expect(403);
      // A worker's own grid, a 366-day period: allowed.
      await q({ node: FIXTURE.GRID, from: addDays(today, -365) }, worker).expect(200);
    });
  });

  describe('coverage figures on the dashboards (patrol_day and patrol_rollup)', () => {
    const from = addDays(today, -3);
    /** Straight from the check-ins: patrolled grid-days and check-ins under a path. */
    const direct = async (path: string) => {
      const [r] = await t.ds.query(
        'SELECT COUNT(*) AS g, COALESCE(SUM(n), 0) AS n FROM (SELECT c.grid_id, c.day, COUNT(*) AS n FROM patrol_checkin c JOIN grid_node g ON g.id = c.grid_id WHERE g.path LIKE ? AND c.day >= ? AND c.day <= ? GROUP BY c.grid_id, c.day) x',
        [`${path}%`, from, today],
      );
      return { patrolledGridDays: Number(r.g), checkins: Number(r.n) };
    };
    const shown = async (u: LoggedIn, node: string) => {
      const r = await request(t.base).get(`${api}/stats`).query({ node, from, to: today }).set(auth(u)).expect(200);
      return { patrolledGridDays: r.body.patrol.patrolledGridDays as number, checkins: r.body.patrol.checkins as number };
    };
    /** City, district and street (rollups), community and both grids (patrol_day): each equal to a direct count. */
    const everyLevelMatches = async (city: LoggedIn) => {
      const paths: Record<string, string> = Object.fromEntries(
        (await t.ds.query('SELECT code, path FROM grid_node WHERE code IN (?, ?, ?, ?, ?, ?)', [FIXTURE.CITY, FIXTURE.DISTRICT, FIXTURE.STREET, FIXTURE.COMMUNITY, FIXTURE.GRID, GRID2])).map((r: { code: string; path: string }) => [r.code, r.path]),
      );
      for (const code of [FIXTURE.CITY, FIXTURE.DISTRICT, FIXTURE.STREET, FIXTURE.COMMUNITY, FIXTURE.GRID, GRID2]) expect([code, await shown(city, code)]).toEqual([code, await direct(paths[code]!)]);
      return shown(city, FIXTURE.STREET);
    };

    it('count patrolled grid-days and check-ins at every level, through new, repeated and late check-ins, a rebuild and a backfill', async () => {
      const city = await loginAs(t, { grants: [{ role: 'city_admin', nodeCode: FIXTURE.CITY }] });
      const before = await everyLevelMatches(city);
      // GRID2 patrolled today for the first time, then again; and a check-in queued offline 50 h ago.
      await checkin(worker2, { location: { lat: 30.61, lng: 104.025 } }).expect(201);
      await checkin(worker2, { location: { lat: 30.612, lng: 104.026 } }).expect(201);
      const late = await checkin(worker2, { location: { lat: 30.61, lng: 104.025 }, at: new Date(Date.now() - 50 * 3600_000).toISOString() }).expect(201);
      expect(late.body.day).not.toBe(today);
      const after = await everyLevelMatches(city);
      expect(after).toEqual({ patrolledGridDays: before.patrolledGridDays + 2, checkins: before.checkins + 3 });
      expect(await shown(city, GRID2)).toEqual({ patrolledGridDays: 2, checkins: 3 });

      // stats:rebuild recounts both tables from the check-ins.
      await t.ds.query('UPDATE patrol_rollup SET grids = grids + 7');
      await t.app.get(StatsRefresher).rebuild();
      expect(await everyLevelMatches(city)).toEqual(after);
      // A database upgraded with check-ins already stored: empty tables, watermark 0 — the next refresh counts them all.
      await t.ds.query('DELETE FROM patrol_day');
      await t.ds.query('DELETE FROM patrol_rollup');
      await t.ds.query('UPDATE stats_state SET patrol_watermark = 0 WHERE id = 1');
      expect(await everyLevelMatches(city)).toEqual(after);
      // The patrol coverage page shows the same totals.
      const page = await request(t.base).get(`${api}/patrols/coverage`).query({ node: FIXTURE.COMMUNITY, from, to: today }).set(auth(city)).expect(200);
      expect(page.body.summary).toMatchObject(await direct((await t.ds.query('SELECT path FROM grid_node WHERE code = ?', [FIXTURE.COMMUNITY]))[0].path));
    });
  });
});
