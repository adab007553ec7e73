import request from 'supertest';
import { createHash, randomUUID } from 'node:crypto';
import { EVENT_ACTIONS } from '@weigrid/shared';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

/** A small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hostile values: wrong types, huge and odd strings, non-finite numbers as text, script and SQL. */
const HOSTILE: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 31),
  '',
  ' ',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'x'.repeat(5000),
  '中'.repeat(1200),
  '<script>alert(1)</script>',
  "' OR 1=1; DROP TABLE event; --",
  '../../etc/passwd',
  '\u0000\u0001\u202e',
  '💥'.repeat(300),
  [],
  [1, 2, 3],
  ['a'.repeat(40)],
  Array.from({ length: 50 }, (_, i) => `p${i}`),
  {},
  { $gt: '' },
  { lat: 'NaN', lng: 'x' },
  { lat: 91, lng: 181 },
  { lat: null, lng: 104 },
  { lat: 30.605, lng: 104.005, crs: 'bd09' },
  { __proto__: { admin: true } },
];

const FIELDS: Record<string, string[]> = {
  create: ['requestId', 'category', 'description', 'location', 'gridCode', 'address', 'photos', 'anonymous', 'selfHandled', 'extra'],
  action: ['version', 'note', 'photos', 'assigneeId', 'departmentId', 'hours', 'rating', 'extra'],
  webhook: ['alertId', 'category', 'description', 'location', 'gridCode', 'confidence', 'occurredAt', 'snapshotUrl'],
  rules: ['nodeCode', 'category', 'departmentId', 'matter', 'stage', 'hours', 'mode', 'workdays', 'windows', 'holidays'],
};

/**
 * Sends malformed and hostile input to every event endpoint, as people who may and may not act:
 * every answer must be a 4xx with an error code, never a 5xx, and the database must not change.
 */
