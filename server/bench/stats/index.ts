/**
 * bench/stats — dashboards over a year of Chengdu on MariaDB: 2,000,000 events (with full audit
 * trails: report, verify, claim, extensions, resolve, rework, close, rating; rejections,
 * self-handled, still open, overdue) spread over a 126,000-micro-grid tree (1 city → 20 districts
 * → 300 streets → 3,000 communities → 18,000 grids → 126,000 micro-grids), generated inside
 * MariaDB (SEQUENCE engine), and a year of patrols (each of the 18,000 grids checked in on 80 % of
 * the days, once or twice: ~7.9 M check-ins). Then:
 *   1. the first build of facts and rollups, patrol_day and patrol_rollup (StatsRefresher.rebuild),
 *   2. GET /api/v1/stats for the city and for one street over the whole year, and GET
 *      /stats/bulletin for the city's last month, over HTTP on the real app — cold (first request
 *      after boot) and warm (median of 5),
 *   3. a direct recount of the city and the street from the event rows and audit trails
 *      (computeFact per event, summed), and of patrolled grid-days and check-ins from the
 *      check-ins, which must equal the dashboards exactly,
 *   4. 2,000 live changes (open events resolved and closed, as the workflow writes them), then the
 *      city dashboard again (its refresh applies them) and the street recounted again.
 * Own throwaway database, dropped at the end (BENCH_KEEP=1 keeps it).
 *
 * Env: BENCH_DB_URL (server, default mysql://root@127.0.0.1:3306), BENCH_EVENTS (default 2e6),
 * BENCH_KEEP=1, BENCH_REUSE=<database kept by an earlier run> (skips generation and, unless
 * BENCH_REBUILD=1, the first build: re-measures the requests after a change to the read path; the
 * database is kept).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { DEFAULT_CATEGORIES } from '../../src/catalog/default-categories.js';
import { loadConfig } from '../../src/config/config.js';
import { createApp } from '../../src/bootstrap.js';
import { runMigrations } from '../../src/db/migrate.js';
import { FakeWechat } from '../../src/wechat/fake/fake-wechat.js';
import { StatsRefresher } from '../../src/stats/refresher.service.js';
import { addFact, emptySums, kpisOf, type Kpis } from '../../src/stats/kpi.js';

const here = dirname(fileURLToPath(import.meta.url));
// Compiled to server/dist/bench/bench/<name>/: five levels up is the repository root.
const repoRoot = join(here, '../../../../..');
const serverUrl = (process.env.BENCH_DB_URL ?? 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
let N = Math.max(10_000, Math.round(Number(process.env.BENCH_EVENTS ?? 2_000_000)));
const reuse = process.env.BENCH_REUSE?.trim() || null;
if (reuse && !/^wg_bench_stats_[a-z0-9]+$/.test(reuse)) throw new Error(`BENCH_REUSE must name a database kept by this benchmark (wg_bench_stats_…), not ${reuse}`);
const dbName = reuse ?? `wg_bench_stats_${Date.now().toString(36)}`;
const keep = reuse !== null || process.env.BENCH_KEEP === '1';
const TARGET_MS = 500;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const DISTRICTS = 20;
const STREETS = 15;
const COMMUNITIES = 10;
const GRIDS = 6;
const MICROS = 7;
const MICRO_TOTAL = DISTRICTS * STREETS * COMMUNITIES * GRIDS * MICROS;
/** The year: local days D0 … D0+364, ending a week ago so every trail (up to ~4 days long) is in the past. */
const D0 = new Date(Date.now() + 8 * 3600_000 - 372 * 86400_000).toISOString().slice(0, 10);
const DAYS = 365;
const CITY = '5101';
const STREET = `5101${pad(7, 2)}${pad(4, 3)}`;

