import request from 'supertest';
import sharp from 'sharp';
import { randomUUID } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import type { Actor } from '../../src/common/actor.js';
import { User } from '../../src/accounts/user.entity.js';
import { importGrids } from '../../src/grids/import.js';
import { fromGcj02 } from '../../src/geo/crs.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { UploadsService } from '../../src/uploads/uploads.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

const IN_A = { lat: 30.605, lng: 104.005 };

/**
 * Issue 16 item 2, reproduced: a stranger who may not see an event said "me too" from anywhere
 * and then read everything about it. Now "me too" needs the supporter's own location within the
 * nearby radius, and a supporter reads only the public view.
 */
describe.each(testDbKinds())('"me too" from nearby only, and a supporter sees the public view, on %s', (kind) => {
  let t: TestApp;
  let reporter: LoggedIn;
  let worker: LoggedIn;
  let stranger: LoggedIn;
  let eventId: number;
  let photoId: string;
  /** Strings only the reporter and staff may see. */
  const secrets = { reporterName: '上报人张三', reporterPhone: '13912345678', address: '锦华苑3栋2单元楼下', workerName: '网格员李四', note: '已联系物业王经理13800001111', description: '楼道里堆满了杂物' };

  const api = () => request(t.base);
  const support = (who: LoggedIn, body?: object) => api().post(`/api/v1/events/${eventId}/supporters`).set('authorization', who.auth).send(body);
  const state = async () => {
    const [e] = await t.ds.query('SELECT supporters, version FROM event WHERE id = ?', [eventId]);
    const [s] = await t.ds.query('SELECT COUNT(*) AS n FROM event_supporter WHERE event_id = ?', [eventId]);
    const [o] = await t.ds.query('SELECT COUNT(*) AS n FROM outbox');
    return { supporters: Number(e.supporters), version: Number(e.version), rows: Number(s.n), outbox: Number(o.n) };
  };

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    reporter = await loginAs(t);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    stranger = await loginAs(t);
    await t.ds.getRepository(User).update({ id: reporter.userId }, { name: secrets.reporterName, phone: secrets.reporterPhone });
    await t.ds.getRepository(User).update({ id: worker.userId }, { name: secrets.workerName });
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60, b: 60 } } }).png().toBuffer();
    photoId = (await t.app.get(UploadsService).store({ userId: reporter.userId } as Actor, png)).id;
    const r = await api().post('/api/v1/events').set('authorization', reporter.auth).send({ requestId: randomUUID(), category: 'sanitation', description: secrets.description, location: IN_A, address: secrets.address, photos: [photoId] }).expect(201);
    eventId = r.body.id;
    await api().post(`/api/v1/events/${eventId}/actions/verify`).set('authorization', worker.auth).send({ version: 1, note: secrets.note }).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a stranger gets 404; "me too" from far away or without a location is 422 and changes nothing; from nearby it counts', async () => {
    await api().get(`/api/v1/events/${eventId}`).set('authorization', stranger.auth).expect(404);
    const before = await state();

    // About 1.1 km north: farther than the nearby radius.
    const far = await support(stranger, { location: { lat: IN_A.lat + 0.01, lng: IN_A.lng, crs: 'gcj02' } }).expect(422);
    expect(far.body.code).toBe('SUPPORT_TOO_FAR');
    expect(far.body.message).toMatch(/附近/);
    expect(JSON.stringify(far.body)).not.toContain(secrets.address);
    // No location at all, or a broken one.
    expect((await support(stranger).expect(422)).body.details.fields).toHaveProperty(['location']);
    await support(stranger, { location: { lat: 'x', lng: IN_A.lng } }).expect(422);
    // The CRS is explicit: the same place as a browser's WGS-84 fix, labelled GCJ-02, is ~500 m off.
    const [wLng, wLat] = fromGcj02(IN_A.lng, IN_A.lat + 0.0005, 'wgs84');
    expect((await support(stranger, { location: { lat: wLat, lng: wLng, crs: 'gcj02' } }).expect(422)).body.code).toBe('SUPPORT_TOO_FAR');
    expect(await state()).toEqual(before);
    await api().get(`/api/v1/events/${eventId}`).set('authorization', stranger.auth).expect(404);

    // From about 55 m away, in WGS-84 as a browser gives it, converted by the server: accepted.
    expect((await support(stranger, { location: { lat: wLat, lng: wLng, crs: 'wgs84' } }).expect(200)).body).toEqual({ supporters: 1, supportedByMe: true });
    expect(await state()).toMatchObject({ supporters: 1, rows: 1, outbox: before.outbox + 1, version: before.version });
  });

  it('a supporter reads only the public view: category, state, micro-grid, own support, progress', async () => {
    const r = await api().get(`/api/v1/events/${eventId}`).set('authorization', stranger.auth).expect(200);
    expect(r.body).toEqual({
      view: 'public',
      id: eventId,
      category: 'sanitation',
      state: 'accepted',
      microGrid: { code: FIXTURE.A, name: '一号微网格' },
      createdAt: expect.any(String),
      supporters: 1,
      supportedByMe: true,
      supportedAt: expect.any(String),
      progress: [
        { at: expect.any(String), state: 'reported' },
        { at: expect.any(String), state: 'accepted' },
      ],
      // The version and actions are for 重新打开 (a supporter's only action, once closed); nothing while it is open.
      version: 2,
      actions: [],
      mergedInto: null,
    });
    const text = JSON.stringify(r.body);
    for (const s of [...Object.values(secrets), photoId, String(IN_A.lat), String(IN_A.lng)]) expect(text).not.toContain(s);
    // The reporter and the worker still get the full detail.
    expect((await api().get(`/api/v1/events/${eventId}`).set('authorization', reporter.auth).expect(200)).body).toMatchObject({ view: 'full', address: secrets.address });
    const staff = (await api().get(`/api/v1/events/${eventId}`).set('authorization', worker.auth).expect(200)).body;
    expect(staff).toMatchObject({ view: 'full', address: secrets.address, reporter: { id: reporter.userId } });
    expect(staff.timeline.map((x: { note: string | null }) => x.note)).toContain(secrets.note);
  });

  it('support widens nothing else: photos, actions and lists stay closed to the supporter', async () => {
    await api().get(`/api/v1/uploads/${photoId}`).set('authorization', stranger.auth).expect(404);
    await api().get(`/api/v1/uploads/${photoId}/thumb`).set('authorization', stranger.auth).expect(404);
    await api().post(`/api/v1/events/${eventId}/actions/claim`).set('authorization', stranger.auth).send({ version: 2 }).expect(404);
    const mine = await api().get('/api/v1/events').query({ scope: 'my' }).set('authorization', stranger.auth).expect(200);
    expect(mine.body.items).toEqual([]);
    // Once the event is closed it can no longer be supported by anyone else either.
    const late = await loginAs(t);
    await t.ds.query("UPDATE event SET state = 'closed' WHERE id = ?", [eventId]);
    expect((await support(late, { location: IN_A }).expect(409)).body.code).toBe('INVALID_TRANSITION');
    // A held event is invisible: 404 whatever the distance.
    await t.ds.query("UPDATE event SET state = 'accepted', held = ? WHERE id = ?", [true, eventId]);
    await support(late, { location: IN_A }).expect(404);
    await api().get(`/api/v1/events/${eventId}`).set('authorization', stranger.auth).expect(404);
  });
});
