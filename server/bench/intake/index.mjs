#!/usr/bin/env node
// Intake benchmark (issues 6 and 16) on MariaDB, at the production defaults: the real server
// (`node dist/main.js`, production mode, info logs to a file, pool of 10, the outbox worker ON
// in-process with 10 sends at once, rate limits at their defaults) on a fresh database seeded with
// the demo district (seed-demo). Every micro-grid has a member with credits for task pushes, so
// each report's delivery pushes to the fake WeChat server during the run. Residents log in through
// the fake WeChat server (from 200 addresses behind a trusted proxy: the default login limit is 30
// a minute per address), enough of them that none passes the default 120 writes a minute; then a
// separate process runs autocannon posting valid reports with unique requestIds (64 connections,
// 20 s, after a 3 s warm-up that is not counted); then the outbox drains (up to 120 s).
// Last line and bench-results/intake.json:
//   {"reqPerSec":…,"p99Ms":…,"non2xx":…,"acked":…,"rowsInDb":…,"outboxWorker":"on","pushed":…,"lost":…}
// `pushed`: task pushes the fake server received for the run's reports (target ≥ 99 % of acked);
// `lost`: acknowledged reports missing from the database.
// Env: DB_URL (server part used; a fresh database is made and dropped), BENCH_CONNECTIONS (64),
// BENCH_DURATION (20), BENCH_RESIDENTS (2500), BENCH_PROFILE=1 (server runs with --cpu-prof into
// bench-results/intake-prof/), BENCH_SERVER_ENV='K=V,K=V' (extra server settings).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = join(here, '..', '..');
const repoRoot = join(serverDir, '..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 2500);
const base = (process.env.DB_URL ?? 'mysql://root@127.0.0.1:3306/bench').replace(/^mariadb:/, 'mysql:');
if (!/^mysql:/.test(base)) {
  console.error('bench/intake needs DB_URL=mysql://… (MariaDB/MySQL)');
  process.exit(2);
}
const u = new URL(base);
const serverUrl = `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.host}`;
const dbName = `wg_bench_intake_${Date.now().toString(36)}`;
const dbUrl = `${serverUrl}/${dbName}`;
const APPID = 'wxbench00000000000';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cpuMs = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
};
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const loadNow = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const admin = await mysql.createConnection(serverUrl);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const tmp = mkdtempSync(join(tmpdir(), 'wg-bench-intake-'));
let server;
let fake;
let db;
let result;
try {
  const seed = spawnSync(process.execPath, [join(serverDir, 'dist/cli/seed-demo.js')], { cwd: serverDir, env: { PATH: process.env.PATH, DB_URL: dbUrl }, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seed-demo failed: ${seed.stderr}`);
  const { FakeWechat } = await import(join(serverDir, 'dist/wechat/fake/fake-wechat.js'));
  fake = new FakeWechat({ appid: APPID });
  const fakeBase = await fake.start();
  const port = await freePort();
  const profDir = join(repoRoot, 'bench-results', 'intake-prof');
  const nodeArgs = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const extra = Object.fromEntries((process.env.BENCH_SERVER_ENV ?? '').split(',').filter(Boolean).map((kv) => kv.split('=')));
  const logFile = join(tmp, 'server.log');
  server = spawn(process.execPath, [...nodeArgs, join(serverDir, 'dist/main.js')], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DB_URL: dbUrl,
      PORT: String(port),
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
      PII_KEY: 'be'.repeat(32),
      WECHAT_API_BASE: fakeBase,
      WECHAT_APPID: APPID,
      // nginx on the same host, as deploy docs describe: logins are limited per client address.
      TRUST_PROXY: '127.0.0.1',
      ...extra,
    },
    // The production log goes to a file, as it would under a process manager.
    stdio: ['ignore', openSync(logFile, 'a'), 'inherit'],
  });
  const api = `http://127.0.0.1:${port}/api/v1`;
  const bootBy = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}`);
    try {
      if ((await fetch(`${api}/health/ready`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > bootBy) throw new Error('server did not become ready in 60 s');
    await sleep(100);
  }

  db = await mysql.createConnection(dbUrl);
  const [boxes] = await db.query("SELECT min_lng, min_lat, max_lng, max_lat FROM grid_node WHERE level = 'micro' AND min_lng IS NOT NULL");
  const points = boxes.map((b) => ({ lat: (b.min_lat + b.max_lat) / 2, lng: (b.min_lng + b.max_lng) / 2 }));
  const [cats] = await db.query('SELECT code FROM category WHERE active = 1');
  // Logins from 200 client addresses (X-Forwarded-For through the trusted proxy), 25 each.
  let logins = 0;
  const loginAs = async (openid) => {
    const ip = `10.0.${Math.floor(logins / 25) % 200}.${(logins++ % 25) + 1}`;
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(`${api}/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ code: `test:${openid}` }) });
      if (r.status === 200) return r.json();
      if (r.status !== 429 || attempt > 70) throw new Error(`login ${openid}: ${r.status} ${await r.text()}`);
      await sleep(1000); // a later round of 100 addresses: wait for the minute to pass
    }
  };
  const inBatches = async (n, f) => {
    const out = [];
    for (let i = 0; i < n; i += 25) out.push(...(await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, j) => f(i + j)))));
    return out;
  };
  // Staff: one member per micro-grid, with credits for task pushes (granted in the database, as an
  // admin's invite and the member's taps on "allow" would).
  const [micro] = await db.query("SELECT id FROM grid_node WHERE level = 'micro'");
  const members = await inBatches(micro.length, (i) => loginAs(`bench_member_${i}`));
  const now = new Date();
  await db.query('INSERT INTO role_grant (user_id, role, node_id, department_id, granted_by, created_at, revoked_at, revoked_by) VALUES ?', [members.map((m, i) => [m.user.id, 'micro_member', micro[i].id, null, null, now, null, null])]);
  await db.query('INSERT INTO subscribe_credit (user_id, template_key, credits, updated_at) VALUES ?', [members.map((m) => [m.user.id, 'task_new', 1_000_000, now])]);
  const memberOpenids = new Set(members.map((_, i) => `bench_member_${i}`));
  const tokens = (await inBatches(RESIDENTS, (i) => loginAs(`bench_resident_${i}`))).map((b) => b.accessToken);
  const load = (duration, tag) => {
    const planFile = join(tmp, `${tag}.json`);
    writeFileSync(planFile, JSON.stringify({ url: `http://127.0.0.1:${port}`, tokens, points, categories: cats.map((c) => c.code), connections: CONNECTIONS, duration, tag }));
    const r = spawnSync(process.execPath, [join(here, 'load.mjs'), planFile], { cwd: serverDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (r.status !== 0) throw new Error(`load generator failed: ${r.status}`);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  const count = async () => Number((await db.query('SELECT COUNT(*) AS n FROM event'))[0][0].n);

  load(3, 'warm'); // JIT, pools and caches warm; not counted
  await sleep(500);
  const before = await count();
  const load0 = loadNow();
  const cpu0 = cpuMs(server.pid);
  // MariaDB's CPU too (shared with whatever else uses the database server meanwhile).
  const dbPid = Number(spawnSync('pidof', ['mariadbd'], { encoding: 'utf8' }).stdout.trim().split(' ')[0]) || Number(spawnSync('pidof', ['mysqld'], { encoding: 'utf8' }).stdout.trim().split(' ')[0]) || 0;
  const dbCpu0 = dbPid ? cpuMs(dbPid) : NaN;
  const t0 = Date.now();
  const r = load(DURATION, 'run');
  const wallMs = Date.now() - t0;
  const serverCpu = cpuMs(server.pid) - cpu0;
  const dbCpu = dbPid ? cpuMs(dbPid) - dbCpu0 : NaN;
  const load1 = loadNow();
  const rowsInDb = (await count()) - before;
  // Drain: every report's delivery (event.created → push rows) settled, up to 120 s.
  const t1 = Date.now();
  let pendingOutbox = -1;
  while (Date.now() - t1 < 120_000) {
    pendingOutbox = Number((await db.query("SELECT COUNT(*) AS n FROM outbox WHERE status NOT IN ('sent', 'skipped', 'dead') AND kind <> 'event.unclaimed'"))[0][0].n);
    if (pendingOutbox === 0) break;
    await sleep(500);
  }
  const drainMs = Date.now() - t1;
  const [[deadRows]] = await db.query("SELECT COUNT(*) AS n FROM outbox WHERE status = 'dead'");
  // The run's reports only: pushes whose page names an event written after `before`.
  const [[{ firstRun }]] = await db.query('SELECT MIN(id) AS firstRun FROM (SELECT id FROM event ORDER BY id DESC LIMIT ?) t', [rowsInDb]);
  const pushed = fake.messages.filter((m) => memberOpenids.has(m.touser) && Number(/id=(\d+)/.exec(m.page ?? '')?.[1] ?? 0) >= Number(firstRun)).length;
  const lost = r.acked - rowsInDb;
  const [[audit]] = await db.query('SELECT COUNT(*) AS n FROM event_audit');
  const [[outbox]] = await db.query("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'event.created'");
  const total = await count();
  result = { reqPerSec: Math.round(r.reqPerSec), p99Ms: r.p99Ms, non2xx: r.non2xx, acked: r.acked, rowsInDb, outboxWorker: 'on', pushed, lost };
  console.log(`\nintake benchmark (MariaDB, production defaults with the outbox worker on, ${CONNECTIONS} connections, ${DURATION} s, ${RESIDENTS} residents, ${points.length} micro-grids each with a member)`);
  console.table({
    'reports/s (mean)': { value: Math.round(r.reqPerSec) },
    'latency p50 / p90 / p99 / max (ms)': { value: `${r.p50Ms} / ${r.p90Ms} / ${r.p99Ms} / ${r.maxMs}` },
    'acknowledged requestIds (201)': { value: `${r.acked} (${r.retriedAfterRun} cut off by the end of the run and retried; ${r.unacked} never acknowledged)` },
    'non-2xx / errors / timeouts': { value: `${r.non2xx} / ${r.errors} / ${r.timeouts}` },
    'rows written in the run': { value: rowsInDb },
    'acknowledged but not stored (lost)': { value: lost },
    'task pushes received by the fake WeChat server': { value: `${pushed} (${((100 * pushed) / Math.max(1, r.acked)).toFixed(1)} % of acked; outbox drained in ${(drainMs / 1000).toFixed(1)} s after the run, ${pendingOutbox} rows still pending, ${deadRows.n} dead)` },
    'audit rows / event.created outbox rows (all runs)': { value: `${audit.n} / ${outbox.n} for ${total} events` },
    'server CPU per report': { value: `${((serverCpu / Math.max(1, rowsInDb)) * 1000).toFixed(0)} µs (${(serverCpu / wallMs).toFixed(2)} cores busy)` },
    'MariaDB CPU per report': { value: Number.isNaN(dbCpu) ? 'n/a (no local mariadbd)' : `${((dbCpu / Math.max(1, rowsInDb)) * 1000).toFixed(0)} µs (${(dbCpu / wallMs).toFixed(2)} cores busy; includes other users of the database server)` },
    'load generator CPU per report': { value: `${((r.cpuMs / Math.max(1, r.sent)) * 1000).toFixed(0)} µs (autocannon, whole run incl. retries)` },
    'machine load (1/5/15 min) before → after': { value: `${load0} → ${load1} on ${cpus().length} cores` },
  });
  if (r.statusCodes && r.non2xx) console.log('status codes:', JSON.stringify(r.statusCodes));
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((res) => server.on('exit', res));
  }
  await db?.end();
  await fake?.stop();
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
  rmSync(tmp, { recursive: true, force: true });
}
mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench-results', 'intake.json'), JSON.stringify(result) + '\n');
console.log(JSON.stringify(result));
