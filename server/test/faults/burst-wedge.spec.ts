import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { RoleGrantRow } from '../../src/accounts/role-grant.entity.js';
import { createDataSource } from '../../src/db/create-data-source.js';
import { SubscribeCredit } from '../../src/notify/subscribe-credit.entity.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';
import { login, microGridPoints, seedDemoDb, startFakeWechat, startServer, type ServerProcess } from '../helpers/server-process.js';

/** Micro-grids (of 20) with a member; reports in the rest go to the grid workers above them. */
const MEMBERS = 4;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 16 §1, reproduced as found: a burst of reports at the default configuration — pool of 10,
 * the outbox worker in-process with 10 sends at once, rate limits and the deadline scan on,
 * production mode (so the development guard is off and only the fix itself is tested) — with grid
 * staff present, so each report's delivery fans out to members or, where a micro-grid has none, to
 * the grid workers above it (the path that queried outside its transaction). Before the fix this
 * wedged MariaDB: timeouts, /health/ready 503 for minutes, SIGTERM ignored.
 */
describe.each(testDbKinds())('a burst of reports with staff present on %s', (kind) => {
  let db: TestDb;
  let ds: DataSource | undefined;
  let server: ServerProcess | undefined;
  let wechat: Awaited<ReturnType<typeof startFakeWechat>> | undefined;

  afterAll(async () => {
    await server?.kill();
    await ds?.destroy();
    await wechat?.fake.stop();
    await db?.drop();
  });

  it('answers every report, stays ready, pushes every task and stops on SIGTERM within 10 s', async () => {
    db = await createTestDb(kind);
    seedDemoDb(db.url);
    ds = createDataSource(db.url, 2);
    await ds.initialize();
    wechat = await startFakeWechat();
    server = await startServer({
      dbUrl: db.url,
      wechatBase: wechat.base,
      // The README's defaults, not the test harness's relaxed ones.
      env: { NODE_ENV: 'production', PII_KEY: 'ab'.repeat(32), OUTBOX_WORKER: 'on', RATE_LOGIN_PER_MIN: '30', RATE_WRITE_PER_MIN: '120', EVENT_SCAN_MS: '30000' },
    });
    const base = server.base;
    const micro: { id: number; parent_id: number }[] = (await ds.query(`SELECT id, parent_id FROM grid_node WHERE level = 'micro' AND min_lng IS NOT NULL ORDER BY id LIMIT 20`)).map((r: { id: unknown; parent_id: unknown }) => ({ id: Number(r.id), parent_id: Number(r.parent_id) }));
    const points = await microGridPoints((sql) => ds!.query(sql), 20);

    // Staff: a member in each of the first MEMBERS micro-grids and a grid worker at every community
    // above the micro-grids, each with credits for task pushes. A new (待核实) report is pushed to
    // whoever can verify it — the grid worker — and members hear of it after 立案 (issue 20), so
    // every report's push goes to the worker. Logins stay under the default 30 a minute from one address.
    const now = new Date();
    const staff: number[] = [];
    const grants: { userId: number; role: string; nodeId: number }[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const u = await login(base, `wedge_member_${i}`);
      staff.push(u.userId);
      grants.push({ userId: u.userId, role: 'micro_member', nodeId: micro[i]!.id });
    }
    const communities = [...new Set(micro.map((m) => m.parent_id))];
    const worker = await login(base, 'wedge_worker');
    staff.push(worker.userId);
    for (const c of communities) grants.push({ userId: worker.userId, role: 'grid_worker', nodeId: c });
    await ds.getRepository(RoleGrantRow).insert(grants.map((g) => ({ ...g, role: g.role as RoleGrantRow['role'], departmentId: null, grantedBy: null, createdAt: now, revokedAt: null, revokedBy: null })));
    await ds.getRepository(SubscribeCredit).insert(staff.map((userId) => ({ userId, templateKey: 'task_new', credits: 10_000, updatedAt: now })));
    const residents = await Promise.all(Array.from({ length: 18 }, (_, i) => login(base, `wedge_resident_${i}`)));

    // 300 reports, 50 in flight at a time, while a prober asks /health/ready every 200 ms.
    const TOTAL = 300;
    const statuses = new Map<number, number>();
    let next = 0;
    let worstReadyMs = 0;
    const notReady: string[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const t = Date.now();
        const r = await fetch(`${base}/api/v1/health/ready`, { signal: AbortSignal.timeout(5000) }).then((x) => x.status, () => 0);
        worstReadyMs = Math.max(worstReadyMs, Date.now() - t);
        if (r !== 200) notReady.push(`${r} after ${Date.now() - t} ms`);
        await sleep(200);
      }
    })();
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < TOTAL) {
          const k = next++;
          const u = residents[k % residents.length]!;
          const body = JSON.stringify({ requestId: randomUUID(), category: 'road', description: `井盖缺失 ${k}`, location: points[k % points.length] });
          const status = await fetch(`${base}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: u.auth }, body, signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    const burstMs = Date.now() - t0;

    // Every outbox row delivered (event.created fans out into push rows): one push per report.
    const drainBy = Date.now() + 30_000;
    let pending = -1;
    while (Date.now() < drainBy) {
      [{ n: pending }] = (await ds.query("SELECT COUNT(*) AS n FROM outbox WHERE status NOT IN ('sent', 'skipped') AND kind <> 'event.unclaimed'")).map((r: { n: unknown }) => ({ n: Number(r.n) }));
      if (pending === 0) break;
      await sleep(250);
    }
    probing = false;
    await prober;
    const pushed = wechat.fake.messages.filter((m) => /^wedge_(member_\d+|worker)$/.test(m.touser)).length;
    const afterLogin = await fetch(`${base}/api/v1/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'test:wedge_late' }), signal: AbortSignal.timeout(5000) }).then((r) => r.status, () => 0);

    const s0 = Date.now();
    await server.stop();
    const stopMs = Date.now() - s0;

    console.log(
      `burst on ${kind}: ${TOTAL} reports × 50 in flight in ${burstMs} ms → ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `outbox pending after drain ${pending}; ${pushed} pushes; /health/ready worst ${worstReadyMs} ms, not ready ${notReady.length}×; SIGTERM → exit in ${stopMs} ms`,
    );
    expect(Object.fromEntries(statuses)).toEqual({ 201: TOTAL });
    expect(pending).toBe(0);
    expect(pushed).toBe(TOTAL);
    expect(notReady).toEqual([]);
    expect(afterLogin).toBe(200);
    expect(stopMs).toBeLessThan(10_000);
    expect(server.child.exitCode).toBe(0);
  }, 180_000);

  it('with every connection stuck behind a lock: 503 DB_UNAVAILABLE and a readiness that says why, not a hang; SIGTERM still exits within 10 s', async () => {
    if (kind !== 'mysql') return console.log('skipped on SQLite: the embedded database has no pool to exhaust');
    server = await startServer({ dbUrl: db.url, wechatBase: wechat!.base, env: { NODE_ENV: 'production', PII_KEY: 'ab'.repeat(32), DB_POOL_SIZE: '2', DB_ACQUIRE_TIMEOUT_MS: '1500' } });
    const base = server.base;
    const u = await login(base, 'wedge_locked');
    const points = await microGridPoints((sql) => ds!.query(sql), 2);
    // Another client holds every table's writes: the pool's two connections get stuck in INSERTs.
    const mysql = (await import('mysql2/promise')).default;
    const locker = await mysql.createConnection(db.url);
    await locker.query('FLUSH TABLES WITH READ LOCK');
    try {
      const post = (k: number) =>
        fetch(`${base}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: u.auth }, body: JSON.stringify({ requestId: randomUUID(), category: 'road', description: `锁表 ${k}`, location: points[0] }), signal: AbortSignal.timeout(20_000) }).then(
          async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code, ms: 0 }),
          () => ({ status: 0, code: 'timeout', ms: 0 }),
        );
      const stuck = [post(1), post(2)];
      await sleep(300);
      const t0 = Date.now();
      const late = await post(3);
      const lateMs = Date.now() - t0;
      const r0 = Date.now();
      const ready = await fetch(`${base}/api/v1/health/ready`, { signal: AbortSignal.timeout(5000) });
      const readyBody = (await ready.json()) as { checks: { database: { error?: string; pool?: unknown } } };
      const readyMs = Date.now() - r0;
      const s0 = Date.now();
      await server.stop();
      const stopMs = Date.now() - s0;
      console.log(`locked tables, pool of 2: a third report → ${late.status} ${late.code} in ${lateMs} ms; /health/ready → ${ready.status} in ${readyMs} ms (${readyBody.checks.database.error}); SIGTERM → exit in ${stopMs} ms`);
      expect(late).toMatchObject({ status: 503, code: 'DB_UNAVAILABLE' });
      expect(lateMs).toBeLessThan(4000);
      expect(ready.status).toBe(503);
      expect(readyBody.checks.database.error).toMatch(/pool exhausted: 2 of 2 in use/);
      expect(readyMs).toBeLessThan(2000);
      expect(stopMs).toBeLessThan(10_000);
      await Promise.all(stuck);
    } finally {
      await locker.query('UNLOCK TABLES').catch(() => undefined);
      await locker.end();
    }
  }, 60_000);
});
