#!/usr/bin/env node
// Notify benchmark (issue 7) on MariaDB: 150,000 staff under one district; a district admin sends
// a notice through the real HTTP API (fan-out = one INSERT … SELECT inside the request), then two
// `outbox-worker` processes drain the 20,000 WeChat pushes it queues (the recipients holding a
// 'notice' credit) to the fake WeChat server. Counts what the fake received: duplicates and lost.
// Last line and bench-results/notify.json:
//   {"fanoutRecipients":…,"fanoutMs":…,"drainPerSec":…,"duplicates":…,"lost":…}
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = join(here, '..', '..');
const repoRoot = join(serverDir, '..');
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 150_000);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 20_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const PER_MICRO = 15;
const base = (process.env.DB_URL ?? 'mysql://root@127.0.0.1:3306/bench').replace(/^mariadb:/, 'mysql:');
if (!/^mysql:/.test(base)) {
  console.error('bench/notify needs DB_URL=mysql://… (MariaDB/MySQL)');
  process.exit(2);
}
const u = new URL(base);
const serverUrl = `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : ''}${u.host}`;
const dbName = `wg_bench_notify_${Date.now().toString(36)}`;
const dbUrl = `${serverUrl}/${dbName}`;
const secret = 'bench-secret-bench-secret-bench-secret-00';
const APPID = 'wxbench00000000000';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** CPU time (ms) a process has used so far, from /proc (Linux): load-independent cost. */
const cpuMs = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
};

