import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';
import { Category } from '../../src/catalog/category.entity.js';
import { makeImportXlsx, personRow } from '../helpers/xlsx.js';

const api = '/api/v1';
const MICRO_A = '510104001001001001';
const MICRO_A2 = '510104001001001002';
const MICRO_B = '510104002001001001';
const DAY = 86_400_000;

describe.each(testDbKinds())('care visits and volunteers over HTTP on %s', (kind) => {
  let t: TestApp;
  let worker: LoggedIn;
  let member: LoggedIn;
  let outsider: LoggedIn;
  let resident: LoggedIn;
  const auth = (u: LoggedIn) => ({ authorization: u.auth });
  let elder: number; // 王小明, 独居老人 in A
  let zhang: number; // 张三, 独居老人 in A2
  let bPerson: number; // in B
  let eventId: number; // a real event in A, raised on a visit

  beforeAll(async () => {
    t = await bootTestApp(kind);
    await ensureNodes(t.ds, [MICRO_A, MICRO_A2, MICRO_B]);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104001001001' }] });
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: MICRO_A }] });
    outsider = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104002001001' }] });
    resident = await loginAs(t);
    const admin = await loginAs(t, { grants: [{ role: 'district_admin', nodeCode: '510104' }] });
    const file = await makeImportXlsx([
      personRow({ gridCode: MICRO_A }),
      personRow({ gridCode: MICRO_A2, householdCode: 'H2', name: '张三', relation: '户主', phone: '13700137000', idNumber: '', birthYear: '1950', tags: '独居老人' }),
      personRow({ gridCode: MICRO_B, householdCode: 'H3', name: '刘五', relation: '户主', phone: '', idNumber: '', birthYear: '1940', tags: '独居老人、残疾人' }),
    ]);
    await request(t.base).post(`${api}/register/import`).set(auth(admin)).attach('file', file, 'p.xlsx').expect(200);
    const ids = async (name: string) => Number((await t.ds.query('SELECT id FROM reg_person WHERE name = ?', [name]))[0].id);
    elder = await ids('王小明');
    zhang = await ids('张三');
    bPerson = await ids('刘五');
    await t.ds.getRepository(Category).insert({ code: 'other', name: '其他', icon: '', sort: 1, active: true });
    const ev = await request(t.base).post(`${api}/events`).set(auth(member)).send({ requestId: `care-${kind}-0001`, category: 'other', description: '王小明家插座冒火花', gridCode: MICRO_A }).expect(201);
    eventId = ev.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('schedules visits for tagged people and lists overdue ones per micro-grid', async () => {
    const past = new Date(Date.now() - 3 * DAY).toISOString();
    const s1 = await request(t.base).post(`${api}/care/schedules`).set(auth(worker)).send({ personId: elder, tag: '独居老人', intervalDays: 7, firstDueAt: past }).expect(201);
    expect(s1.body).toMatchObject({ personName: '王小明', intervalDays: 7, overdueDays: 3, active: true });
    await request(t.base).post(`${api}/care/schedules`).set(auth(worker)).send({ personId: elder, tag: '独居老人', intervalDays: 7 }).expect(409);
    await request(t.base).post(`${api}/care/schedules`).set(auth(worker)).send({ personId: elder, tag: '孕产妇', intervalDays: 7 }).expect(422);
    await request(t.base).post(`${api}/care/schedules`).set(auth(worker)).send({ personId: elder, tag: '独居老人', intervalDays: 0 }).expect(422);
    await request(t.base).post(`${api}/care/schedules`).set(auth(member)).send({ personId: zhang, tag: '独居老人', intervalDays: 7 }).expect(404);
    await request(t.base).post(`${api}/care/schedules`).set(auth(worker)).send({ personId: zhang, tag: '独居老人', intervalDays: 14, firstDueAt: past }).expect(201);
    await request(t.base).post(`${api}/care/schedules`).set(auth(worker)).send({ personId: bPerson, tag: '独居老人', intervalDays: 7 }).expect(404);
    await request(t.base).post(`${api}/care/schedules`).set(auth(outsider)).send({ personId: bPerson, tag: '残疾人', intervalDays: 30, firstDueAt: past }).expect(201);

    const byGrid = await request(t.base).get(`${api}/care/overdue-by-grid`).set(auth(worker)).expect(200);
    expect(byGrid.body).toEqual([
      { gridCode: MICRO_A, gridName: expect.any(String), overdue: 1 },
      { gridCode: MICRO_A2, gridName: expect.any(String), overdue: 1 },
    ]);
    const memberView = await request(t.base).get(`${api}/care/schedules`).query({ overdue: 'true' }).set(auth(member)).expect(200);
    expect(memberView.body.items.map((s: { personName: string }) => s.personName)).toEqual(['王小明']);
    await request(t.base).get(`${api}/care/overdue-by-grid`).query({ node: '510104002' }).set(auth(worker)).expect(403);
    await request(t.base).get(`${api}/care/schedules`).set(auth(resident)).expect(403);
  });

  it('a visit with notes and photos moves the schedule on and shows in the household file', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const up = await request(t.base).post(`${api}/uploads`).set(auth(member)).attach('file', png, 'a.png');
    const photos = up.status === 201 ? [up.body.id as string] : [];
    if (up.status !== 201) console.log(`photo upload answered ${up.status}; testing the visit without a photo`);
    const v = await request(t.base).post(`${api}/care/visits`).set(auth(member)).send({ personId: elder, notes: '身体良好，已提醒燃气安全', photos, eventId }).expect(201);
    expect(v.body).toMatchObject({ personName: '王小明', notes: '身体良好，已提醒燃气安全', photos, eventId, visitorUserId: member.userId });
    const s = await request(t.base).get(`${api}/care/schedules`).query({ personId: elder }).set(auth(worker)).expect(200);
    expect(s.body.items[0].overdueDays).toBe(0);
    expect(new Date(s.body.items[0].nextDueAt).getTime() - new Date(v.body.visitedAt).getTime()).toBe(7 * DAY);
    const byGrid = await request(t.base).get(`${api}/care/overdue-by-grid`).set(auth(worker)).expect(200);
    expect(byGrid.body.map((g: { gridCode: string }) => g.gridCode)).toEqual([MICRO_A2]);
    // Someone else's or unknown photos, future dates, other people's records → 4xx, nothing written.
    await request(t.base).post(`${api}/care/visits`).set(auth(member)).send({ personId: elder, notes: 'x', photos: ['doesnotexist123'] }).expect(422);
    await request(t.base).post(`${api}/care/visits`).set(auth(member)).send({ personId: elder, notes: 'x', visitedAt: new Date(Date.now() + 2 * DAY).toISOString() }).expect(422);
    await request(t.base).post(`${api}/care/visits`).set(auth(member)).send({ personId: zhang, notes: 'x' }).expect(404);
    await request(t.base).post(`${api}/care/visits`).set(auth(member)).send({ personId: elder }).expect(422);
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM care_visit'))[0].n)).toBe(1);
    const hh = Number((await t.ds.query('SELECT household_id FROM reg_person WHERE id = ?', [elder]))[0].household_id);
    const f = await request(t.base).get(`${api}/register/households/${hh}`).set(auth(worker)).expect(200);
    expect(f.body.visits).toEqual([expect.objectContaining({ id: v.body.id, personName: '王小明' })]);
    expect(f.body.events).toEqual([expect.objectContaining({ id: eventId, title: '王小明家插座冒火花', state: 'accepted' })]);
    expect(f.body.timeline.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['visit', 'event']));
    const visits = await request(t.base).get(`${api}/care/visits`).set(auth(worker)).expect(200);
    expect(visits.body.items).toHaveLength(1);
    expect((await request(t.base).get(`${api}/care/visits`).set(auth(outsider)).expect(200)).body.items).toEqual([]);
  });

  it('volunteers and party members register to their micro-grid (双报到), get tasks and count service hours', async () => {
    const v = await request(t.base).post(`${api}/volunteers`).set(auth(resident)).send({ kind: 'volunteer', gridCode: MICRO_A, displayName: '小周', skills: ['水电维修', '陪伴'], availability: '周末上午' }).expect(201);
    expect(v.body).toMatchObject({ kind: 'volunteer', gridCode: MICRO_A, skills: ['水电维修', '陪伴'], serviceMinutes: 0, status: 'active' });
    await request(t.base).post(`${api}/volunteers`).set(auth(resident)).send({ kind: 'volunteer', gridCode: MICRO_A, displayName: '小周' }).expect(409);
    const pm = await request(t.base).post(`${api}/volunteers`).set(auth(resident)).send({ kind: 'party_member', gridCode: MICRO_A, displayName: '周同志', partyOrg: '区税务局党支部' }).expect(201);
    expect(pm.body.partyOrg).toBe('区税务局党支部');
    await request(t.base).post(`${api}/volunteers`).set(auth(member)).send({ kind: 'volunteer', gridCode: '510104001001001', displayName: 'x' }).expect(422);
    await request(t.base).post(`${api}/volunteers`).set(auth(member)).send({ kind: 'helper', gridCode: MICRO_A, displayName: 'x' }).expect(422);

    const found = await request(t.base).get(`${api}/volunteers`).query({ skill: '水电维修' }).set(auth(worker)).expect(200);
    expect(found.body.items.map((i: { id: number }) => i.id)).toEqual([v.body.id]);
    expect((await request(t.base).get(`${api}/volunteers`).query({ skill: '水电' }).set(auth(worker)).expect(200)).body.items).toEqual([]);
    expect((await request(t.base).get(`${api}/volunteers`).set(auth(outsider)).expect(200)).body.items).toEqual([]);
    await request(t.base).get(`${api}/volunteers`).set(auth(member)).expect(403);

    const task = await request(t.base).post(`${api}/volunteers/${v.body.id}/tasks`).set(auth(worker)).send({ title: '帮王小明检修电路', eventId }).expect(201);
    await request(t.base).post(`${api}/volunteers/${v.body.id}/tasks`).set(auth(worker)).send({ title: 'x', eventId: 999999 }).expect(422);
    await request(t.base).post(`${api}/volunteers/${v.body.id}/tasks`).set(auth(outsider)).send({ title: 'x' }).expect(403);
    const mine = await request(t.base).get(`${api}/volunteers/me/tasks`).set(auth(resident)).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: task.body.id, state: 'assigned', eventId })]);
    await request(t.base).post(`${api}/volunteers/tasks/${task.body.id}/complete`).set(auth(outsider)).send({ minutes: 60 }).expect(404);
    await request(t.base).post(`${api}/volunteers/tasks/${task.body.id}/complete`).set(auth(resident)).send({ minutes: 0 }).expect(422);
    await request(t.base).post(`${api}/volunteers/tasks/${task.body.id}/complete`).set(auth(resident)).send({ minutes: 90, note: '已更换插座' }).expect(200);
    await request(t.base).post(`${api}/volunteers/tasks/${task.body.id}/complete`).set(auth(resident)).send({ minutes: 90 }).expect(409);
    const t2 = await request(t.base).post(`${api}/volunteers/${v.body.id}/tasks`).set(auth(worker)).send({ title: '陪伴独居老人' }).expect(201);
    await request(t.base).post(`${api}/volunteers/tasks/${t2.body.id}/complete`).set(auth(worker)).send({ minutes: 45 }).expect(200);
    const t3 = await request(t.base).post(`${api}/volunteers/${v.body.id}/tasks`).set(auth(worker)).send({ title: '取消的任务' }).expect(201);
    await request(t.base).post(`${api}/volunteers/tasks/${t3.body.id}/cancel`).set(auth(worker)).expect(200);
    await request(t.base).post(`${api}/volunteers/tasks/${t3.body.id}/cancel`).set(auth(resident)).expect(404);

    const me = await request(t.base).get(`${api}/volunteers/me`).set(auth(resident)).expect(200);
    expect(me.body.find((x: { kind: string }) => x.kind === 'volunteer')).toMatchObject({ serviceMinutes: 135, tasksDone: 2 });
    const totals = await request(t.base).get(`${api}/volunteers/totals`).set(auth(worker)).expect(200);
    expect(totals.body).toEqual({ volunteers: 1, partyMembers: 1, serviceMinutes: 135, tasksDone: 2 });
    // An inactive volunteer gets no new tasks.
    await request(t.base).patch(`${api}/volunteers/me/${v.body.id}`).set(auth(resident)).send({ status: 'inactive' }).expect(200);
    await request(t.base).post(`${api}/volunteers/${v.body.id}/tasks`).set(auth(worker)).send({ title: 'x' }).expect(409);
    await request(t.base).patch(`${api}/volunteers/me/${v.body.id}`).set(auth(member)).send({ status: 'active' }).expect(404);
  });

  it('a schedule is changed (interval, next due) and stopped; bad input, other grids and stopped schedules change nothing', async () => {
    const list = await request(t.base).get(`${api}/care/schedules`).query({ personId: zhang }).set(auth(worker)).expect(200);
    const s = list.body.items[0];
    const due = new Date(Math.floor((Date.now() + 3 * DAY) / 1000) * 1000).toISOString(); // datetime keeps whole seconds on MariaDB
    const changed = await request(t.base).patch(`${api}/care/schedules/${s.id}`).set(auth(worker)).send({ intervalDays: 30, nextDueAt: due }).expect(200);
    expect(changed.body).toMatchObject({ id: s.id, personName: '张三', intervalDays: 30, nextDueAt: due, overdueDays: 0, active: true });
    const row = async () => (await t.ds.query('SELECT interval_days, active FROM care_schedule WHERE id = ?', [s.id]))[0];
    await request(t.base).patch(`${api}/care/schedules/${s.id}`).set(auth(worker)).send({ intervalDays: 0 }).expect(422);
    await request(t.base).patch(`${api}/care/schedules/${s.id}`).set(auth(worker)).send({ nextDueAt: 'tomorrow' }).expect(422);
    await request(t.base).patch(`${api}/care/schedules/${s.id}`).set(auth(worker)).send({}).expect(422);
    await request(t.base).patch(`${api}/care/schedules/${s.id}`).set(auth(outsider)).send({ intervalDays: 7 }).expect(404);
    await request(t.base).patch(`${api}/care/schedules/${s.id}`).set(auth(resident)).send({ intervalDays: 7 }).expect(404);
    expect(Number((await row()).interval_days)).toBe(30);
    // the overdue list no longer has 张三 (due in three days)
    const overdue = await request(t.base).get(`${api}/care/schedules`).query({ overdue: 'true' }).set(auth(worker)).expect(200);
    expect(overdue.body.items.map((x: { personName: string }) => x.personName)).not.toContain('张三');
    await request(t.base).post(`${api}/care/schedules/${s.id}/stop`).set(auth(worker)).expect(200);
    await request(t.base).patch(`${api}/care/schedules/${s.id}`).set(auth(worker)).send({ intervalDays: 7 }).expect(409);
    expect(Number((await row()).interval_days)).toBe(30);
    expect((await request(t.base).get(`${api}/care/schedules`).query({ personId: zhang }).set(auth(worker)).expect(200)).body.items).toEqual([]);
  });
});
