import request from 'supertest';
import { idNumberCheckChar } from '@weigrid/shared';
import { createHash } from 'node:crypto';
import { Category } from '../../src/catalog/category.entity.js';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { API_PREFIX } from '../../src/bootstrap.js';
import { describeDto, type FieldDoc } from '../../src/common/openapi.js';
import { routeTable, type RouteInfo } from '../../src/common/route-table.js';
import { importGrids } from '../../src/grids/import.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';
import { REFRESHER_TABLES } from '../helpers/derived-tables.js';
import { TableHashes } from '../helpers/table-changes.js';

/** A small deterministic PRNG (mulberry32): a failure replays from the printed seed (FUZZ_SEED=…). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const deepArray = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
const deepObject = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/**
 * Strings that are valid for the project's patterns (grid codes of the fixture, a category, dates,
 * upload ids, base64…): a valid value for a field is the first that its pattern and lengths accept.
 */
const GOOD_STRINGS = [
  FIXTURE.A,
  FIXTURE.GRID,
  FIXTURE.COMMUNITY,
  FIXTURE.DISTRICT,
  FIXTURE.CITY,
  'road',
  'fuzz-request-0001',
  '2026-03-02',
  '2026-03-02T08:00:00Z',
  '09:00-12:00',
  '13800000000',
  '91510104MA61234567',
  'QUJDREVGR0hJSktMTU5PUFFS',
  'https://example.com/a.jpg',
  '3栋2单元501',
];

/** Fields whose valid values no pattern describes (checked by the service). */
const SOME_ID_NUMBER = '51010419900101' + '123';
const FIELD_HINTS: Record<string, string> = { template: 'sanxunwen', idNumber: SOME_ID_NUMBER + idNumberCheckChar(SOME_ID_NUMBER), phone: '13800000000' };

function validString(f: FieldDoc | Record<string, unknown>, name = ''): string {
  if (f.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  if (FIELD_HINTS[name]) return FIELD_HINTS[name];
  const min = (f.minLength as number | undefined) ?? 1;
  const max = (f.maxLength as number | undefined) ?? 200;
  const re = typeof f.pattern === 'string' ? new RegExp(f.pattern) : undefined;
  const hit = GOOD_STRINGS.find((s) => (!re || re.test(s)) && s.length >= min && s.length <= max);
  return hit ?? 'a'.repeat(Math.max(1, min));
}

/** A value the field's validators accept (ids are 1: the first row of every table the setup made). */
function validValue(name: string, f: FieldDoc): unknown {
  if (f.enum) return f.enum[0];
  if (typeof f.type === 'function') return validBody(f.type, true);
  const clamp = (v: number) => Math.min(Math.max(v, f.minimum ?? -Infinity), f.maximum ?? Infinity);
  switch (f.type) {
    case 'integer':
      return clamp(name === 'birthYear' ? 1990 : 1);
    case 'number':
      return clamp(/lat/i.test(name) ? 30.605 : /lng|lon/i.test(name) ? 104.005 : 1);
    case 'boolean':
      return false;
    case 'object':
      return {};
    case 'array': {
      const items = (f.items ?? {}) as Record<string, unknown>;
      if (!f.minItems) return [];
      return Array.from({ length: f.minItems }, () => (items.enum ? (items.enum as unknown[])[0] : items.type === 'integer' || items.type === 'number' ? 1 : validString(items)));
    }
    default:
      return validString(f, name);
  }
}

function validBody(cls: RouteInfo['body'], requiredOnly: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!cls) return out;
  for (const [name, f] of Object.entries(describeDto(cls))) if (f.required || !requiredOnly) out[name] = validValue(name, f);
  return out;
}

/** Hostile replacements for one JSON field: wrong types, huge and odd values, nesting. */
function hostileValues(f: FieldDoc): unknown[] {
  const wrongType = f.type === 'string' || f.enum ? 12345 : 'not-a-number';
  return [wrongType, {}, [], 'x'.repeat(200_000), 1e308, -1, -(2 ** 53), 'NaN', deepArray(20), deepArray(3000), Array.from({ length: 5000 }, (_, i) => i), { ['__proto__']: { admin: true } }, '\u0000\u202e<script>'];
}
const HOSTILE_QUERY = ['', 'x'.repeat(3000), '-1', 'NaN', '1e309', '0x10', '%00', '[object Object]', '中'.repeat(300)];

/**
 * Generated from the route table: every route × every body and query field gets null, wrong types,
 * huge values and deep nesting; every body gets broken JSON and 3,000-deep nesting (with and
 * without a token); every multipart route gets broken multipart. No answer may be a 5xx or take
 * more than 5 s, and a refused request (4xx) must change no row of any table.
 */