const admin = await mysql.createConnection(serverUrl);
await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
const { runMigrations } = await import(join(serverDir, 'dist/db/migrate.js'));
await runMigrations(dbUrl);
const { FakeWechat } = await import(join(serverDir, 'dist/wechat/fake/fake-wechat.js'));
const fake = new FakeWechat({ appid: APPID });
const fakeBase = await fake.start();
const env = {
  DB_URL: dbUrl,
  JWT_SECRET: secret,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  // production requires a key for the register's personal data (a throwaway one for the bench)
  PII_KEY: 'be'.repeat(32),
  WECHAT_API_BASE: fakeBase,
  WECHAT_APPID: APPID,
  DB_POOL_SIZE: '16',
  RATE_WRITE_PER_MIN: '100000',
  OUTBOX_BATCH_SIZE: process.env.BENCH_BATCH ?? '200',
  OUTBOX_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '50',
  OUTBOX_POLL_MS: '50',
};
const { loadConfig } = await import(join(serverDir, 'dist/config/config.js'));
const { createApp } = await import(join(serverDir, 'dist/bootstrap.js'));
// The API does not send here: exactly WORKERS separate processes do.
const app = await createApp(loadConfig({ ...env, PORT: '0', OUTBOX_WORKER: 'off' }));
await app.listen(0, '127.0.0.1');
const api = `http://127.0.0.1:${app.getHttpServer().address().port}/api/v1`;
const db = await mysql.createConnection(dbUrl);
const workers = [];
let result;
try {
  // ---- the tree and the people: district → 10 streets → 10 communities → 10 grids → 10 micro ----
  const t0 = Date.now();
  const now = new Date().toISOString().slice(0, 19).replace('T', ' ');
  const nodes = [['5101', '成都市', 'city', null, '5101/', 0], ['510104', '锦江区', 'district', '5101', '5101/510104/', 1]];
  const micro = [];
  for (let s = 1; s <= 10; s++) {
    const sc = `510104${String(s).padStart(3, '0')}`;
    nodes.push([sc, `街道${s}`, 'street', '510104', `5101/510104/${sc}/`, 2]);
    for (let c = 1; c <= 10; c++) {
      const cc = `${sc}${String(c).padStart(3, '0')}`;
      nodes.push([cc, `社区${s}-${c}`, 'community', sc, `5101/510104/${sc}/${cc}/`, 3]);
      for (let g = 1; g <= 10; g++) {
        const gc = `${cc}${String(g).padStart(3, '0')}`;
        nodes.push([gc, `网格${s}-${c}-${g}`, 'grid', cc, `5101/510104/${sc}/${cc}/${gc}/`, 4]);
        for (let m = 1; m <= 10; m++) {
          const mc = `${gc}${String(m).padStart(3, '0')}`;
          const path = `5101/510104/${sc}/${cc}/${gc}/${mc}/`;
          nodes.push([mc, `微网格${s}-${c}-${g}-${m}`, 'micro', gc, path, 5]);
          micro.push(mc);
        }
      }
    }
  }
  for (let i = 0; i < nodes.length; i += 2000) {
    await db.query('INSERT INTO grid_node (code, name, level, path, depth, is_virtual, crs, synthetic) VALUES ?', [nodes.slice(i, i + 2000).map(([code, name, level, , path, depth]) => [code, name, level, path, depth, 0, 'gcj02', 1])]);
  }
  await db.query('UPDATE grid_node c JOIN grid_node p ON p.code = LEFT(c.code, CASE c.level WHEN \'district\' THEN 4 WHEN \'street\' THEN 6 WHEN \'community\' THEN 9 WHEN \'grid\' THEN 12 ELSE 15 END) SET c.parent_id = p.id WHERE c.level <> \'city\'');
  const [microRows] = await db.query("SELECT id FROM grid_node WHERE level = 'micro' ORDER BY id");
  const users = [];
  for (let i = 0; i < RECIPIENTS; i++) users.push([`bench_u${i}`, now]);
  for (let i = 0; i < users.length; i += 5000) {
    await db.query('INSERT INTO app_user (openid, created_at, disabled) VALUES ?', [users.slice(i, i + 5000).map(([o, c]) => [o, c, 0])]);
  }
  const [[{ first }]] = await db.query("SELECT MIN(id) AS first FROM app_user WHERE openid LIKE 'bench_u%'");
  for (let i = 0; i < RECIPIENTS; i += 5000) {
    const rows = [];
    for (let j = i; j < Math.min(RECIPIENTS, i + 5000); j++) {
      const nodeId = microRows[Math.floor(j / PER_MICRO) % microRows.length].id;
      rows.push([first + j, j % PER_MICRO === 0 ? 'micro_leader' : 'micro_member', nodeId, now]);
    }
    await db.query('INSERT INTO role_grant (user_id, role, node_id, created_at) VALUES ?', [rows]);
  }
  // PUSHES of them accepted the 'notice' subscription once (spread across the tree).
  const step = Math.floor(RECIPIENTS / PUSHES);
  const credit = [];
  for (let k = 0; k < PUSHES; k++) credit.push([first + k * step, 'notice', 1, now]);
  for (let i = 0; i < credit.length; i += 5000) await db.query('INSERT INTO subscribe_credit (user_id, template_key, credits, updated_at) VALUES ?', [credit.slice(i, i + 5000)]);
  const setupMs = Date.now() - t0;

  // The sender logs in through the fake WeChat and holds district_admin.
  const login = await (await fetch(`${api}/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'test:bench_admin' }) })).json();
  const [[district]] = await db.query("SELECT id FROM grid_node WHERE code = '510104'");
  await db.query('INSERT INTO role_grant (user_id, role, node_id, created_at) VALUES (?, ?, ?, ?)', [login.user.id, 'district_admin', district.id, now]);
  const auth = `Bearer ${login.accessToken}`;

  // ---- workers up before the notice, so their boot is not timed ----
  for (let w = 0; w < WORKERS; w++) {
    // BENCH_PROFILE=<dir>: each worker writes a V8 CPU profile there on exit (node --cpu-prof).
    const prof = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const p = spawn(process.execPath, [...prof, join(serverDir, 'dist/cli/outbox-worker.js')], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    workers.push(p);
    await new Promise((res, rej) => {
      let out = '';
      p.stdout.on('data', (d) => {
        out += d;
        if (out.includes('outbox-worker:')) res();
      });
      p.on('exit', (c) => rej(new Error(`worker exited ${c}`)));
    });
  }

  // ---- fan-out through the API ----
  const tf = Date.now();
  const res = await fetch(`${api}/notices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify({ nodeCode: '510104', title: '关于开展燃气安全隐患排查整治的紧急通知', body: '请各街道、社区、网格于本周五前完成辖区燃气安全排查并逐户登记。', ackDeadline: new Date(Date.now() + 3 * 86400_000).toISOString() }),
  });
  const fanoutMs = Date.now() - tf;
  const notice = await res.json();
  if (res.status !== 201) throw new Error(`notice failed: ${res.status} ${JSON.stringify(notice)}`);

  // ---- drain: from the moment the pushes exist until all are sent ----
  const cpu0 = workers.map((p) => cpuMs(p.pid));
  const load0 = loadavg()[0];
  let queuedAt = 0;
  let doneAt = 0;
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const [[s]] = await db.query("SELECT SUM(kind = 'subscribe.send') AS total, SUM(kind = 'subscribe.send' AND status IN ('sent', 'skipped', 'dead')) AS done, SUM(kind = 'notice.push' AND status = 'sent') AS pushed FROM outbox");
    if (!queuedAt && Number(s.pushed) === 1) queuedAt = Date.now();
    if (queuedAt && Number(s.done) === Number(s.total) && Number(s.total) > 0) {
      doneAt = Date.now();
      break;
    }
    await sleep(50);
  }
  const workerCpuMs = workers.reduce((sum, p, i) => sum + cpuMs(p.pid) - cpu0[i], 0);
  const [[st]] = await db.query("SELECT COUNT(*) AS n, SUM(status = 'sent') AS sent, SUM(status = 'dead') AS dead FROM outbox WHERE kind = 'subscribe.send'");
  const got = new Map();
  for (const m of fake.messages) got.set(m.touser, (got.get(m.touser) ?? 0) + 1);
  const duplicates = [...got.values()].reduce((s, c) => s + (c - 1), 0);
  const lost = PUSHES - got.size;
  const drainMs = doneAt - queuedAt;
  result = { fanoutRecipients: notice.recipients, fanoutMs, drainPerSec: doneAt ? Math.round((Number(st.sent) / drainMs) * 1000) : 0, duplicates, lost };
  console.log('\nnotify benchmark (MariaDB, fake WeChat over HTTP)');
  console.table({
    setup: { value: `${nodes.length} nodes, ${RECIPIENTS} users+grants, ${PUSHES} credits`, ms: setupMs },
    'fan-out (POST /notices)': { value: `${notice.recipients} recipients`, ms: fanoutMs },
    [`drain (${WORKERS} workers)`]: { value: `${st.sent}/${st.n} sent, ${st.dead} dead`, ms: drainMs },
    'fake WeChat received': { value: `${fake.messages.length} messages, ${got.size} distinct users`, ms: '' },
    'worker CPU per message': { value: `${(workerCpuMs / Math.max(1, Number(st.sent))).toFixed(2)} ms (both workers, incl. queuing the pushes)`, ms: '' },
    'machine load (1 min avg)': { value: `${load0.toFixed(1)} at drain start on ${(await import('node:os')).cpus().length} cores`, ms: '' },
  });
} finally {
  for (const p of workers) p.kill('SIGTERM');
  await Promise.all(workers.map((p) => (p.exitCode === null ? new Promise((r) => p.on('exit', r)) : undefined)));
  await db.end();
  await app.close();
  await fake.stop();
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}
mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench-results', 'notify.json'), JSON.stringify(result) + '\n');
console.log(JSON.stringify(result));
