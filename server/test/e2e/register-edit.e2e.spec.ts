import request from 'supertest';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';

const api = '/api/v1';
const MICRO_A = '510104001001001001';
const MICRO_B = '510104002001001001';

/** Editing places and organizations: scope first, a stale version is 409, bad input 422, nothing changed on a refusal. */
describe.each(testDbKinds())('register: editing places and organizations over HTTP on %s', (kind) => {
  let t: TestApp;
  let worker: LoggedIn; // grid_worker over micro-grid A
  let outsider: LoggedIn; // grid_worker in another street
  let member: LoggedIn; // micro_member of A (reads, does not write)
  let admin: LoggedIn;
  const auth = (u: LoggedIn) => ({ authorization: u.auth });
  const placeRow = async (id: number) => (await t.ds.query('SELECT address, building, unit, room, lng, lat FROM reg_place WHERE id = ?', [id]))[0];
  const orgRow = async (id: number) => (await t.ds.query('SELECT name, kind, credit_code, contact_name, contact_phone FROM reg_organization WHERE id = ?', [id]))[0];

  beforeAll(async () => {
    t = await bootTestApp(kind);
    await ensureNodes(t.ds, [MICRO_A, MICRO_B]);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104001001001' }] });
    outsider = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104002001001' }] });
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: MICRO_A }] });
    admin = await loginAs(t, { grants: [{ role: 'district_admin', nodeCode: '510104' }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('corrects a place’s address and point with its version; a stale copy, a taken address and bad input change nothing', async () => {
    const p = (await request(t.base).post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: '书院街 8 号', building: '1', room: '101' }).expect(201)).body;
    await request(t.base).post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: '书院街 10 号' }).expect(201);
    expect(p.version).toEqual(expect.any(Number));
    const e1 = await request(t.base).patch(`${api}/register/places/${p.id}`).set(auth(worker)).send({ version: p.version, address: ' 书院街 9 号 ', room: '102', lng: 104.08, lat: 30.65 }).expect(200);
    expect(e1.body).toMatchObject({ id: p.id, gridCode: MICRO_A, address: '书院街 9 号', building: '1', room: '102', lng: 104.08, lat: 30.65 });
    expect(e1.body.version).toBeGreaterThan(p.version);
    // the copy read before the edit is stale, even within the same second
    await request(t.base).patch(`${api}/register/places/${p.id}`).set(auth(worker)).send({ version: p.version, address: '书院街 7 号' }).expect(409);
    // the same address, building, unit and room as another place of the micro-grid
    const taken = await request(t.base).patch(`${api}/register/places/${p.id}`).set(auth(worker)).send({ version: e1.body.version, address: '书院街 10 号', building: '', room: '' }).expect(409);
    expect(taken.body).toMatchObject({ code: 'DUPLICATE', details: { fields: { address: expect.any(String) } } });
    for (const bad of [{ address: '' }, { address: '  ' }, { address: null }, { building: 'x'.repeat(21) }, { lng: 200, lat: 30 }, { lng: 104.1 }, { lng: null, lat: 30.6 }, { room: 5 }]) {
      const r = await request(t.base).patch(`${api}/register/places/${p.id}`).set(auth(worker)).send({ version: e1.body.version, ...bad });
      expect([r.status, bad]).toEqual([422, bad]);
    }
    await request(t.base).patch(`${api}/register/places/${p.id}`).set(auth(worker)).send({ address: '无版本' }).expect(422);
    expect(await placeRow(p.id)).toMatchObject({ address: '书院街 9 号', building: '1', room: '102', lng: 104.08, lat: 30.65 });
    // clearing the point
    const cur = (await request(t.base).get(`${api}/register/places`).query({ node: MICRO_A }).set(auth(worker)).expect(200)).body.items.find((x: { id: number }) => x.id === p.id);
    const e2 = await request(t.base).patch(`${api}/register/places/${p.id}`).set(auth(worker)).send({ version: cur.version, lng: null, lat: null }).expect(200);
    expect(e2.body).toMatchObject({ lng: null, lat: null, address: '书院街 9 号' });
  });

  it('a place outside the scope or for a role that only reads is refused and logged; unknown ids are 404', async () => {
    const p = (await request(t.base).post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: '锦华路 1 号' }).expect(201)).body;
    await request(t.base).patch(`${api}/register/places/${p.id}`).set(auth(outsider)).send({ version: p.version, address: '别处' }).expect(404);
    await request(t.base).patch(`${api}/register/places/${p.id}`).set(auth(member)).send({ version: p.version, address: '别处' }).expect(404);
    await request(t.base).patch(`${api}/register/places/999999`).set(auth(worker)).send({ version: 1, address: '别处' }).expect(404);
    expect((await placeRow(p.id)).address).toBe('锦华路 1 号');
    const log = await request(t.base).get(`${api}/register/access-log`).query({ userId: outsider.userId, targetType: 'place', targetId: p.id }).set(auth(admin)).expect(200);
    expect(log.body.items).toEqual([expect.objectContaining({ action: 'denied:register.write', allowed: false })]);
  });

  it('edits an organization (null clears a contact), a stale version is 409, bad input 422; removes it; the household file follows', async () => {
    const p = (await request(t.base).post(`${api}/register/places`).set(auth(worker)).send({ gridCode: MICRO_A, address: '红星路 3 号' }).expect(201)).body;
    const h = (await request(t.base).post(`${api}/register/households`).set(auth(worker)).send({ placeId: p.id }).expect(201)).body;
    const o = (await request(t.base).post(`${api}/register/organizations`).set(auth(worker)).send({ placeId: p.id, name: '红星便利店', kind: 'shop', contactName: '王老板', contactPhone: '13800138000' }).expect(201)).body;
    const e1 = await request(t.base).patch(`${api}/register/organizations/${o.id}`).set(auth(worker)).send({ version: o.version, name: '红星超市', kind: 'company', creditCode: '91510104MA61234567', contactName: null }).expect(200);
    expect(e1.body).toMatchObject({ id: o.id, placeId: p.id, name: '红星超市', kind: 'company', creditCode: '91510104MA61234567', contactPhone: '13800138000' });
    expect(e1.body.contactName).toBeUndefined();
    await request(t.base).patch(`${api}/register/organizations/${o.id}`).set(auth(worker)).send({ version: o.version, name: '过期的改动' }).expect(409);
    for (const bad of [{ name: '' }, { name: null }, { kind: 'bank' }, { kind: null }, { creditCode: 'ABC' }, { contactPhone: '电话' }, { contactName: 'x'.repeat(51) }]) {
      await request(t.base).patch(`${api}/register/organizations/${o.id}`).set(auth(worker)).send({ version: e1.body.version, ...bad }).expect(422);
    }
    await request(t.base).patch(`${api}/register/organizations/${o.id}`).set(auth(worker)).send({ name: '无版本' }).expect(422);
    await request(t.base).patch(`${api}/register/organizations/${o.id}`).set(auth(outsider)).send({ version: e1.body.version, name: '别人的' }).expect(404);
    await request(t.base).patch(`${api}/register/organizations/${o.id}`).set(auth(member)).send({ version: e1.body.version, name: '别人的' }).expect(404);
    expect(await orgRow(o.id)).toMatchObject({ name: '红星超市', kind: 'company', contact_name: null, contact_phone: '13800138000' });
    const file = await request(t.base).get(`${api}/register/households/${h.id}`).set(auth(worker)).expect(200);
    expect(file.body.organizations).toEqual([expect.objectContaining({ id: o.id, name: '红星超市', version: e1.body.version })]);

    await request(t.base).delete(`${api}/register/organizations/${o.id}`).set(auth(outsider)).expect(404);
    await request(t.base).delete(`${api}/register/organizations/${o.id}`).set(auth(member)).expect(404);
    expect(await orgRow(o.id)).toBeDefined();
    await request(t.base).delete(`${api}/register/organizations/${o.id}`).set(auth(worker)).expect(204);
    await request(t.base).delete(`${api}/register/organizations/${o.id}`).set(auth(worker)).expect(404);
    expect(await orgRow(o.id)).toBeUndefined();
    expect((await request(t.base).get(`${api}/register/households/${h.id}`).set(auth(worker)).expect(200)).body.organizations).toEqual([]);
    const log = await request(t.base).get(`${api}/register/access-log`).query({ userId: outsider.userId, targetType: 'organization', targetId: o.id }).set(auth(admin)).expect(200);
    expect(log.body.items.map((r: { action: string }) => r.action)).toEqual(['denied:register.write', 'denied:register.write']);
  });
});