describe.each(testDbKinds())('every route under hostile input on %s', (kind) => {
  let t: TestApp;
  let admin: LoggedIn;
  let tables: string[];

  /** SQLite: rehashes only the tables written since the last snapshot (test/helpers/table-changes.ts). */
  let sqliteHashes: TableHashes;
  /** A checksum per table (MariaDB's CHECKSUM TABLE; on SQLite a hash of every row). */
  async function snapshot(): Promise<Map<string, string>> {
    if (kind === 'mysql') {
      const rows = (await t.ds.query(`CHECKSUM TABLE ${tables.map((x) => `\`${x}\``).join(', ')}`)) as { Table: string; Checksum: unknown }[];
      return withoutDenials(new Map(rows.map((r) => [r.Table.split('.').pop()!, String(r.Checksum)])));
    }
    return withoutDenials(await sqliteHashes.hashes());
  }
  /**
   * The one row a refusal may add: the register's access log records denied reads of a person's
   * file (`allowed = false`), on purpose. Compared without those rows; any other change counts.
   */
  async function withoutDenials(m: Map<string, string>): Promise<Map<string, string>> {
    const rows = await t.ds.query(`SELECT * FROM reg_access_log WHERE allowed <> ? ORDER BY id`, [false]);
    m.set('reg_access_log', createHash('sha256').update(JSON.stringify(rows)).digest('hex'));
    return m;
  }
  // The stats refresher recounts these in the background from rows the setup wrote; no request writes them.
  const changed = (a: Map<string, string>, b: Map<string, string>) => [...a].filter(([k, v]) => !REFRESHER_TABLES.has(k) && b.get(k) !== v).map(([k]) => k);

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await importGrids(t.ds, fixtureCollection());
    await t.app.get(RoutingService).reload();
    await t.ds.getRepository(Category).insert(DEFAULT_CATEGORIES.map((c) => ({ ...c, active: true })));
    admin = await loginAs(t, { grants: [{ role: 'city_admin', nodeCode: FIXTURE.CITY }, { role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    tables =
      kind === 'mysql'
        ? ((await t.ds.query('SHOW TABLES')) as Record<string, string>[]).map((r) => Object.values(r)[0]!)
        : ((await t.ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)) as { name: string }[]).map((r) => r.name);
    if (kind === 'sqlite') sqliteHashes = await TableHashes.track(t.ds, tables, async (table) => createHash('sha256').update(JSON.stringify(await t.ds.query(`SELECT * FROM "${table}"`))).digest('hex'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every generated hostile request with a 4xx and a code, in under 5 s, and a refusal changes no table', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261127);
    console.log(`api fuzz (${kind}): seed ${seed} (replay with FUZZ_SEED=${seed})`);
    const rand = rng(seed);
    const pickN = <T>(a: readonly T[], n: number): T[] => {
      const copy = [...a];
      const out: T[] = [];
      while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
      return out;
    };
    // Writes that end the session or delete the fixture's rows go last, so they do not starve the rest.
    const routes = routeTable(t.app, API_PREFIX).sort((a, b) => {
      const late = (r: RouteInfo) => (r.method === 'DELETE' ? 1 : 0) + (r.path.includes('/auth/') ? 2 : 0);
      return late(a) - late(b);
    });
    const pathValue = (name: string) => (name === 'code' ? FIXTURE.A : name === 'action' ? 'claim' : '1');
    const urlOf = (r: RouteInfo) => r.path.replace(/:(\w+)/g, (_, n: string) => pathValue(n));

    // Setup from the same table: one valid request on every POST (path ids 1; twice, so rows that
    // need another row's id 1 find it), so that later requests reach the services.
    let created = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (const r of routes.filter((x) => x.method === 'POST' && x.body && !x.path.includes('/auth/'))) {
        const res = await request(t.base).post(urlOf(r)).set('authorization', admin.auth).send(validBody(r.body, false)).timeout(10_000);
        if (res.status < 300) created++;
        else if (pass === 1) console.log(`setup: ${r.method} ${r.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }

    const bad: string[] = [];
    const statuses = new Map<number, number>();
    let tried = 0;
    const covered = new Set<string>();
    let before = await snapshot();
    type Send = { route: RouteInfo; what: string; query?: string; body?: unknown; raw?: { type: string; data: string | Buffer }; auth?: boolean };
    const send = async (s: Send) => {
      const url = urlOf(s.route) + (s.query ? `?${s.query}` : '');
      let req = request(t.base)[s.route.method.toLowerCase() as 'get'](url).timeout(5_000);
      if (s.auth !== false) req = req.set('authorization', admin.auth);
      if (s.raw) req = req.set('content-type', s.raw.type).send(s.raw.data);
      else if (s.body !== undefined) req = req.set('content-type', 'application/json').send(JSON.stringify(s.body));
      const label = `${s.route.method} ${s.route.path} ${s.what}`;
      let status: number;
      let code: unknown;
      try {
        const res = await req;
        status = res.status;
        code = (res.body as { code?: unknown } | undefined)?.code;
      } catch (e) {
        bad.push(`${label} → no answer in 5 s (${(e as Error).message})`);
        before = await snapshot();
        return;
      }
      tried++;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) bad.push(`${label} → ${status} ${String(code)}`);
      if (status >= 400 && typeof code !== 'string') bad.push(`${label} → ${status} without an error code`);
      const after = await snapshot();
      const diff = changed(before, after);
      if (status >= 400 && diff.length) bad.push(`${label} → ${status} ${String(code)} but changed ${diff.join(', ')}`);
      before = after;
    };

    for (const r of routes) {
      const baseQuery = validBody(r.query, true) as Record<string, string | number | boolean>;
      const qs = (over: Record<string, string | string[]>) => {
        const p = new URLSearchParams(Object.entries(baseQuery).map(([k, v]) => [k, String(v)]));
        for (const [k, v] of Object.entries(over)) {
          p.delete(k);
          for (const x of [v].flat()) p.append(k, x);
        }
        return p.toString();
      };
      // Query fields: two hostile values each, and a repeated parameter.
      const queryFields = [...Object.keys(r.query ? describeDto(r.query) : {}), ...r.queryNames];
      for (const name of queryFields) {
        for (const v of pickN(HOSTILE_QUERY, 2)) await send({ route: r, what: `?${name}=${v.slice(0, 20)}`, query: qs({ [name]: v }) });
        await send({ route: r, what: `?${name} repeated`, query: qs({ [name]: ['1', '2'] }) });
        covered.add(`${r.method} ${r.path} ?${name}`);
      }
      if (r.method === 'GET' || r.method === 'DELETE') {
        await send({ route: r, what: 'too many query parameters', query: Array.from({ length: 200 }, (_, i) => `k${i}=1`).join('&') });
        continue;
      }
      if (r.multipart) {
        const boundary = '----fuzz';
        await send({ route: r, what: 'multipart without boundary', raw: { type: 'multipart/form-data', data: 'garbage' } });
        await send({ route: r, what: 'truncated multipart', raw: { type: `multipart/form-data; boundary=${boundary}`, data: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff` } });
        await send({ route: r, what: 'multipart with garbage', raw: { type: `multipart/form-data; boundary=${boundary}`, data: Buffer.from(Array.from({ length: 512 }, () => Math.floor(rand() * 256))) } });
        await send({ route: r, what: 'multipart with another part name', raw: { type: `multipart/form-data; boundary=${boundary}`, data: `--${boundary}\r\nContent-Disposition: form-data; name="nope"\r\n\r\nx\r\n--${boundary}--\r\n` } });
        await send({ route: r, what: 'JSON to a multipart route', body: { file: 'x' } });
        continue;
      }
      // Whole bodies: nesting past the limit (with and without a token), too many keys, broken JSON.
      await send({ route: r, what: 'body 3000 deep (array)', body: deepArray(3000) });
      await send({ route: r, what: 'body 3000 deep (object), no token', body: deepObject(3000), auth: false });
      await send({ route: r, what: 'body with 5000 keys', body: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])) });
      for (const raw of pickN(['{', '{"a":', 'null', '[]', '"x"', '1', '\u0000'], 2)) await send({ route: r, what: `raw ${JSON.stringify(raw)}`, raw: { type: 'application/json', data: raw } });
      await send({ route: r, what: 'text/plain body', raw: { type: 'text/plain', data: 'hello' } });
      if (!r.body) continue;
      // Body fields: null always (optional fields must not let it reach a NOT NULL column), and
      // two further hostile values; the other required fields valid, so services are reached.
      const base = validBody(r.body, true);
      for (const [name, f] of Object.entries(describeDto(r.body))) {
        await send({ route: r, what: `{${name}: null}`, body: { ...base, [name]: null } });
        for (const v of pickN(hostileValues(f), 2)) await send({ route: r, what: `{${name}: ${JSON.stringify(v).slice(0, 30)}}`, body: { ...base, [name]: v } });
        covered.add(`${r.method} ${r.path} .${name}`);
      }
      await send({ route: r, what: 'unknown field', body: { ...base, extra: 1 } });
    }

    const fields = routes.flatMap((r) => [...Object.keys(r.body && !r.multipart ? describeDto(r.body) : {}).map((n) => `${r.method} ${r.path} .${n}`), ...[...Object.keys(r.query ? describeDto(r.query) : {}), ...r.queryNames].map((n) => `${r.method} ${r.path} ?${n}`)]);
    console.log(
      `api fuzz (${kind}): ${routes.length} routes, ${fields.length} fields, ${created} setup creates, ${tried} hostile requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${bad.length} bad`,
    );
    expect(fields.filter((f) => !covered.has(f))).toEqual([]);
    expect(bad).toEqual([]);
    // ~1,400 requests, each with a checksum of every table before and after: ~40 s on a quiet
    // machine, over 60 s at load 15; the per-request limit (5 s) is what the test asserts.
  }, 300_000);
});
