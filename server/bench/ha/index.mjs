#!/usr/bin/env node
// The HA fault run (issue 23): a 3-node MariaDB Galera cluster (deploy/galera/cluster.mjs), two API
// instances (`node dist/main.js`, production mode, outbox worker on in each) whose DB_URL names all
// three nodes (each prefers a different one), nginx in front (deploy/nginx), and the fake WeChat
// server. Residents report through nginx at a steady rate; a report not acknowledged (error, 5xx,
// cut connection) is retried with the same requestId, as the mini-program's queue does. Mid-load:
// kill -9 Galera node 2 (API 2's preferred node), later kill -9 API instance 1; then restart both
// (the node rejoins by IST). After the load the outboxes drain, then everything is counted:
//   lost           acknowledged reports missing from the database
//   duplicates     reports stored more than once (each report's text carries its requestId)
//   pushDuplicates task pushes the fake WeChat server received more than once for the same report
// Writes bench-results/ha.json:
//   {"galeraNodes":3,"apiInstances":2,"dbNodeKilled":true,"apiKilled":true,"acked":…,"lost":0,"duplicates":0,"pushDuplicates":0,"reqPerSec":…}
// and exits 1 when lost, duplicates or pushDuplicates is not 0 (npm test runs `--short`).
// Options: --short (40 s of load instead of 120), BENCH_HA_RATE (reports/s, 40), BENCH_HA_SECONDS.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = join(here, '..', '..');
const repoRoot = join(serverDir, '..');
const SHORT = process.argv.includes('--short');
const SECONDS = Number(process.env.BENCH_HA_SECONDS ?? (SHORT ? 40 : 120));
const RATE = Number(process.env.BENCH_HA_RATE ?? 40);
const CLUSTER = join(repoRoot, 'deploy', 'galera', 'cluster.mjs');
const NODES = [3311, 3312, 3313];
const APPID = 'wxbenchha000000000';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const log = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}`);
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const cluster = (...a) => {
  const r = spawnSync(process.execPath, [CLUSTER, ...a], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`galera ${a.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout.trim();
};

for (const [what, ok] of [
  ['galera-4 (/usr/lib/galera/libgalera_smm.so)', existsSync('/usr/lib/galera/libgalera_smm.so')],
  ['nginx', spawnSync('nginx', ['-v']).status === 0],
  ['rsync', spawnSync('rsync', ['--version']).status === 0],
]) {
  if (!ok) {
    console.log(`ha fault run: SKIPPED — ${what} is not installed (apt-get install galera-4 rsync nginx)`);
    process.exit(0);
  }
}

