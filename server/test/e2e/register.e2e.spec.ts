import request from 'supertest';
import ExcelJS from 'exceljs';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { calc, CALC_MISSING, resaveInCalc } from '../helpers/spreadsheet.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';
import { makeImportXlsx, personRow } from '../helpers/xlsx.js';

const api = '/api/v1';
const MICRO_A = '510104001001001001';
const MICRO_A2 = '510104001001001002';
const MICRO_B = '510104002001001001';

/** Reads an .xlsx response body (supertest buffers it with this parser). */
if (!calc) console.warn(CALC_MISSING);

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function sheetRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

describe.each(testDbKinds())('household register over HTTP on %s', (kind) => {
  let t: TestApp;
  let worker: LoggedIn; // grid_worker over micro-grids A and A2
  let member: LoggedIn; // micro_member of A
  let outsider: LoggedIn; // grid_worker in another street
  let streetAdmin: LoggedIn;
  let communityAdmin: LoggedIn;
  let resident: LoggedIn;
  const auth = (u: LoggedIn) => ({ authorization: u.auth });
  const logRows = async (userId: number) => t.ds.query('SELECT action, target_type, target_id, allowed FROM reg_access_log WHERE user_id = ? ORDER BY id', [userId]);

  beforeAll(async () => {
    t = await bootTestApp(kind);
    await ensureNodes(t.ds, [MICRO_A, MICRO_A2, MICRO_B]);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104001001001' }] });
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: MICRO_A }] });
    outsider = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104002001001' }] });
    streetAdmin = await loginAs(t, { grants: [{ role: 'street_admin', nodeCode: '510104001' }] });
    communityAdmin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: '510104001001' }] });
    resident = await loginAs(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  let wangId: number;
  let liId: number;
  let householdId: number;

  it('serves the template and imports an .xlsx (multipart) all-or-nothing', async () => {
    const tpl = await request(t.base).get(`${api}/register/template`).set(auth(worker)).buffer(true).parse(binary).expect(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    expect((await sheetRows(tpl.body as Buffer))[0]).toContain('身份证号');
    await request(t.base).get(`${api}/register/template`).expect(401);

    const file = await makeImportXlsx([
      personRow({ gridCode: MICRO_A }),
      personRow({ gridCode: MICRO_A, name: '李芳', relation: '配偶', phone: '13900139000', idNumber: '510104198001010014', birthYear: '', tags: '' }),
      personRow({ gridCode: MICRO_A2, householdCode: 'H2', name: '张三', relation: '户主', phone: '13700137000', idNumber: '', birthYear: '1950', tags: '独居老人' }),
    ]);
    // A micro-grid member may not import; nothing is written.
    await request(t.base).post(`${api}/register/import`).set(auth(member)).attach('file', file, 'people.xlsx').expect(403);
    // Out-of-scope rows (a worker of street B) → 422 with the rows, nothing written.
    const oos = await request(t.base).post(`${api}/register/import`).set(auth(outsider)).attach('file', file, 'people.xlsx').expect(422);
    expect(oos.body.code).toBe('IMPORT_INVALID');
    expect(oos.body.details.errors[0]).toMatchObject({ row: 2, column: 'gridCode', problem: 'out_of_scope' });
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM reg_person'))[0].n)).toBe(0);

    const ok = await request(t.base).post(`${api}/register/import`).set(auth(worker)).attach('file', file, 'people.xlsx').expect(200);
    expect(ok.body).toEqual({ people: 3, households: 2, placesCreated: 2, placesReused: 0 });
    const [row] = await t.ds.query('SELECT id, household_id FROM reg_person WHERE name = ?', ['王小明']);
    wangId = Number(row.id);
    householdId = Number(row.household_id);
    liId = Number((await t.ds.query('SELECT id FROM reg_person WHERE name = ?', ['李芳']))[0].id);
  });

  it('a wrong file is a row-level 4xx and writes nothing', async () => {
    const before = Number((await t.ds.query('SELECT COUNT(*) AS n FROM reg_person'))[0].n);
    const wrongCols = await makeImportXlsx([personRow()], ['姓名', '电话']);
    const r1 = await request(t.base).post(`${api}/register/import`).set(auth(worker)).attach('file', wrongCols, 'x.xlsx').expect(422);
    expect(r1.body.details.errors[0].problem).toBe('wrong_columns');
    const bad = await makeImportXlsx([personRow({ gridCode: MICRO_A2, householdCode: 'H7', name: '赵六', relation: '户主', idNumber: '110105194912310021', phone: '' }), personRow({ gridCode: MICRO_A2, householdCode: 'H7', name: '赵七', relation: '子女', idNumber: '', phone: '', birthYear: '1789' })]);
    const r2 = await request(t.base).post(`${api}/register/import`).set(auth(worker)).attach('file', bad, 'x.xlsx').expect(422);
    expect(r2.body.details.errors.map((e: { row: number; problem: string }) => `${e.row}:${e.problem}`)).toEqual(['2:id_checksum', '3:impossible']);
    await request(t.base).post(`${api}/register/import`).set(auth(worker)).attach('file', Buffer.from('not a workbook'), 'x.xlsx').expect(422);
    await request(t.base).post(`${api}/register/import`).set(auth(worker)).send({ file: 'x' }).expect(415);
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM reg_person'))[0].n)).toBe(before);
  });

  it('creates places, households and people over HTTP, storing ID and phone only encrypted', async () => {
    const place = await request(t.base).post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: '书院街8号', building: '1栋', room: '101' }).expect(201);
    await request(t.base).post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: '书院街8号', building: '1栋', room: '101' }).expect(409);
    await request(t.base).post(`${api}/register/places`).set(auth(outsider)).send({ gridCode: MICRO_A, address: '书院街9号' }).expect(403);
    const hh = await request(t.base).post(`${api}/register/households`).set(auth(worker)).send({ placeId: place.body.id, code: 'S1' }).expect(201);
    const p = await request(t.base).post(`${api}/register/households/${hh.body.id}/people`).set(auth(worker)).send({ name: '陈老', relation: '户主', phone: '+86 135-0013-5000', idNumber: '510104195503010037', tags: ['独居老人'] }).expect(201);
    expect(p.body).toMatchObject({ name: '陈老', phone: '135****5000', idNumber: '5101**********0037', revealed: false, birthYear: 1955, gender: 'male', tags: ['独居老人'] });
    const raw = JSON.stringify(await t.ds.query('SELECT * FROM reg_person WHERE id = ?', [p.body.id]));
    expect(raw).not.toContain('13500135000');
    expect(raw).not.toContain('510104195503010037');
    expect(raw).not.toContain('19550301');
    // Bad input: checksum, impossible birth year, duplicate, unknown tag → 4xx, nothing written.
    const count = async () => Number((await t.ds.query('SELECT COUNT(*) AS n FROM reg_person WHERE household_id = ?', [hh.body.id]))[0].n);
    const bad1 = await request(t.base).post(`${api}/register/households/${hh.body.id}/people`).set(auth(worker)).send({ name: '错号', relation: '子女', idNumber: '510104195503010036' }).expect(422);
    expect(bad1.body.details.fields.idNumber).toMatch(/check character/);
    await request(t.base).post(`${api}/register/households/${hh.body.id}/people`).set(auth(worker)).send({ name: '未来', relation: '子女', birthYear: 2999 }).expect(422);
    await request(t.base).post(`${api}/register/households/${hh.body.id}/people`).set(auth(worker)).send({ name: '陈老二', relation: '子女', idNumber: '510104195503010037' }).expect(409);
    await request(t.base).post(`${api}/register/households/${hh.body.id}/people`).set(auth(worker)).send({ name: '陈老', relation: '子女', birthYear: 1955 }).expect(409);
    await request(t.base).post(`${api}/register/households/${hh.body.id}/people`).set(auth(worker)).send({ name: '标签', relation: '子女', tags: ['富豪'] }).expect(422);
    expect(await count()).toBe(1);
  });

  it('masks by role: members see masked numbers and cannot reveal; workers reveal and it is logged', async () => {
    const list = await request(t.base).get(`${api}/register/people`).query({ name: '王' }).set(auth(member)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: wangId, name: '王小明', phone: '138****8000', idNumber: '1101**********002X', revealed: false })]);
    const m = await request(t.base).get(`${api}/register/people/${wangId}`).set(auth(member)).expect(200);
    expect(m.body).toMatchObject({ phone: '138****8000', canReveal: false });
    await request(t.base).get(`${api}/register/people/${wangId}`).query({ reveal: 'true' }).set(auth(member)).expect(403);
    expect((await logRows(member.userId)).filter((r: { action: string }) => r.action.endsWith('read_full'))).toEqual([expect.objectContaining({ action: 'denied:person.read_full', target_id: wangId, allowed: expect.anything() })]);

    const w = await request(t.base).get(`${api}/register/people/${wangId}`).query({ reveal: 'true' }).set(auth(worker)).expect(200);
    expect(w.body).toMatchObject({ phone: '13800138000', idNumber: '11010519491231002X', revealed: true, canReveal: true });
    const rows = await logRows(worker.userId);
    expect(rows.filter((r: { action: string }) => r.action === 'person.read_full')).toEqual([expect.objectContaining({ target_type: 'person', target_id: wangId })]);
    // A masked read is not a full read: no row for it.
    await request(t.base).get(`${api}/register/people/${wangId}`).set(auth(worker)).expect(200);
    expect((await logRows(worker.userId)).filter((r: { action: string }) => r.action === 'person.read_full')).toHaveLength(1);
  });

  it('searches by phone, ID number and tag inside scope only; lookups are logged without the number', async () => {
    const byPhone = await request(t.base).get(`${api}/register/people`).query({ phone: '139 0013 9000' }).set(auth(worker)).expect(200);
    expect(byPhone.body.items.map((p: { id: number }) => p.id)).toEqual([liId]);
    const byId = await request(t.base).get(`${api}/register/people`).query({ idNumber: '11010519491231002x' }).set(auth(worker)).expect(200);
    expect(byId.body.items.map((p: { id: number }) => p.id)).toEqual([wangId]);
    const tag = await request(t.base).get(`${api}/register/people`).query({ tag: '独居老人', node: '510104001' }).set(auth(streetAdmin)).expect(200);
    expect(tag.body.items.map((p: { name: string }) => p.name).sort()).toEqual(['张三', '王小明', '陈老']);
    const lookups = await t.ds.query(`SELECT detail FROM reg_access_log WHERE user_id = ? AND action = 'person.lookup'`, [worker.userId]);
    expect(lookups).toHaveLength(2);
    expect(JSON.stringify(lookups)).not.toMatch(/139|1101/);
    // The outsider finds nothing by the same phone, and asking for a node outside scope is refused and logged.
    expect((await request(t.base).get(`${api}/register/people`).query({ phone: '13900139000' }).set(auth(outsider)).expect(200)).body.items).toEqual([]);
    await request(t.base).get(`${api}/register/people`).query({ node: '510104001' }).set(auth(outsider)).expect(403);
    await request(t.base).get(`${api}/register/people`).query({ phone: 'abc' }).set(auth(worker)).expect(422);
    await request(t.base).get(`${api}/register/people`).query({ cursor: 'garbage' }).set(auth(worker)).expect(422);
    await request(t.base).get(`${api}/register/people`).set(auth(resident)).expect(403);
  });

  it('any read outside scope is a 404 and an access-log row', async () => {
    await request(t.base).get(`${api}/register/people/${wangId}`).set(auth(outsider)).expect(404);
    await request(t.base).get(`${api}/register/households/${householdId}`).set(auth(outsider)).expect(404);
    await request(t.base).get(`${api}/register/people/999999`).set(auth(outsider)).expect(404);
    await request(t.base).patch(`${api}/register/people/${wangId}`).set(auth(outsider)).send({ version: 1, name: 'x' }).expect(404);
    const rows = await logRows(outsider.userId);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'denied:register.read', target_type: 'person', target_id: wangId }),
        expect.objectContaining({ action: 'denied:register.read', target_type: 'household', target_id: householdId }),
        expect.objectContaining({ action: 'denied:register.write', target_type: 'person', target_id: wangId }),
      ]),
    );
    expect(rows.filter((r: { action: string }) => r.action.startsWith('denied:')).every((r: { allowed: unknown }) => !Number(r.allowed))).toBe(true);
  });

  it('admins query the access log of their subtree; others cannot', async () => {
    const r = await request(t.base).get(`${api}/register/access-log`).query({ allowed: 'false' }).set(auth(communityAdmin)).expect(200);
    const users = new Set(r.body.items.map((i: { userId: number }) => i.userId));
    expect(users.has(outsider.userId)).toBe(true);
    expect(users.has(member.userId)).toBe(true);
    const full = await request(t.base).get(`${api}/register/access-log`).query({ action: 'person.read_full', targetId: wangId }).set(auth(communityAdmin)).expect(200);
    expect(full.body.items).toEqual([expect.objectContaining({ userId: worker.userId, targetType: 'person', targetId: wangId, allowed: true })]);
    await request(t.base).get(`${api}/register/access-log`).set(auth(worker)).expect(403);
    await request(t.base).get(`${api}/register/access-log`).set(auth(member)).expect(403);
  });

  it('export needs a street admin, carries full numbers, and is logged', async () => {
    await request(t.base).get(`${api}/register/export`).query({ node: '510104001' }).set(auth(worker)).expect(403);
    await request(t.base).get(`${api}/register/export`).query({ node: '510104001' }).set(auth(communityAdmin)).expect(403);
    expect(await logRows(worker.userId)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'denied:register.export', allowed: expect.anything() })]));
    const r = await request(t.base).get(`${api}/register/export`).query({ node: '510104001' }).set(auth(streetAdmin)).buffer(true).parse(binary).expect(200);
    const rows = await sheetRows(r.body as Buffer);
    expect(rows).toHaveLength(5);
    expect(rows.some((row) => row.includes('11010519491231002X') && row.includes('13800138000'))).toBe(true);
    expect(await logRows(streetAdmin.userId)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'register.export', target_type: 'grid' })]));
    await request(t.base).get(`${api}/register/export`).set(auth(streetAdmin)).expect(422);
  });

  it('residents claim their record (confirmed by a worker), see their household (own numbers in full, family masked) and correct it', async () => {
    await request(t.base).get(`${api}/register/mine`).set(auth(resident)).expect(200, []);
    await request(t.base).post(`${api}/register/mine/claim`).set(auth(resident)).send({ name: '王大明', idNumber: '11010519491231002X' }).expect(404);
    const claim = await request(t.base).post(`${api}/register/mine/claim`).set(auth(resident)).send({ name: '王小明', idNumber: '11010519491231002X' }).expect(200);
    expect(claim.body).toMatchObject({ state: 'pending' });
    await request(t.base).get(`${api}/register/mine`).set(auth(resident)).expect(200, []);
    await request(t.base).post(`${api}/register/claims/${claim.body.id}/confirm`).set(auth(worker)).expect(200);
    const mine = await request(t.base).get(`${api}/register/mine`).set(auth(resident)).expect(200);
    expect(mine.body).toHaveLength(1);
    const people = mine.body[0].household.people as { id: number; phone: string; isMe: boolean }[];
    expect(people.find((p) => p.isMe)).toMatchObject({ id: wangId, phone: '13800138000' });
    expect(people.find((p) => p.id === liId)).toMatchObject({ phone: '139****9000', isMe: false });
    const li = await request(t.base).get(`${api}/register/people/${liId}`).set(auth(worker)).expect(200);
    await request(t.base).patch(`${api}/register/mine/people/${liId}`).set(auth(resident)).send({ version: li.body.version ?? 1, phone: '13900000001' }).expect(200);
    await request(t.base).patch(`${api}/register/mine/people/${liId}`).set(auth(resident)).send({ version: 2, tags: ['低保'] }).expect(422);
    const zhang = Number((await t.ds.query('SELECT id FROM reg_person WHERE name = ?', ['张三']))[0].id);
    await request(t.base).patch(`${api}/register/mine/people/${zhang}`).set(auth(resident)).send({ version: 1, phone: '13900000002' }).expect(404);
    // Another user cannot claim the same record (register-claim e2e covers claims in full).
    const other = await loginAs(t);
    await request(t.base).post(`${api}/register/mine/claim`).set(auth(other)).send({ name: '王小明', idNumber: '11010519491231002X' }).expect(409);
    const acts = (await logRows(resident.userId)).map((r: { action: string }) => r.action);
    expect(acts).toEqual(expect.arrayContaining(['person.claim', 'household.read_own', 'person.self_correct', 'denied:person.self_correct']));
  });

  it('shows the household file with organizations and risk items', async () => {
    const placeId = Number((await t.ds.query('SELECT place_id FROM reg_household WHERE id = ?', [householdId]))[0].place_id);
    await request(t.base).post(`${api}/register/organizations`).set(auth(worker)).send({ placeId, name: '红星便利店', kind: 'shop' }).expect(201);
    const risk = await request(t.base).post(`${api}/register/risks`).set(auth(worker)).send({ placeId, householdId, kind: 'ebike_charging', note: '楼道充电' }).expect(201);
    await request(t.base).patch(`${api}/register/risks/${risk.body.id}`).set(auth(worker)).send({ version: 1, state: 'resolved' }).expect(200);
    await request(t.base).patch(`${api}/register/risks/${risk.body.id}`).set(auth(worker)).send({ version: 1, state: 'open' }).expect(409);
    await request(t.base).post(`${api}/register/risks`).set(auth(worker)).send({ placeId, kind: 'meteor' }).expect(422);
    const f = await request(t.base).get(`${api}/register/households/${householdId}`).set(auth(member)).expect(200);
    expect(f.body.household.people.map((p: { name: string }) => p.name)).toEqual(['王小明', '李芳']);
    expect(f.body.household.people[0]).toMatchObject({ phone: '138****8000', canReveal: false });
    expect(f.body.organizations).toEqual([expect.objectContaining({ name: '红星便利店', kind: 'shop' })]);
    expect(f.body.risks).toEqual([expect.objectContaining({ kind: 'ebike_charging', state: 'resolved' })]);
    expect(f.body.timeline[0]).toMatchObject({ kind: 'risk' });
  });

  (calc ? it : it.skip)('imports a sheet saved by LibreOffice Calc (its own XML layout, not exceljs’s)', async () => {
    const file = await makeImportXlsx([personRow({ gridCode: MICRO_A2, householdCode: 'H9', name: '钱七', relation: '户主', phone: '13600136000', idNumber: '', birthYear: '1960', tags: '' })]);
    const saved = await resaveInCalc(file);
    expect(saved.equals(file)).toBe(false);
    const r = await request(t.base).post(`${api}/register/import`).set(auth(worker)).attach('file', saved, 'calc.xlsx').expect(200);
    expect(r.body).toMatchObject({ people: 1, households: 1 });
    const [p] = await t.ds.query('SELECT birth_year FROM reg_person WHERE name = ?', ['钱七']);
    expect(Number(p.birth_year)).toBe(1960);
  });
});