describe.each(testDbKinds())('event endpoints under hostile input on %s', (kind) => {
  let t: TestApp;
  let resident: LoggedIn;
  let stranger: LoggedIn;
  let worker: LoggedIn;
  let admin: LoggedIn;
  let eventId: number;

  async function snapshot(): Promise<string> {
    const h = createHash('sha256');
    for (const table of ['event', 'event_audit', 'event_supporter', 'outbox', 'responsibility', 'sla_policy', 'event_setting', 'webhook_source', 'upload']) {
      h.update(table).update(JSON.stringify(await t.ds.query(`SELECT * FROM ${table} ORDER BY 1`)));
    }
    return h.digest('hex');
  }

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    resident = await loginAs(t);
    stranger = await loginAs(t, { grants: [{ role: 'micro_member', nodeCode: FIXTURE.B }] });
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: FIXTURE.COMMUNITY }] });
    const r = await request(t.base).post('/api/v1/events').set('authorization', resident.auth).send({ requestId: randomUUID(), category: 'road', description: '路面塌陷', location: { lat: 30.605, lng: 104.005 } }).expect(201);
    eventId = r.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every malformed or hostile request with a 4xx and a code, and changes nothing', async () => {
    const rand = rng(kind === 'sqlite' ? 20261127 : 7);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
    /** A body that starts valid-looking and then has 1–3 fields replaced by hostile values. */
    const body = (fields: string[], base: Record<string, unknown>) => {
      const b: Record<string, unknown> = { ...base };
      const n = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < n; i++) b[pick(fields)] = pick(HOSTILE);
      return b;
    };
    const before = await snapshot();
    const bad: string[] = [];
    let tried = 0;
    const send = async (who: LoggedIn | null, method: 'get' | 'post' | 'put' | 'delete', path: string, payload?: unknown, raw?: string) => {
      let r = request(t.base)[method](path);
      if (who) r = r.set('authorization', who.auth);
      if (raw !== undefined) r = r.set('content-type', 'application/json').send(raw);
      else if (payload !== undefined) r = r.send(payload as object);
      const res = await r;
      tried++;
      const ok = res.status >= 400 && res.status < 500 && typeof res.body?.code === 'string';
      if (!ok) bad.push(`${method.toUpperCase()} ${path.slice(0, 80)} ${JSON.stringify(payload ?? raw ?? '').slice(0, 120)} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    };
    const people = [resident, stranger, worker, admin];
    // A stale version in every action body: even a permitted actor must not change anything.
    const actionBase = { version: 99 };
    for (let i = 0; i < 120; i++) {
      const who = pick(people);
      // Reports: some field hostile (so nothing valid gets created).
      await send(who, 'post', '/api/v1/events', body(FIELDS.create, { requestId: 'r'.repeat(8), category: 'no_such_category', description: 'x', location: { lat: 'x', lng: 1 } }));
      // Actions: known and unknown names, ids of others' or missing events, forged versions.
      const action = rand() < 0.8 ? pick(EVENT_ACTIONS) : pick(['delete', 'approve', '../verify', 'VERIFY', '%00', 'x'.repeat(200)]);
      const id = pick([eventId, eventId + 1000, 0, -1, 'abc', '1e3', '9'.repeat(30)]);
      await send(who, 'post', `/api/v1/events/${id}/actions/${encodeURIComponent(action)}`, body(FIELDS.action, actionBase));
      // Reading: others' events (the stranger) and ids that are no event at all.
      await send(who, 'get', `/api/v1/events/${who === stranger ? id : pick([eventId + 1000, 0, -1, 'abc', '1e3', '9'.repeat(30)])}`);
      await send(who, 'post', `/api/v1/events/${pick([eventId + 1000, 'x', -5])}/supporters`);
      // Queries with hostile parameters.
      const q = new URLSearchParams({ scope: pick(['my', 'inbox', 'subtree', 'verify', 'all', '']), limit: String(pick(HOSTILE)), cursor: String(pick(HOSTILE)).slice(0, 50), state: String(pick(['nope', 'closed', 1])) });
      if (rand() < 0.5) q.set('from', String(pick(['yesterday', '2026-13-01', 1])));
      await send(who, 'get', `/api/v1/events?${q}`);
      await send(who, 'get', `/api/v1/events/nearby?${new URLSearchParams({ category: String(pick(['road', 'x y', ''])), lat: String(pick(['NaN', '91', 'abc', ''])), lng: '104', radius: String(pick(['-1', '99999', 'x'])) })}`);
      // Admin rules with hostile bodies.
      await send(who, 'put', '/api/v1/responsibilities', body(FIELDS.rules, { nodeCode: pick(['x', '123', FIXTURE.A.repeat(2)]), category: 'road', departmentId: 1 }));
      await send(who, 'put', '/api/v1/sla/policies', body(FIELDS.rules, { category: null, stage: pick(['verify', 'nope']), hours: -1, mode: 'calendar' }));
      await send(who, 'put', '/api/v1/sla/calendar', body(FIELDS.rules, { utcOffsetMinutes: 480, workdays: [8], windows: ['25:00-26:00'], holidays: [], extraWorkdays: [] }));
      await send(who, 'delete', `/api/v1/responsibilities/${pick([999999, 'x', -1])}`);
      // Machine intake without a valid signature.
      await send(null, 'post', '/api/v1/webhooks/events', body(FIELDS.webhook, { alertId: 'a', category: 'road', description: 'x', confidence: 0.9 }));
      // Broken JSON and wrong content types.
      await send(who, 'post', '/api/v1/events', undefined, pick(['{', '{"requestId":', 'null', '[]', '"x"', '{"a":1}'.repeat(3)]));
    }
    // Bad images for the report's photos: random bytes, a truncated PNG, a GIF, an SVG with script.
    const images = [
      Buffer.from(Array.from({ length: 2048 }, () => Math.floor(rand() * 256))),
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      Buffer.alloc(0),
    ];
    for (const img of images) {
      const res = await request(t.base).post('/api/v1/uploads').set('authorization', resident.auth).attach('file', img, 'photo.jpg');
      tried++;
      if (!(res.status >= 400 && res.status < 500 && typeof res.body?.code === 'string')) bad.push(`POST /uploads (${img.length} bytes) → ${res.status}`);
    }
    console.log(`events fuzz (${kind}): ${tried} hostile requests, ${bad.length} answered badly`);
    expect(bad).toEqual([]);
    expect(await snapshot()).toBe(before);
  });
});
