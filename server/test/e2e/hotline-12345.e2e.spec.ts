import request from 'supertest';
import sharp from 'sharp';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import type { Actor } from '../../src/common/actor.js';
import { importGrids } from '../../src/grids/import.js';
import { CallbackRelay, OPEN311_CALLBACK } from '../../src/open311/callbacks.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { UploadsService } from '../../src/uploads/uploads.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { Fake12345 } from '../helpers/fake-12345.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';
import { GEOREPORT, jsonProblems, xmlProblems } from '../helpers/georeport-schemas.js';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IN_A = { lat: 30.605, lng: 104.002 };

/** The built CLI, as an operator runs it against this test's database. */
function cli(dbUrl: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(serverDir, 'dist/cli/open311-clients.js'), ...args], { env: { PATH: process.env.PATH ?? '', DB_URL: dbUrl }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function until<T>(what: string, fn: () => T | Promise<T>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testDbKinds())('12345 work orders and status callbacks on %s', (kind) => {
  let t: TestApp;
  const hotline = new Fake12345();
  let worker: LoggedIn;
  let member: LoggedIn;
  let resident: LoggedIn;
  let apiKey: string;
  const api = () => request(t.base);
  const n = async (sql: string, p: unknown[] = []) => Number((await t.ds.query(sql, p))[0].n);
  const order = (body: Record<string, unknown>, sign: Parameters<Fake12345['sign']>[1] = {}) => {
    const raw = JSON.stringify(body);
    return api().post('/api/v1/open311/hotline/orders').set(hotline.sign(raw, sign)).send(raw);
  };
  async function step(who: LoggedIn, id: number, action: string, body: Record<string, unknown> = {}) {
    const cur = await api().get(`/api/v1/events/${id}`).set('authorization', who.auth).expect(200);
    const r = await api().post(`/api/v1/events/${id}/actions/${action}`).set('authorization', who.auth).send({ version: cur.body.version, ...body });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
  }

  beforeAll(async () => {
    await hotline.start();
    t = await bootTestApp(kind, {
      GRID_ROUTING_POLL_MS: '0',
      EVENT_SCAN_MS: '0',
      OUTBOX_POLL_MS: '50',
      OUTBOX_BACKOFF_MS: '200',
      OUTBOX_BACKOFF_MAX_MS: '600',
      OUTBOX_SEND_TIMEOUT_MS: '5000',
      OUTBOX_LEASE_MS: '40000',
      OPEN311_RELAY_MS: '100',
      PUBLIC_BASE_URL: 'https://grid.example.cn',
    });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    member = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.A }] });
    resident = await loginAs(t);
  });
  afterAll(async () => {
    await t?.close();
    await hotline.stop();
  });

  it('the command-line tool creates the hotline client (key and secret shown once), lists and audits it', () => {
    const made = cli(t.db.url, ['create', '--name', 'jj-12345', '--kind', 'hotline', '--node', FIXTURE.DISTRICT, '--label', '锦江区12345', '--callback', hotline.url, '--default-category', 'other', '--fallback-grid', FIXTURE.C, '--by', '值班员王']);
    expect({ code: made.code, err: made.err }).toEqual({ code: 0, err: '' });
    const c = JSON.parse(made.out);
    expect(c).toMatchObject({ name: 'jj-12345', kind: 'hotline', nodeCode: FIXTURE.DISTRICT, callbackUrl: hotline.url, callbackScope: 'own' });
    expect(c.apiKey).toMatch(/^wg311_/);
    expect(c.secret).toMatch(/^[0-9a-f]{64}$/);
    hotline.secret = c.secret;
    hotline.name = c.name;
    apiKey = c.apiKey;
    const list = cli(t.db.url, ['list']);
    expect(list.code).toBe(0);
    expect(list.out).not.toContain(c.apiKey);
    expect(list.out).not.toContain(c.secret);
    const audit = JSON.parse(cli(t.db.url, ['audit', 'jj-12345']).out);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', actorId: null, data: expect.objectContaining({ cli: '值班员王' }) })]);
    const bad = cli(t.db.url, ['create', '--name', 'X', '--kind', 'fax', '--node', FIXTURE.DISTRICT]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^open311-clients: .*name.*kind/s);
    expect(cli(t.db.url, ['revoke', 'nobody']).err).toMatch(/没有名称或编号为 nobody/);
  });

  it('files a signed work order once however often it is sent; bad signatures are 401; the caller’s contact is encrypted and shown to staff only', async () => {
    const body = { orderId: 'WO-20260115-0001', categoryHint: '道路设施', content: '红星路人行道塌陷，有人摔倒', location: IN_A, contact: { name: '李女士', phone: '13700137000' }, deadline: '2026-12-31T18:00:00+08:00' };
    const first = await order(body).expect(201);
    expect(first.body).toMatchObject({ orderId: body.orderId, state: 'reported', microGrid: { code: FIXTURE.A }, replayed: false });
    const again = await Promise.all(Array.from({ length: 5 }, () => order(body)));
    expect(new Set(again.map((r) => r.body.eventId))).toEqual(new Set([first.body.eventId]));
    expect(again.every((r) => r.status === 201 && r.body.replayed === true)).toBe(true);
    expect(await n("SELECT COUNT(*) AS n FROM event WHERE request_key LIKE 'h%:WO-20260115-0001'")).toBe(1);
    const [e] = await t.ds.query('SELECT category, source, description FROM event WHERE id = ?', [first.body.eventId]);
    expect(e).toMatchObject({ category: 'road', source: 'hotline', description: body.content });
    const [link] = await t.ds.query('SELECT contact, due_at FROM open311_request WHERE event_id = ?', [first.body.eventId]);
    expect(link.contact).not.toContain('13700137000');
    expect(link.contact).not.toContain('李');

    // The contact: staff who see the event, each reading audited; nobody else.
    const seen = await api().get(`/api/v1/open311/requests/${first.body.eventId}/contact`).set('authorization', worker.auth).expect(200);
    expect(seen.body).toEqual({ eventId: first.body.eventId, client: 'jj-12345', externalId: body.orderId, contact: { name: '李女士', phone: '13700137000' } });
    await api().get(`/api/v1/open311/requests/${first.body.eventId}/contact`).set('authorization', resident.auth).expect(404);
    expect(JSON.parse(cli(t.db.url, ['audit', 'jj-12345']).out).map((a: any) => a.action)).toEqual(['contact_read', 'create']);

    // The hotline follows its own case over GeoReport with its api key: its deadline is the expected time.
    const own = await api().get(`/open311/v2/requests/${first.body.eventId}.json`).query({ api_key: apiKey }).expect(200);
    expect(jsonProblems(GEOREPORT.requests, own.body)).toEqual([]);
    expect(own.body[0]).toMatchObject({ status: 'open', expected_datetime: '2026-12-31T18:00:00+08:00' });

    const before = await n('SELECT COUNT(*) AS n FROM event');
    const o2 = { ...body, orderId: 'WO-2' };
    expect((await order(o2, { secret: '00'.repeat(32) }).expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await order(o2, { ts: String(Math.floor(Date.now() / 1000) - 3600) }).expect(401)).body.message).toMatch(/timestamp/);
    await order(o2, { name: 'someone-else' }).expect(401);
    await api().post('/api/v1/open311/hotline/orders').send(o2).expect(401);
    expect((await order({ ...o2, content: '' }).expect(422)).body.details.fields.content).toBeDefined();
    expect((await order({ ...o2, location: undefined, address: undefined }).expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await order({ ...o2, deadline: '2026-02-30T18:00:00+08:00' }).expect(422)).body.details.fields.deadline).toBeDefined();
    expect((await order({ ...o2, location: { lat: 39.9, lng: 116.4 } }).expect(422)).body.code).toBe('LOCATION_OUT_OF_AREA');
    expect(await n('SELECT COUNT(*) AS n FROM event')).toBe(before);
    // An unknown hint files under the default category; an address alone goes to the fallback micro-grid.
    const addr = await order({ orderId: 'WO-3', categoryHint: '不存在的分类', content: '水井坊市场噪音', address: '水井坊市场' }).expect(201);
    expect(addr.body.microGrid.code).toBe(FIXTURE.C);
    expect((await t.ds.query('SELECT category FROM event WHERE id = ?', [addr.body.eventId]))[0].category).toBe('other');
  });

  it('posts every state change back, signed, exactly once — through the loop, while the hotline is down and after it comes back — with the outcome and photos', async () => {
    const filed = await order({ orderId: 'WO-LOOP', categoryHint: 'road', content: '井盖缺失', location: IN_A, contact: { phone: '13600136000' } }).expect(201);
    const id = filed.body.eventId as number;
    const sid = String(id);
    await step(worker, id, 'verify');
    await step(worker, id, 'dispatch', { assigneeId: member.userId });
    await step(member, id, 'claim');
    const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer();
    const photo = (await t.app.get(UploadsService).store({ userId: member.userId, grants: [] } as Actor, png)).id;
    await step(member, id, 'resolve', { note: '已补装井盖', photos: [photo] });
    const resolved = await until('the resolve callback', () => hotline.changesOf(sid).find((c) => c.change.to === 'resolved'));
    expect(resolved).toMatchObject({ external_id: 'WO-LOOP', status: 'closed', state: 'resolved', change: { action: 'resolve', from: 'in_progress', note: '已补装井盖' }, outcome: { action: 'resolve', note: '已补装井盖' } });
    expect(resolved.change.at).toMatch(/\+08:00$/);
    // The photo URL opens for the hotline without a login (signed for it), and only as given.
    const url = new URL(resolved.outcome.photos[0]);
    expect(url.origin).toBe('https://grid.example.cn');
    const img = await api().get(url.pathname + url.search).expect(200);
    expect(img.headers['content-type']).toMatch(/^image\//);
    await api().get(url.pathname + url.search.replace(/c=\d+/, 'c=999')).expect(404);
    await api().get(url.pathname).expect(404);

    // The hotline goes down; the case is closed meanwhile; its callback is retried, not lost.
    hotline.down = true;
    const downAt = hotline.refusedWhileDown;
    await step(worker, id, 'close');
    await until('retries while down', () => hotline.refusedWhileDown >= downAt + 2);
    const [row] = await t.ds.query(`SELECT status, attempts FROM outbox WHERE kind = '${OPEN311_CALLBACK}' AND payload LIKE ? AND status <> 'sent'`, [`%"eventId":${id}}%`]);
    expect(row).toBeDefined();
    expect(Number(row.attempts)).toBeGreaterThanOrEqual(2);
    expect(hotline.changesOf(sid).some((c) => c.change.to === 'closed')).toBe(false);
    hotline.down = false;
    const closed = await until('the close callback after coming back', () => hotline.changesOf(sid).find((c) => c.change.to === 'closed'), 20_000);
    expect(closed).toMatchObject({ status: 'closed', state: 'closed', outcome: { action: 'resolve', note: '已补装井盖' } });

    // Every change once: report, verify, dispatch, claim, resolve, close — in sequence, no duplicate delivery.
    const changes = hotline.changesOf(sid);
    expect(changes.map((c) => `${c.change.from}→${c.change.to}`)).toEqual(['null→reported', 'reported→accepted', 'accepted→dispatched', 'dispatched→in_progress', 'in_progress→resolved', 'resolved→closed']);
    expect(hotline.badSignatures).toBe(0);
    // Each change was queued once; a delivery can only arrive twice when its send was retried
    // (e.g. the answer came after the send timeout), never because a change was queued twice.
    const rows: { attempts: unknown }[] = await t.ds.query(`SELECT attempts FROM outbox WHERE kind = '${OPEN311_CALLBACK}' AND payload LIKE ?`, [`%"eventId":${id}}%`]);
    expect(hotline.duplicates.filter((d) => d.body.service_request_id === sid).length).toBeLessThanOrEqual(rows.reduce((s, r) => s + Number(r.attempts) - 1, 0));
    // More relays (as several instances would run) queue nothing twice.
    const relay = t.app.get(CallbackRelay);
    await Promise.all([relay.relay(), relay.relay(), relay.relay()]);
    expect(await n(`SELECT COUNT(*) AS n FROM outbox WHERE kind = '${OPEN311_CALLBACK}' AND payload LIKE ?`, [`%"eventId":${id}}%`])).toBe(6);
    expect(await n('SELECT COUNT(*) AS n FROM open311_callback WHERE event_id = ?', [id])).toBe(6);

    // The GeoReport view of the closed case agrees, in JSON and XML.
    const x = await api().get(`/open311/v2/requests/${sid}.xml`).query({ api_key: apiKey }).expect(200);
    const xv = xmlProblems(GEOREPORT.requests, x.text);
    expect(xv.problems).toEqual([]);
    expect(xv.records[0]).toMatchObject({ status: 'closed', status_notes: '已结案：已补装井盖', expected_datetime: '' });
  });

  it('a hotline that refuses a callback for good gets it dead-lettered; a revoked one gets nothing and may not file', async () => {
    const filed = await order({ orderId: 'WO-DEAD', categoryHint: 'road', content: '路灯不亮', location: IN_A }).expect(201);
    const id = filed.body.eventId as number;
    await until('the report callback', () => hotline.changesOf(String(id)).length === 1);
    hotline.refuse = true;
    await step(worker, id, 'verify');
    const dead = await until('a dead letter', async () => (await t.ds.query(`SELECT status, last_error FROM outbox WHERE kind = '${OPEN311_CALLBACK}' AND status = 'dead' AND payload LIKE ?`, [`%"eventId":${id}}%`]))[0]);
    expect(String(dead.last_error)).toMatch(/410/);
    hotline.refuse = false;

    expect(cli(t.db.url, ['revoke', 'jj-12345']).code).toBe(0);
    await order({ orderId: 'WO-AFTER', content: '无效', location: IN_A }).expect(401);
    await step(worker, id, 'dispatch', { assigneeId: member.userId });
    // A revoked client no longer subscribes: the dispatch queues nothing for it (report and verify only).
    await new Promise((r) => setTimeout(r, 1000));
    await t.app.get(CallbackRelay).relay();
    expect(await n(`SELECT COUNT(*) AS n FROM outbox WHERE kind = '${OPEN311_CALLBACK}' AND payload LIKE ?`, [`%"eventId":${id}}%`])).toBe(2);
    await api().get(`/open311/v2/requests/${id}.json`).query({ api_key: apiKey }).expect(403);
  });
});