log(cluster('start'));
const dbName = `wg_ha_${Date.now().toString(36)}`;
const hosts = (first) => [...NODES.slice(first), ...NODES.slice(0, first)].map((p) => `127.0.0.1:${p}`).join(',');
const admin = await mysql.createConnection('mysql://root@127.0.0.1:3311');
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const tmp = mkdtempSync(join(tmpdir(), 'wg-ha-'));
const apis = [];
let nginx;
let fake;
let db;
let result;
let failed = false;
const env = (port, first) => ({
  PATH: process.env.PATH,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DB_URL: `mysql://root@${hosts(first)}/${dbName}`,
  PORT: String(port),
  JWT_SECRET: 'bench-ha-secret-bench-ha-secret-bench-ha-0',
  PII_KEY: 'ac'.repeat(32),
  WECHAT_API_BASE: '',
  WECHAT_APPID: APPID,
  TRUST_PROXY: '127.0.0.1',
});
const startApi = async (i, port, wechat) => {
  const child = spawn(process.execPath, [join(serverDir, 'dist/main.js')], {
    cwd: serverDir,
    env: { ...env(port, i), WECHAT_API_BASE: wechat },
    stdio: ['ignore', openSync(join(tmp, `api${i + 1}.log`), 'a'), openSync(join(tmp, `api${i + 1}.log`), 'a')],
  });
  apis[i] = { child, port };
  const by = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API ${i + 1} exited ${child.exitCode} (see ${join(tmp, `api${i + 1}.log`)})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`)).status === 200) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > by) throw new Error(`API ${i + 1} not ready in 90 s`);
    await sleep(200);
  }
};

try {
  // Seed through node 1 (the demo district; migrations run once, under the schema lock).
  const seed = spawnSync(process.execPath, [join(serverDir, 'dist/cli/seed-demo.js')], { cwd: serverDir, env: { PATH: process.env.PATH, DB_URL: `mysql://root@${hosts(0)}/${dbName}` }, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seed-demo failed: ${seed.stderr}`);
  log('demo district seeded');
  const { FakeWechat } = await import(join(serverDir, 'dist/wechat/fake/fake-wechat.js'));
  fake = new FakeWechat({ appid: APPID });
  const wechat = await fake.start();
  const ports = [await freePort(), await freePort()];
  await Promise.all([startApi(0, ports[0], wechat), startApi(1, ports[1], wechat)]);
  log(`API instances ready on ${ports.join(', ')}`);
  const { renderNginx } = await import(join(repoRoot, 'deploy', 'nginx', 'render.mjs'));
  const listen = await freePort();
  const h5 = join(repoRoot, 'miniapp', 'dist', 'h5');
  const conf = renderNginx({ prefix: join(tmp, 'nginx'), listen: `127.0.0.1:${listen}`, upstreams: ports.map((p) => `127.0.0.1:${p}`), h5: existsSync(h5) ? h5 : tmp });
  nginx = spawn('nginx', ['-p', join(tmp, 'nginx'), '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const api = `http://127.0.0.1:${listen}/api/v1`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${api}/health/ready`)).status === 200) break;
    } catch {
      /* nginx starting */
    }
    if (i > 100) throw new Error('nginx did not answer');
    await sleep(100);
  }
  log(`nginx on 127.0.0.1:${listen} → 2 instances`);

  db = await mysql.createConnection(`mysql://root@127.0.0.1:3311/${dbName}`);
  const [boxes] = await db.query("SELECT id, min_lng, min_lat, max_lng, max_lat FROM grid_node WHERE level = 'micro' AND min_lng IS NOT NULL ORDER BY id LIMIT 200");
  const points = boxes.map((b) => ({ lat: (b.min_lat + b.max_lat) / 2, lng: (b.min_lng + b.max_lng) / 2 }));
  let logins = 0;
  const loginAs = async (openid) => {
    const ip = `10.1.${Math.floor(logins / 20) % 200}.${(logins++ % 20) + 1}`;
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(`${api}/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ code: `test:${openid}` }) });
      if (r.status === 200) return r.json();
      if (attempt > 20) throw new Error(`login ${openid}: ${r.status} ${await r.text()}`);
      await sleep(500);
    }
  };
  // A member with task-push credits in each of the micro-grids reported into: every report is one push.
  const members = [];
  for (let i = 0; i < boxes.length; i += 20) members.push(...(await Promise.all(boxes.slice(i, i + 20).map((_, j) => loginAs(`ha_member_${i + j}`)))));
  const now = new Date();
  await db.query('INSERT INTO role_grant (user_id, role, node_id, department_id, granted_by, created_at, revoked_at, revoked_by) VALUES ?', [members.map((m, i) => [m.user.id, 'micro_member', boxes[i].id, null, null, now, null, null])]);
  await db.query('INSERT INTO subscribe_credit (user_id, template_key, credits, updated_at) VALUES ?', [members.map((m) => [m.user.id, 'task_new', 1_000_000, now])]);
  // Residents: enough that none passes the default 120 writes a minute.
  const residents = [];
  const nRes = Math.max(40, Math.ceil((RATE * 60) / 60));
  for (let i = 0; i < nRes; i += 20) residents.push(...(await Promise.all(Array.from({ length: Math.min(20, nRes - i) }, (_, j) => loginAs(`ha_resident_${i + j}`)))));
  log(`${members.length} members, ${residents.length} residents logged in through nginx`);

  // The load: RATE new reports a second, each retried with its requestId until acknowledged.
  const acked = new Map(); // requestId → event id
  const stats = { sent: 0, retries: 0, byStatus: {} };
  const until = Date.now() + SECONDS * 1000;
  const giveUpAt = until + 90_000;
  const inflight = new Set();
  const report = async (n) => {
    const requestId = randomUUID();
    const who = residents[n % residents.length];
    const body = JSON.stringify({ requestId, category: 'road', description: `高可用测试 ${requestId}`, location: points[n % points.length] });
    for (let attempt = 0; Date.now() < giveUpAt; attempt++) {
      if (attempt) stats.retries++;
      stats.sent++;
      try {
        const r = await fetch(`${api}/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${who.accessToken}`, 'x-forwarded-for': `10.2.${n % 200}.1` }, body, signal: AbortSignal.timeout(15_000) });
        stats.byStatus[r.status] = (stats.byStatus[r.status] ?? 0) + 1;
        if (r.status === 201) {
          acked.set(requestId, (await r.json()).id);
          return;
        }
        await r.arrayBuffer();
      } catch {
        stats.byStatus.error = (stats.byStatus.error ?? 0) + 1;
      }
      await sleep(Math.min(2000, 200 * 2 ** attempt));
    }
  };
  const faults = [
    [0.25, 'kill -9 Galera node 2', () => cluster('kill', '2')],
    [0.45, 'kill -9 API instance 1', () => apis[0].child.kill('SIGKILL')],
    [0.6, 'restart Galera node 2 (IST)', () => spawn(process.execPath, [CLUSTER, 'restart', '2'], { stdio: 'ignore' })],
    [0.7, 'restart API instance 1', () => startApi(0, ports[0], wechat).then(() => log('API instance 1 ready again'))],
  ];
  const started = Date.now();
  let n = 0;
  const pending = [];
  while (Date.now() < until) {
    const due = Math.floor(((Date.now() - started) / 1000) * RATE);
    while (n < due) {
      const p = report(n++);
      inflight.add(p);
      p.finally(() => inflight.delete(p));
    }
    const frac = (Date.now() - started) / (SECONDS * 1000);
    while (faults.length && frac >= faults[0][0]) {
      const [, what, act] = faults.shift();
      log(`${what}`);
      const r = act();
      if (r instanceof Promise) pending.push(r);
    }
    await sleep(20);
  }
  log(`load over: ${n} reports issued; waiting for the unacknowledged ones to be retried`);
  await Promise.all([...inflight]);
  await Promise.all(pending);
  const wallS = (Date.now() - started) / 1000;
  // Node 2 back in the cluster?
  for (let i = 0; i < 240 && !/Synced/.test(cluster('status').split('\n')[1] ?? ''); i++) await sleep(500);
  log(cluster('status').replace(/\n/g, ' | '));

  // Drain: every event.created and subscribe.send row settled (each API instance's worker sends).
  const d0 = Date.now();
  let left = -1;
  while (Date.now() - d0 < 180_000) {
    [[{ left }]] = await db.query("SELECT COUNT(*) AS `left` FROM outbox WHERE kind IN ('event.created', 'subscribe.send') AND status NOT IN ('sent', 'skipped', 'dead')");
    if (Number(left) === 0) break;
    await sleep(1000);
  }
  log(`outbox drained in ${((Date.now() - d0) / 1000).toFixed(1)} s (${left} left)`);
  const [rows] = await db.query("SELECT id, SUBSTRING(description, 7) AS rid FROM event WHERE description LIKE '高可用测试 %'");
  const byRid = new Map();
  for (const r of rows) byRid.set(r.rid, [...(byRid.get(r.rid) ?? []), Number(r.id)]);
  const duplicates = [...byRid.values()].filter((ids) => ids.length > 1).length;
  const lost = [...acked.entries()].filter(([rid, id]) => !(byRid.get(rid) ?? []).includes(Number(id))).length;
  const ids = new Set(rows.map((r) => Number(r.id)));
  const pushes = new Map();
  for (const m of fake.messages) {
    const id = Number(/id=(\d+)/.exec(m.page ?? '')?.[1] ?? 0);
    if (ids.has(id)) pushes.set(`${m.touser} ${id}`, (pushes.get(`${m.touser} ${id}`) ?? 0) + 1);
  }
  const pushDuplicates = [...pushes.values()].filter((c) => c > 1).length;
  const unpushed = [...ids].filter((id) => ![...pushes.keys()].some((k) => k.endsWith(` ${id}`))).length;
  const [[{ dead }]] = await db.query("SELECT COUNT(*) AS dead FROM outbox WHERE status = 'dead'");
  result = { galeraNodes: 3, apiInstances: 2, dbNodeKilled: true, apiKilled: true, acked: acked.size, lost, duplicates, pushDuplicates, reqPerSec: Math.round((acked.size / wallS) * 10) / 10 };
  console.log(`\nHA fault run (${SHORT ? 'short, ' : ''}${SECONDS} s at ${RATE} reports/s through nginx → 2 API instances → 3-node Galera)`);
  console.table({
    'reports issued / acknowledged': { value: `${n} / ${acked.size} (${acked.size < n ? `${n - acked.size} never acknowledged within 90 s of the end` : 'all'})` },
    'requests sent (incl. retries)': { value: `${stats.sent} (${stats.retries} retries) ${JSON.stringify(stats.byStatus)}` },
    'rows stored / lost / stored twice': { value: `${rows.length} / ${lost} / ${duplicates}` },
    'pushes: reports pushed / never pushed / pushed twice': { value: `${ids.size - unpushed} / ${unpushed} / ${pushDuplicates}` },
    'outbox rows dead': { value: Number(dead) },
    'machine load (1/5/15 min), cores': { value: `${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length}` },
  });
  failed = lost > 0 || duplicates > 0 || pushDuplicates > 0 || acked.size < n || unpushed > 0;
} catch (e) {
  console.error(`ha fault run failed: ${e.stack ?? e}`);
  failed = true;
} finally {
  for (const a of apis) if (a?.child.exitCode === null) a.child.kill('SIGTERM');
  await Promise.all(apis.map((a) => a && a.child.exitCode === null && new Promise((r) => a.child.on('exit', r))));
  nginx?.kill('SIGTERM');
  await db?.end();
  await fake?.stop();
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch(() => undefined);
  await admin.end();
  if (!failed) rmSync(tmp, { recursive: true, force: true });
  else console.error(`logs kept in ${tmp}`);
  if (process.env.BENCH_HA_KEEP_CLUSTER !== '1') log(cluster('stop'));
}
if (result) {
  mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench-results', 'ha.json'), JSON.stringify(result) + '\n');
  console.log(JSON.stringify(result));
}
process.exit(failed ? 1 : 0);
