import request from 'supertest';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { fromGcj02 } from '../../src/geo/crs.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';
import { GEOREPORT, jsonProblems, W3C_DATETIME, xmlProblems } from '../helpers/georeport-schemas.js';

/** A point inside micro-grid A, in GCJ-02 (the stored CRS) and as a GPS (WGS-84) client sends it. */
const A_GCJ = { lat: 30.605, lng: 104.002 };
const [A_WGS_LNG, A_WGS_LAT] = fromGcj02(A_GCJ.lng, A_GCJ.lat, 'wgs84');

type Answer = keyof typeof GEOREPORT;

describe.each(testDbKinds())('Open311 GeoReport v2 on %s', (kind) => {
  let t: TestApp;
  let city: LoggedIn;
  let district: LoggedIn;
  let worker: LoggedIn;
  let appKey: string;
  let appId: number;
  let otherKey: string;
  const api = () => request(t.base);
  const n = async (sql: string, p: unknown[] = []) => Number((await t.ds.query(sql, p))[0].n);

  /** GET in both formats; each answer validated against its schema; the JSON body returned. */
  async function both(path: string, answer: Answer, status = 200, query: Record<string, string> = {}): Promise<any> {
    const j = await api().get(`/open311/v2/${path}.json`).query(query);
    const x = await api().get(`/open311/v2/${path}.xml`).query(query);
    expect([j.status, x.status]).toEqual([status, status]);
    expect(j.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
    expect(x.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
    expect(jsonProblems(GEOREPORT[answer], j.body)).toEqual([]);
    const xv = xmlProblems(GEOREPORT[answer], x.text);
    expect(xv.problems).toEqual([]);
    // The two formats say the same thing.
    if (Array.isArray(j.body)) expect(xv.records.map((r) => r.service_request_id ?? r.service_code ?? r.code)).toEqual(j.body.map((r: any) => String(r.service_request_id ?? r.service_code ?? r.code)));
    return j.body;
  }

  /** A form-encoded POST requests.{fmt}; the answer validated (created or errors). */
  async function post(fields: Record<string, string | string[]>, format: 'json' | 'xml' = 'json') {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
    const r = await api().post(`/open311/v2/requests.${format}`).type('form').send(form.toString());
    const answer: Answer = r.status === 200 ? 'created' : 'errors';
    if (format === 'json') expect(jsonProblems(GEOREPORT[answer], r.body)).toEqual([]);
    else expect(xmlProblems(GEOREPORT[answer], r.text).problems).toEqual([]);
    if (answer === 'errors') {
      const code = format === 'json' ? r.body[0].code : Number(xmlProblems(GEOREPORT.errors, r.text).records[0]!.code);
      expect(code).toBe(r.status);
    }
    return r;
  }

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off', OPEN311_RELAY_MS: '0', PUBLIC_BASE_URL: 'https://grid.example.cn' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    city = await loginAs(t, { grants: [{ role: 'city_admin', nodeCode: FIXTURE.CITY }] });
    district = await loginAs(t, { grants: [{ role: 'district_admin', nodeCode: FIXTURE.DISTRICT }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    const app = await api().post('/api/v1/open311/clients').set('authorization', city.auth).send({ name: 'city-app', label: '城市随手拍', kind: 'open311', nodeCode: FIXTURE.STREET, fallbackGridCode: FIXTURE.C }).expect(201);
    appKey = app.body.apiKey;
    appId = app.body.id;
    // A client scoped to micro-grid B only: it may not file in A.
    const other = await api().post('/api/v1/open311/clients').set('authorization', city.auth).send({ name: 'b-only', kind: 'open311', nodeCode: FIXTURE.B }).expect(201);
    otherKey = other.body.apiKey;
    await api()
      .put('/api/v1/open311/services/road/attributes')
      .set('authorization', district.auth)
      .send({
        attributes: [
          { code: 'size', datatype: 'singlevaluelist', required: true, description: '坑有多大？', values: [{ key: 'small', name: '小于一米' }, { key: 'large', name: '一米以上' }] },
          { code: 'lanes', datatype: 'multivaluelist', description: '占了哪些车道？', values: [{ key: 'bike', name: '非机动车道' }, { key: 'car', name: '机动车道' }] },
          { code: 'depth', datatype: 'number', description: '深度（厘米）' },
          { code: 'seen', datatype: 'datetime', description: '什么时候发现的？' },
          { code: 'note', datatype: 'text', variable: false, description: '紧急险情请拨打 12345' },
        ],
      })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists services and definitions in JSON and XML, metadata true where there are questions', async () => {
    const services = await both('services', 'services');
    expect(services.map((s: any) => s.service_code)).toEqual(expect.arrayContaining(['road', 'sanitation']));
    expect(services.find((s: any) => s.service_code === 'road')).toMatchObject({ metadata: true, type: 'realtime', service_name: DEFAULT_CATEGORIES.find((c) => c.code === 'road')!.name });
    expect(services.find((s: any) => s.service_code === 'sanitation').metadata).toBe(false);
    const def = await both('services/road', 'definition');
    expect(def.attributes.map((a: any) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['size', 'singlevaluelist', true, 1],
      ['lanes', 'multivaluelist', false, 2],
      ['depth', 'number', false, 3],
      ['seen', 'datetime', false, 4],
      ['note', 'text', false, 5],
    ]);
    expect(def.attributes[0].values).toEqual([{ key: 'small', name: '小于一米' }, { key: 'large', name: '一米以上' }]);
    expect((await both('services/sanitation', 'definition')).attributes).toEqual([]);
    const missing = await both('services/no_such', 'errors', 404);
    expect(missing[0].code).toBe(404);
    // No format suffix: not a GeoReport resource.
    await api().get('/open311/v2/services/road').expect(404);
    // Only admins who set categories set the questions.
    await api().put('/api/v1/open311/services/road/attributes').set('authorization', worker.auth).send({ attributes: [] }).expect(403);
  });

  it('files a form-encoded request: WGS-84 converted, routed to its micro-grid, attributes checked, requester encrypted', async () => {
    const r = await post({
      api_key: appKey,
      service_code: 'road',
      lat: String(A_WGS_LAT),
      long: String(A_WGS_LNG),
      description: '人行道塌陷',
      'attribute[size]': 'large',
      'attribute[lanes][]': ['bike', 'car'],
      'attribute[seen]': '2026-01-15T08:30:00+08:00',
      email: 'zhang@example.cn',
      phone: '13800138000',
      first_name: '三',
      last_name: '张',
      media_url: 'https://img.example.cn/a.jpg',
    });
    expect(r.status).toBe(200);
    const id = Number(r.body[0].service_request_id);
    expect(r.body[0].token).toMatch(/^t[0-9a-f]{24}$/);
    const [e] = await t.ds.query('SELECT lat, lng, node_path, source, state FROM event WHERE id = ?', [id]);
    expect(e.node_path).toContain(FIXTURE.A);
    expect(e.source).toBe('open311');
    // Stored in GCJ-02: the WGS-84 fix converted back to where it was.
    expect(Number(e.lat)).toBeCloseTo(A_GCJ.lat, 5);
    expect(Number(e.lng)).toBeCloseTo(A_GCJ.lng, 5);
    const [link] = await t.ds.query('SELECT attributes, contact, media_url FROM open311_request WHERE event_id = ?', [id]);
    expect(JSON.parse(link.attributes)).toEqual({ size: 'large', lanes: ['bike', 'car'], seen: '2026-01-15T08:30:00+08:00' });
    expect(link.contact).toMatch(/^v2\./);
    expect(link.contact).not.toContain('13800138000');

    // XML answers the same way, and the token finds the request.
    const x = await post({ api_key: appKey, service_code: 'sanitation', lat: String(A_WGS_LAT), long: String(A_WGS_LNG), description: '垃圾桶满了' }, 'xml');
    expect(x.status).toBe(200);
    const rec = xmlProblems(GEOREPORT.created, x.text).records[0]!;
    const tok = await both(`tokens/${rec.token}`, 'token');
    expect(tok).toEqual([{ service_request_id: rec.service_request_id, token: rec.token }]);
    await both('tokens/t000000000000000000000000', 'errors', 404);
  });

  it('answers bad requests with the specification’s error list and the right status, writing nothing', async () => {
    const before = await n('SELECT COUNT(*) AS n FROM event');
    const base = { api_key: appKey, service_code: 'road', lat: String(A_WGS_LAT), long: String(A_WGS_LNG), 'attribute[size]': 'small' };
    const cases: [Record<string, string | string[]>, number, RegExp][] = [
      [{ ...base, api_key: '' }, 403, /api_key/],
      [{ ...base, api_key: 'wg311_nope' }, 403, /api_key/],
      [{ ...base, service_code: 'no_such' }, 404, /service_code/],
      [{ ...base, service_code: '' }, 400, /service_code/],
      [{ api_key: appKey, service_code: 'road', 'attribute[size]': 'small' }, 400, /lat/],
      [{ ...base, lat: 'north' }, 400, /lat/],
      [{ ...base, long: '200' }, 400, /long/],
      [{ ...base, lat: '39.9', long: '116.4' }, 400, /outside/],
      [{ ...base, 'attribute[size]': 'huge' }, 400, /attribute\[size\]/],
      [{ api_key: appKey, service_code: 'road', lat: String(A_WGS_LAT), long: String(A_WGS_LNG) }, 400, /attribute\[size\].*required|required/],
      [{ ...base, 'attribute[depth]': 'deep' }, 400, /number/],
      [{ ...base, 'attribute[seen]': '2026-02-30T08:00:00+08:00' }, 400, /W3C/],
      [{ ...base, 'attribute[note]': 'x' }, 400, /no such attribute/],
      [{ ...base, 'attribute[unknown]': 'x' }, 400, /no such attribute/],
      [{ ...base, media_url: 'javascript:alert(1)' }, 400, /media_url/],
      [{ ...base, description: 'x'.repeat(1001) }, 400, /description/],
      [{ ...base, service_code: ['road', 'sanitation'] }, 400, /once/],
      // Scoped to micro-grid B: a point in A is outside what this key may file.
      [{ ...base, api_key: otherKey }, 403, /outside/],
      // Address only: this key has no micro-grid for such requests.
      [{ api_key: otherKey, service_code: 'sanitation', address_string: '春熙路1号' }, 400, /lat/],
    ];
    for (const [fields, status, msg] of cases) {
      for (const format of ['json', 'xml'] as const) {
        const r = await post(fields, format);
        expect([JSON.stringify(fields).slice(0, 80), r.status]).toEqual([JSON.stringify(fields).slice(0, 80), status]);
        const description = format === 'json' ? r.body[0].description : xmlProblems(GEOREPORT.errors, r.text).records[0]!.description;
        expect(description).toMatch(msg);
      }
    }
    // A JSON body is not what the specification sends, but it is refused cleanly too.
    const j = await api().post('/open311/v2/requests.json').send({ api_key: appKey, service_code: 'road' });
    expect(j.status).toBe(400);
    expect(jsonProblems(GEOREPORT.errors, j.body)).toEqual([]);
    expect(await n('SELECT COUNT(*) AS n FROM event')).toBe(before);
  });

  it('takes an address without a point to the client’s fallback micro-grid', async () => {
    const r = await post({ api_key: appKey, service_code: 'sanitation', address_string: '水井坊市场东门', description: '市场门口垃圾堆积' });
    expect(r.status).toBe(200);
    const [e] = await t.ds.query('SELECT node_path, address, lat FROM event WHERE id = ?', [Number(r.body[0].service_request_id)]);
    expect(e.node_path).toContain(FIXTURE.C);
    expect(e.address).toBe('水井坊市场东门');
    expect(e.lat).toBeNull();
  });

  it('GET requests: the public sees no reporter, no address, a coarse point, no held case; the filing client sees its own in full', async () => {
    const r = await post({ api_key: appKey, service_code: 'road', lat: String(A_WGS_LAT), long: String(A_WGS_LNG), description: '井盖松动', address_string: '红星路二段 8 号', 'attribute[size]': 'small', phone: '13900139000', media_url: 'https://img.example.cn/b.jpg' });
    const id = r.body[0].service_request_id as string;
    const pub = (await both(`requests/${id}`, 'requests'))[0];
    expect(pub).toMatchObject({ service_request_id: id, status: 'open', service_code: 'road', description: '井盖松动', address: null, media_url: null, agency_responsible: '一号微网格', status_notes: '待核实' });
    expect(pub.requested_datetime).toMatch(W3C_DATETIME);
    expect(pub.requested_datetime).toMatch(/\+08:00$/);
    expect(pub.expected_datetime).toMatch(W3C_DATETIME);
    // Coarse: within the nearby radius of the fix, but not the fix.
    expect(Math.abs(pub.lat - A_WGS_LAT) + Math.abs(pub.long - A_WGS_LNG)).toBeGreaterThan(1e-5);
    expect(Math.abs(pub.lat - A_WGS_LAT)).toBeLessThan(0.002);
    expect(JSON.stringify(pub)).not.toContain('13900139000');
    const own = (await both(`requests/${id}`, 'requests', 200, { api_key: appKey }))[0];
    expect(own).toMatchObject({ address: '红星路二段 8 号', media_url: 'https://img.example.cn/b.jpg' });
    expect(own.lat).toBeCloseTo(A_WGS_LAT, 6);
    expect(own.long).toBeCloseTo(A_WGS_LNG, 6);
    // Another client sees the public view.
    expect((await both(`requests/${id}`, 'requests', 200, { api_key: otherKey }))[0].address).toBeNull();

    // Held content is not public: gone from the list and the single read; its filer still sees it.
    await t.ds.query('UPDATE event SET held = 1 WHERE id = ?', [Number(id)]);
    expect((await both('requests', 'requests')).map((x: any) => x.service_request_id)).not.toContain(id);
    expect((await both(`requests/${id}`, 'errors', 404))[0].code).toBe(404);
    expect((await both(`requests/${id}`, 'requests', 200, { api_key: appKey }))[0].service_request_id).toBe(id);
    await t.ds.query('UPDATE event SET held = 0 WHERE id = ?', [Number(id)]);
  });

  it('GET requests filters by id, code, status and dates (≤ 90 days), closed from the workflow', async () => {
    const a = await post({ api_key: appKey, service_code: 'sanitation', lat: String(A_WGS_LAT), long: String(A_WGS_LNG), description: '一' });
    const b = await post({ api_key: appKey, service_code: 'sanitation', lat: String(A_WGS_LAT), long: String(A_WGS_LNG), description: '二' });
    const ida = a.body[0].service_request_id as string;
    const idb = b.body[0].service_request_id as string;
    // The grid worker rejects b: closed, with the label as its public note.
    const cur = await api().get(`/api/v1/events/${idb}`).set('authorization', worker.auth).expect(200);
    await api().post(`/api/v1/events/${idb}/actions/reject`).set('authorization', worker.auth).send({ version: cur.body.version, note: '重复上报' }).expect(200);
    const byIds = await both('requests', 'requests', 200, { service_request_id: `${idb},${ida}` });
    expect(byIds.map((x: any) => [x.service_request_id, x.status])).toEqual([[idb, 'closed'], [ida, 'open']]);
    expect(byIds[0].status_notes).toBe('不予立案');
    expect(byIds[0].expected_datetime).toBeNull();
    // The filer reads the outcome.
    expect((await both(`requests/${idb}`, 'requests', 200, { api_key: appKey }))[0].status_notes).toBe('不予立案：重复上报');
    const closed = await both('requests', 'requests', 200, { status: 'closed', service_code: 'sanitation' });
    expect(closed.map((x: any) => x.service_request_id)).toContain(idb);
    expect(closed.every((x: any) => x.status === 'closed' && x.service_code === 'sanitation')).toBe(true);
    const open = await both('requests', 'requests', 200, { status: 'open', service_code: 'sanitation,road' });
    expect(open.map((x: any) => x.service_request_id)).toContain(ida);
    expect(open.map((x: any) => x.service_request_id)).not.toContain(idb);
    // Newest first; a window in the past is empty.
    expect(await both('requests', 'requests', 200, { start_date: '2025-01-01T00:00:00+08:00', end_date: '2025-02-01T00:00:00+08:00' })).toEqual([]);
    for (const bad of [
      { start_date: '2025-01-01T00:00:00+08:00', end_date: '2025-06-01T00:00:00+08:00' },
      { start_date: 'yesterday' },
      { start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' },
      { status: 'pending' },
      { service_request_id: 'abc' },
    ] as Record<string, string>[]) {
      const e = await both('requests', 'errors', 400, bad);
      expect(e[0].code).toBe(400);
    }
    await both('requests', 'errors', 403, { api_key: 'wg311_nope' });
  });

  it('rate-limits each key, and a revoked key stops at once; creating keys is for city admins and audited', async () => {
    const slow = await api().post('/api/v1/open311/clients').set('authorization', city.auth).send({ name: 'slow-app', kind: 'open311', nodeCode: FIXTURE.STREET, ratePerMin: 3 }).expect(201);
    for (let i = 0; i < 3; i++) await api().get('/open311/v2/services.json').query({ api_key: slow.body.apiKey }).expect(200);
    const limited = await api().get('/open311/v2/services.xml').query({ api_key: slow.body.apiKey });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(xmlProblems(GEOREPORT.errors, limited.text).problems).toEqual([]);

    await api().post('/api/v1/open311/clients').set('authorization', district.auth).send({ name: 'nope', kind: 'open311', nodeCode: FIXTURE.STREET }).expect(403);
    await api().post('/api/v1/open311/clients').set('authorization', city.auth).send({ name: 'city-app', kind: 'open311', nodeCode: FIXTURE.STREET }).expect(409);
    await api().post('/api/v1/open311/clients').set('authorization', city.auth).send({ name: 'bad', kind: 'open311', nodeCode: FIXTURE.STREET, fallbackGridCode: FIXTURE.A.replace(/1$/, '9') }).expect(422);
    const listed = await api().get('/api/v1/open311/clients').set('authorization', city.auth).expect(200);
    const mine = listed.body.find((c: any) => c.id === appId);
    expect(mine).toMatchObject({ name: 'city-app', nodeCode: FIXTURE.STREET, keyPrefix: appKey.slice(0, 10), revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(appKey);
    expect(await n('SELECT COUNT(*) AS n FROM api_client WHERE key_hash = ?', [appKey])).toBe(0);

    await api().post(`/api/v1/open311/clients/${slow.body.id}/revoke`).set('authorization', worker.auth).expect(403);
    const revoked = await api().post(`/api/v1/open311/clients/${slow.body.id}/revoke`).set('authorization', city.auth).expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    await api().post(`/api/v1/open311/clients/${slow.body.id}/revoke`).set('authorization', city.auth).expect(409);
    const after = await post({ api_key: slow.body.apiKey, service_code: 'sanitation', lat: String(A_WGS_LAT), long: String(A_WGS_LNG) });
    expect(after.status).toBe(403);
    const audit = await api().get(`/api/v1/open311/clients/${slow.body.id}/audit`).set('authorization', city.auth).expect(200);
    expect(audit.body.map((a: any) => [a.action, a.actorId])).toEqual([['revoke', city.userId], ['create', city.userId]]);
  });
});