function treeRows(): { code: string; name: string; level: string; parent: string | null; path: string; depth: number }[] {
  const out: { code: string; name: string; level: string; parent: string | null; path: string; depth: number }[] = [{ code: CITY, name: '成都市', level: 'city', parent: null, path: `${CITY}/`, depth: 0 }];
  for (let d = 1; d <= DISTRICTS; d++) {
    const dc = `${CITY}${pad(d, 2)}`;
    const dp = `${CITY}/${dc}/`;
    out.push({ code: dc, name: `第${d}区`, level: 'district', parent: CITY, path: dp, depth: 1 });
    for (let s = 1; s <= STREETS; s++) {
      const sc = `${dc}${pad(s, 3)}`;
      const sp = `${dp}${sc}/`;
      out.push({ code: sc, name: `${d}区${s}街道`, level: 'street', parent: dc, path: sp, depth: 2 });
      for (let c = 1; c <= COMMUNITIES; c++) {
        const cc = `${sc}${pad(c, 3)}`;
        const cp = `${sp}${cc}/`;
        out.push({ code: cc, name: `${s}街道${c}社区`, level: 'community', parent: sc, path: cp, depth: 3 });
        for (let g = 1; g <= GRIDS; g++) {
          const gc = `${cc}${pad(g, 3)}`;
          const gp = `${cp}${gc}/`;
          out.push({ code: gc, name: `${c}社区${g}网格`, level: 'grid', parent: cc, path: gp, depth: 4 });
          for (let m = 1; m <= MICROS; m++) {
            const mc = `${gc}${pad(m, 3)}`;
            out.push({ code: mc, name: `${g}网格${m}微网格`, level: 'micro', parent: gc, path: `${gp}${mc}/`, depth: 5 });
          }
        }
      }
    }
  }
  return out;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await f();
  return [v, performance.now() - t];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const GRID_TOTAL = DISTRICTS * STREETS * COMMUNITIES * GRIDS;

/**
 * A year of patrols: each grid patrolled on 80 % of the days, once or twice (~7.9 M check-ins),
 * in time order like production (ids follow time), each at one of the grid's micro-grids.
 * Skipped when the database already has check-ins (BENCH_REUSE). Returns the check-in count.
 */
async function generateCheckins(conn: mysql.Connection): Promise<number> {
  const [[have]] = (await conn.query('SELECT COUNT(*) AS n FROM patrol_checkin')) as unknown as [{ n: number }[]];
  if (Number(have!.n) > 0) return Number(have!.n);
  const t0 = performance.now();
  await conn.query('DROP TABLE IF EXISTS bench_grid');
  await conn.query('CREATE TABLE bench_grid (idx INT PRIMARY KEY, id INT NOT NULL)');
  await conn.query("INSERT INTO bench_grid SELECT ROW_NUMBER() OVER (ORDER BY code) - 1, id FROM grid_node WHERE level = 'grid'");
  // Loaded without the secondary indexes, which are then built in one sorted pass each: keeping
  // four of them up to date row by row took ~30 min for 7.9 M rows with a 128 MiB buffer pool.
  // (Production inserts one check-in at a time; this is only the generator.)
  const indexes = ['DROP INDEX uq_patrol_checkin_request', 'DROP INDEX idx_patrol_checkin_user_day', 'DROP INDEX idx_patrol_checkin_path_day', 'DROP INDEX idx_patrol_checkin_grid_day'];
  await conn.query(`ALTER TABLE patrol_checkin ${indexes.join(', ')}`);
  // s.seq = day × grids + grid index; h decides patrolled (< 800 ‰) and a second check-in (odd).
  const H = '((s.seq * 2654435761) MOD 1000)';
  const DAYS_PER_INSERT = 10;
  for (let d = 0; d < DAYS; d += DAYS_PER_INSERT) {
    const a = d * GRID_TOTAL;
    const b = Math.min(DAYS, d + DAYS_PER_INSERT) * GRID_TOTAL - 1;
    const one = (k: number, cond: string) =>
      `SELECT s.seq, ${k} AS k, g.idx AS gidx, g.id AS grid_id, (TIMESTAMP('${D0} 00:00:00') - INTERVAL 8 HOUR) + INTERVAL (s.seq DIV ${GRID_TOTAL}) DAY + INTERVAL ${k === 1 ? 9 : 15} HOUR + INTERVAL (s.seq MOD 3600) SECOND AS at,
         DATE_FORMAT(TIMESTAMP('${D0} 00:00:00') + INTERVAL (s.seq DIV ${GRID_TOTAL}) DAY, '%Y-%m-%d') AS day
       FROM seq_${a}_to_${b} s JOIN bench_grid g ON g.idx = s.seq MOD ${GRID_TOTAL} WHERE ${cond}`;
    await conn.query(
      `INSERT INTO patrol_checkin (user_id, request_id, day, at, lat, lng, grant_node_id, grid_id, micro_id, node_path, outside_m, created_at)
       SELECT 1000000 + x.gidx, CONCAT('b', x.seq, '-', x.k), x.day, x.at, 30.6, 104.0, x.grid_id, x.grid_id, m.id, m.path, 0, x.at
       FROM (${one(1, `${H} < 800`)} UNION ALL ${one(2, `${H} < 800 AND ${H} MOD 2 = 1`)}) x
       JOIN bench_micro m ON m.idx = x.gidx * ${MICROS} + x.seq MOD ${MICROS}
       ORDER BY x.seq DIV ${GRID_TOTAL}, x.k, x.seq`,
    );
    if ((d / DAYS_PER_INSERT) % 6 === 5 || d + DAYS_PER_INSERT >= DAYS) console.log(`  check-ins: ${Math.min(DAYS, d + DAYS_PER_INSERT)} of ${DAYS} days (${fmt((performance.now() - t0) / 1000)} s)`);
  }
  await conn.query(
    'ALTER TABLE patrol_checkin ADD UNIQUE INDEX uq_patrol_checkin_request (user_id, request_id), ADD INDEX idx_patrol_checkin_user_day (user_id, day, at), ADD INDEX idx_patrol_checkin_path_day (node_path, day), ADD INDEX idx_patrol_checkin_grid_day (grid_id, day)',
  );
  const [[n]] = (await conn.query('SELECT COUNT(*) AS n FROM patrol_checkin')) as unknown as [{ n: number }[]];
  console.log(`check-ins: ${fmt(Number(n!.n))} over ${fmt(GRID_TOTAL)} grids and ${DAYS} days in ${fmt((performance.now() - t0) / 1000)} s`);
  return Number(n!.n);
}

/** Migrations, the tree, the categories and N events with their audit trails; returns the audit row count. */
async function generate(conn: mysql.Connection, url: string): Promise<number> {
  await runMigrations(url);
  const [[seqOk]] = (await conn.query("SELECT COUNT(*) AS n FROM information_schema.ENGINES WHERE ENGINE = 'SEQUENCE' AND SUPPORT IN ('YES', 'DEFAULT')")) as unknown as [{ n: number }[]];
  if (!Number(seqOk?.n)) throw new Error('this benchmark generates its data with MariaDB\'s SEQUENCE engine; run it on MariaDB ≥ 10.0');

  // ── the tree and the categories (not measured) ──
  let t0 = performance.now();
  const tree = treeRows();
  for (const level of ['city', 'district', 'street', 'community', 'grid', 'micro']) {
    const rows = tree.filter((r) => r.level === level);
    for (let i = 0; i < rows.length; i += 2000) {
      const c = rows.slice(i, i + 2000);
      await conn.query(
        `INSERT INTO grid_node (code, name, level, parent_id, path, depth, is_virtual, crs, synthetic, version) SELECT v.code, v.name, v.level, p.id, v.path, v.depth, 0, 'gcj02', 1, 1 FROM (${c.map(() => 'SELECT ? AS code, ? AS name, ? AS level, ? AS parent, ? AS path, ? AS depth').join(' UNION ALL ')}) v LEFT JOIN grid_node p ON p.code = v.parent`,
        c.flatMap((r) => [r.code, r.name, r.level, r.parent, r.path, r.depth]),
      );
    }
  }
  for (const c of DEFAULT_CATEGORIES) await conn.query('INSERT INTO category (code, name, icon, sort, active) VALUES (?, ?, ?, ?, 1)', [c.code, c.name, c.icon, c.sort]);
  const cats = DEFAULT_CATEGORIES.map((c) => c.code);
  await conn.query('CREATE TABLE bench_micro (idx INT PRIMARY KEY, id INT NOT NULL, path VARCHAR(200) NOT NULL)');
  await conn.query("INSERT INTO bench_micro SELECT ROW_NUMBER() OVER (ORDER BY code) - 1, id, path FROM grid_node WHERE level = 'micro'");
  console.log(`tree: ${fmt(tree.length)} nodes (${fmt(MICRO_TOTAL)} micro-grids) in ${fmt((performance.now() - t0) / 1000)} s`);

  // ── 2,000,000 events with audit trails, generated in MariaDB, in time order ──
  // Per event (id = seq): h = outcome in ‰; r = response minutes; hd = handling minutes.
  t0 = performance.now();
  const H = '((s.seq * 2654435761) MOD 1000)';
  const start = `(TIMESTAMP('${D0} 00:00:00') - INTERVAL 8 HOUR)`;
  const CH = 100_000;
  for (let a = 1; a <= N; a += CH) {
    const b = Math.min(N, a + CH - 1);
    await conn.query(
      `INSERT INTO event (id, request_key, source, category, description, node_id, node_path, owner_node_id, owner_path, state, version, anonymous, photos, supporters, held, needs_grid_confirm, rating, deadline_at, overdue_at, created_at, updated_at)
       SELECT s.seq, CONCAT('bench', s.seq), 'resident', ELT(1 + (s.seq * 7) MOD ${cats.length}, ${cats.map((c) => `'${c}'`).join(',')}), '基准事件', m.id, m.path, m.id, m.path,
         CASE WHEN ${H} < 50 THEN 'rejected' WHEN ${H} < 80 THEN 'reported' WHEN ${H} < 130 THEN 'in_progress' ELSE 'closed' END,
         1, 0, '[]', 0, 0, 0,
         CASE WHEN ${H} >= 180 AND s.seq MOD 3 <> 0 THEN 1 + ${H} MOD 5 ELSE NULL END,
         CASE WHEN ${H} >= 80 AND ${H} < 130 THEN s.created + INTERVAL 3 DAY ELSE NULL END,
         CASE WHEN ${H} >= 80 AND ${H} < 130 AND s.seq MOD 4 = 0 THEN s.created + INTERVAL 3 DAY ELSE NULL END,
         s.created, s.created
       FROM (SELECT seq, ${start} + INTERVAL FLOOR((seq - 1) * ${DAYS * 86400} / ${N}) SECOND AS created FROM seq_${a}_to_${b}) s
       JOIN bench_micro m ON m.idx = (s.seq * 7919) MOD ${MICRO_TOTAL}
       ORDER BY s.seq`,
    );
    // Every audit row of these events, in event then step order (ids follow time, as in production).
    const E = '((e.id * 2654435761) MOD 1000)';
    const r = '(5 + (e.id * 13) MOD 600)';
    const hd = '(30 + (e.id * 17) MOD 5000)';
    const resolveAt = `e.created_at + INTERVAL (${r} + ${hd}) MINUTE`;
    const steps = [
      // [k, action, from, to, at, condition, data]
      [1, 'report', 'NULL', "'reported'", 'e.created_at', `${E} < 130 OR ${E} >= 180`, 'NULL'],
      [2, 'reject', "'reported'", "'rejected'", `e.created_at + INTERVAL ${r} MINUTE`, `${E} < 50`, 'NULL'],
      [2, 'verify', "'reported'", "'accepted'", `e.created_at + INTERVAL ${r} MINUTE`, `${E} >= 80 AND (${E} < 130 OR ${E} >= 180)`, 'NULL'],
      [3, 'claim', "'accepted'", "'in_progress'", `e.created_at + INTERVAL (${r} + 10) MINUTE`, `${E} >= 80 AND (${E} < 130 OR ${E} >= 180)`, 'NULL'],
      [4, 'request_extension', "'in_progress'", "'in_progress'", `e.created_at + INTERVAL (${r} + 15) MINUTE`, `${E} >= 180 AND e.id MOD 7 = 0`, `'{"hours":24}'`],
      [5, 'approve_extension', "'in_progress'", "'in_progress'", `e.created_at + INTERVAL (${r} + 20) MINUTE`, `${E} >= 180 AND e.id MOD 7 = 0`, `'{"hours":24}'`],
      [6, 'resolve', "'in_progress'", "'resolved'", resolveAt, `${E} >= 180`, 'NULL'],
      [7, 'rework', "'resolved'", "'in_progress'", `${resolveAt} + INTERVAL 30 MINUTE`, `${E} >= 180 AND ${E} MOD 10 = 0`, 'NULL'],
      [8, 'resolve', "'in_progress'", "'resolved'", `${resolveAt} + INTERVAL 90 MINUTE`, `${E} >= 180 AND ${E} MOD 10 = 0`, 'NULL'],
      [9, 'close', "'resolved'", "'closed'", `${resolveAt} + INTERVAL 150 MINUTE`, `${E} >= 180`, 'NULL'],
      [10, 'rate', "'closed'", "'closed'", `${resolveAt} + INTERVAL 200 MINUTE`, `${E} >= 180 AND e.id MOD 3 <> 0`, 'NULL'],
      [1, 'self_handle', 'NULL', "'resolved'", 'e.created_at', `${E} >= 130 AND ${E} < 180`, 'NULL'],
      [2, 'close', "'resolved'", "'closed'", 'e.created_at + INTERVAL 60 MINUTE', `${E} >= 130 AND ${E} < 180`, 'NULL'],
    ] as const;
    await conn.query(
      `INSERT INTO event_audit (event_id, action, from_state, to_state, actor_id, note, photos, data, at)
       SELECT event_id, action, from_state, to_state, NULL, NULL, '[]', data, at FROM (
         ${steps.map(([k, action, from, to, atExpr, cond, data]) => `SELECT e.id AS event_id, ${k} AS k, '${action}' AS action, ${from} AS from_state, ${to} AS to_state, ${data} AS data, ${atExpr} AS at FROM event e WHERE e.id BETWEEN ${a} AND ${b} AND (${cond})`).join('\n UNION ALL ')}
       ) x ORDER BY event_id, k`,
    );
    if ((b / CH) % 5 === 0 || b === N) console.log(`  generated ${fmt(b)} events (${fmt((performance.now() - t0) / 1000)} s)`);
  }
  const [[ac]] = (await conn.query('SELECT COUNT(*) AS n FROM event_audit')) as unknown as [{ n: number }[]];
  const generateS = (performance.now() - t0) / 1000;
  console.log(`events: ${fmt(N)} with ${fmt(Number(ac!.n))} audit rows in ${fmt(generateS)} s`);
  return Number(ac!.n);
}

async function main() {
  const admin = await mysql.createConnection(serverUrl);
  const [[ver]] = (await admin.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS bp')) as unknown as [{ v: string; bp: number }[]];
  if (!reuse) await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = `${serverUrl}/${dbName}`;
  console.log(`database ${dbName} on MariaDB/MySQL ${ver!.v} (buffer pool ${Math.round(ver!.bp / 2 ** 20)} MiB); ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM; load ${loadavg()[0]!.toFixed(1)}`);
  const conn = await mysql.createConnection({ uri: url, multipleStatements: false });
  const wechat = new FakeWechat({ appid: 'wxbench0000000000a', secret: 'bench-secret' });
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    let audits: number;
    if (reuse) {
      await runMigrations(url);
      const [[ec]] = (await conn.query('SELECT COUNT(*) AS n, (SELECT COUNT(*) FROM event_audit) AS a FROM event')) as unknown as [{ n: number; a: number }[]];
      N = Number(ec!.n);
      audits = Number(ec!.a);
      console.log(`reusing ${dbName}: ${fmt(N)} events, ${fmt(audits)} audit rows`);
    } else audits = await generate(conn, url);
    const checkins = await generateCheckins(conn);

    // ── the app on this database ──
    // The deadline scheduler is off: the generated events carry their overdue marks already, and its
    // catch-up over a year of open events would otherwise be measured as dashboard refresh work.
    const wechatBase = await wechat.start();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0', DB_URL: url, PORT: '0', WECHAT_APPID: 'wxbench0000000000a', WECHAT_SECRET: 'bench-secret', WECHAT_API_BASE: wechatBase, RATE_LOGIN_PER_MIN: '100000', RATE_WRITE_PER_MIN: '100000', OUTBOX_WORKER: 'off', GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0' });
    app = await createApp(config);
    await app.listen(0, '127.0.0.1');

    // ── 1. the first build ──
    let rebuildMs: number | null = null;
    if (!reuse || process.env.BENCH_REBUILD === '1') {
      let last = 0;
      const t1 = performance.now();
      const [built, ms] = await timed(() =>
        app!.get(StatsRefresher).rebuild(
          (done) => {
            if (done - last >= 250_000 || done === N) {
              last = done;
              console.log(`  rebuilt ${fmt(done)} events (${fmt((performance.now() - t1) / 1000)} s)`);
            }
          },
          (phase) => console.log(`  ${phase} (from ${fmt((performance.now() - t1) / 1000)} s)`),
        ),
      );
      rebuildMs = ms;
      console.log(`first build: ${fmt(built.events)} facts, ${fmt(built.rollupRows)} rollup rows, ${fmt(built.patrolGridDays)} patrolled grid-days in ${fmt(ms / 1000)} s (${fmt(built.events / (ms / 1000))} events/s)`);
      // Measured on a freshly booted app, as after `stats:rebuild` (its own process) in production.
      await app.close();
      app = await createApp(config);
      await app.listen(0, '127.0.0.1');
    }
    const [[dirty]] = (await conn.query("SELECT VARIABLE_VALUE AS n FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'")) as unknown as [{ n: string }[]];
    console.log(`app booted; InnoDB dirty pages before the first request: ${fmt(Number(dirty?.n ?? 0))}`);
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const ds = app.get(DataSource);
    const refresher = app.get(StatsRefresher);

    // ── 2. dashboards over HTTP ──
    // Logged in after the build: a build longer than the access token's lifetime would expire it.
    const login = await fetch(`${base}/api/v1/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'test:bench-city-admin' }) });
    const tokens = (await login.json()) as { accessToken: string; user: { id: number } };
    await conn.query("INSERT INTO role_grant (user_id, role, node_id, department_id, granted_by, created_at) SELECT ?, 'city_admin', id, NULL, NULL, NOW() FROM grid_node WHERE code = ?", [tokens.user.id, CITY]);
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    const getJson = async (path: string) => {
      const res = await fetch(`${base}/api/v1${path}`, { headers: auth });
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
      return res.json() as Promise<{ kpis: Kpis; children: { code: string; kpis: Kpis }[]; rows?: unknown[]; patrol?: { patrolledGridDays: number; gridDays: number; checkins: number } | null }>;
    };
    const to = (() => {
      const d = new Date(`${D0}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + DAYS - 1);
      return d.toISOString().slice(0, 10);
    })();
    const cityPath = `/stats?node=${CITY}&from=${D0}&to=${to}`;
    const streetPath = `/stats?node=${STREET}&from=${D0}&to=${to}`;
    const bulletinPath = `/stats/bulletin?node=${CITY}&month=${to.slice(0, 7)}`;
    const measure = async (path: string) => {
      const [body, cold] = await timed(() => getJson(path));
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) warm.push((await timed(() => getJson(path)))[1]);
      return { body, cold, warm: median(warm) };
    };
    const city = await measure(cityPath);
    const street = await measure(streetPath);
    const bulletin = await measure(bulletinPath);

    // ── 3. direct recount from event rows and audit trails ──
    const recount = async (prefix: string): Promise<{ kpis: Kpis; ms: number }> => {
      const t = performance.now();
      const sums = emptySums();
      let after = 0;
      for (;;) {
        const ids: number[] = (await ds.query('SELECT id FROM event WHERE id > ? AND node_path LIKE ? ORDER BY id LIMIT 10000', [after, `${prefix}%`])).map((r: { id: number }) => Number(r.id));
        if (!ids.length) break;
        after = ids[ids.length - 1]!;
        for (const f of (await refresher.computeFacts(ids)).values()) if (f.day >= D0 && f.day <= to) addFact(sums, f);
      }
      return { kpis: kpisOf(sums), ms: performance.now() - t };
    };
    const streetNode = (await ds.query('SELECT path FROM grid_node WHERE code = ?', [STREET]))[0].path as string;
    const cityRecount = await recount(`${CITY}/`);
    const streetRecount = await recount(streetNode);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const cityOk = same(city.body.kpis, cityRecount.kpis);
    const streetOk = same(street.body.kpis, streetRecount.kpis);
    console.log(`recount: city ${cityOk ? 'EQUAL' : 'DIFFERENT'} (${fmt(cityRecount.ms / 1000)} s), street ${streetOk ? 'EQUAL' : 'DIFFERENT'} (${fmt(streetRecount.ms / 1000)} s)`);
    if (!cityOk) console.log(JSON.stringify({ dashboard: city.body.kpis, recount: cityRecount.kpis }));
    if (!streetOk) console.log(JSON.stringify({ dashboard: street.body.kpis, recount: streetRecount.kpis }));
    // Patrol coverage: patrolled grid-days and check-ins counted straight from the check-ins.
    const patrolCount = async (prefix: string) => {
      const t = performance.now();
      const [r] = await ds.query('SELECT COUNT(*) AS g, COALESCE(SUM(n), 0) AS n FROM (SELECT grid_id, day, COUNT(*) AS n FROM patrol_checkin WHERE node_path LIKE ? AND day >= ? AND day <= ? GROUP BY grid_id, day) x', [`${prefix}%`, D0, to]);
      return { patrolledGridDays: Number(r.g), checkins: Number(r.n), ms: performance.now() - t };
    };
    const patrolOf = (b: { patrol?: { patrolledGridDays: number; checkins: number } | null }) => ({ patrolledGridDays: b.patrol?.patrolledGridDays, checkins: b.patrol?.checkins });
    const counted = (c: { patrolledGridDays: number; checkins: number }) => ({ patrolledGridDays: c.patrolledGridDays, checkins: c.checkins });
    const cityPatrol = await patrolCount(`${CITY}/`);
    const streetPatrol = await patrolCount(streetNode);
    const patrolOk = same(patrolOf(city.body), counted(cityPatrol)) && same(patrolOf(street.body), counted(streetPatrol));
    console.log(`patrol coverage: city ${fmt(cityPatrol.patrolledGridDays)} patrolled grid-days of ${fmt(city.body.patrol?.gridDays ?? 0)}, ${fmt(cityPatrol.checkins)} check-ins; dashboards ${patrolOk ? 'EQUAL' : 'DIFFERENT'} to a count of the check-ins (${fmt(cityPatrol.ms / 1000)} s for the city's)`);
    if (!patrolOk) console.log(JSON.stringify({ city: [patrolOf(city.body), cityPatrol], street: [patrolOf(street.body), streetPatrol] }));

    // ── 4. live changes: 2,000 open events in the street resolved and closed ──
    const open: number[] = (await ds.query("SELECT id FROM event WHERE state = 'in_progress' AND node_path LIKE ? ORDER BY id LIMIT 2000", [`${streetNode}%`])).map((r: { id: number }) => Number(r.id));
    const now = Date.now();
    for (let i = 0; i < open.length; i += 500) {
      const c = open.slice(i, i + 500);
      await conn.query(`UPDATE event SET state = 'closed', version = version + 2, updated_at = NOW() WHERE id IN (${c.join(',')})`);
      const at1 = new Date(now - 60_000);
      const at2 = new Date(now - 30_000);
      await conn.query(
        `INSERT INTO event_audit (event_id, action, from_state, to_state, actor_id, note, photos, data, at) VALUES ${c.map(() => "(?, 'resolve', 'in_progress', 'resolved', NULL, NULL, '[]', NULL, ?), (?, 'close', 'resolved', 'closed', NULL, NULL, '[]', NULL, ?)").join(',')}`,
        c.flatMap((id) => [id, at1, id, at2]),
      );
    }
    const [afterChange, afterChangeMs] = await timed(() => getJson(streetPath));
    const streetRecount2 = await recount(streetNode);
    const afterOk = same(afterChange.kpis, streetRecount2.kpis) && afterChange.kpis.closed === street.body.kpis.closed + open.length;
    console.log(`after ${fmt(open.length)} live closes: street dashboard (refresh included) ${fmt(afterChangeMs)} ms, recount ${afterOk ? 'EQUAL' : 'DIFFERENT'}`);

    // ── report ──
    console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share the ${cpus().length} cores)`);
    console.log(`\n${'request'.padEnd(34)}${'cold ms'.padStart(10)}${'warm ms'.padStart(10)}`);
    for (const [name, m] of [['city dashboard (365 days)', city], [`street ${STREET} dashboard`, street], [`city bulletin ${to.slice(0, 7)}`, bulletin]] as const) console.log(`${name.padEnd(34)}${m.cold.toFixed(1).padStart(10)}${m.warm.toFixed(1).padStart(10)}`);
    const worst = Math.max(city.cold, city.warm, street.cold, street.warm, bulletin.cold, bulletin.warm);
    console.log(`target: each ≤ ${TARGET_MS} ms ${worst <= TARGET_MS ? 'MET' : 'MISSED'} (worst ${worst.toFixed(1)} ms); figures equal a direct recount: ${cityOk && streetOk && afterOk && patrolOk ? 'YES' : 'NO'}\n`);
    const out = {
      events: N,
      audits,
      cityMs: Math.round(Math.max(city.cold, city.warm)),
      streetMs: Math.round(Math.max(street.cold, street.warm)),
      bulletinMs: Math.round(Math.max(bulletin.cold, bulletin.warm)),
      cityColdMs: Math.round(city.cold),
      cityWarmMs: Math.round(city.warm),
      streetColdMs: Math.round(street.cold),
      streetWarmMs: Math.round(street.warm),
      bulletinColdMs: Math.round(bulletin.cold),
      bulletinWarmMs: Math.round(bulletin.warm),
      afterChangesMs: Math.round(afterChangeMs),
      rebuildS: rebuildMs === null ? null : Math.round(rebuildMs / 100) / 10,
      checkins,
      recountEqual: cityOk && streetOk && afterOk && patrolOk,
      loadAvg: Math.round(loadavg()[0]! * 10) / 10,
    };
    mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench-results/stats.json'), JSON.stringify(out) + '\n');
    console.log(JSON.stringify(out));
    if (!out.recountEqual) process.exitCode = 1;
  } finally {
    if (app) await app.close();
    await wechat.stop();
    await conn.end();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
