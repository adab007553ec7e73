import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { RoleGrantRow } from '../../src/accounts/role-grant.entity.js';
import { createDataSource } from '../../src/db/create-data-source.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';
import { login, microGridPoints, seedDemoDb, startFakeWechat, startServer, type ServerProcess } from '../helpers/server-process.js';

/**
 * Issue 6: two server processes on one database take reports at once. The same requestId sent to
 * both makes one row (both answer with its id), and a claim raced on both has exactly one winner:
 * nothing that decides depends on state only one process holds. On SQLite both processes share
 * the file (WAL); on MariaDB they share the database.
 */
describe.each(testDbKinds())('two server instances on one %s database', (kind) => {
  let db: TestDb;
  let ds: DataSource | undefined;
  const servers: ServerProcess[] = [];
  let wechat: Awaited<ReturnType<typeof startFakeWechat>> | undefined;

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await ds?.destroy();
    await wechat?.fake.stop();
    await db?.drop();
  });

  it('keeps one row per requestId and one winner per raced claim', async () => {
    db = await createTestDb(kind);
    seedDemoDb(db.url);
    ds = createDataSource(db.url, 2);
    await ds.initialize();
    const points = await microGridPoints((sql) => ds!.query(sql), 4);
    wechat = await startFakeWechat();
    servers.push(...(await Promise.all([0, 1].map(() => startServer({ dbUrl: db.url, wechatBase: wechat!.base })))));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const post = async (base: string, auth: string, path: string, body: unknown) => {
      const r = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as { id?: number; replayed?: boolean; code?: string; version?: number } };
    };

    // Sessions live in the database: a login on one instance is valid on the other.
    const residents = await Promise.all([0, 1, 2, 3].map((i) => login(i % 2 ? b.base : a.base, `twin_r${i}_${kind}`)));
    const K = 60;
    const sends: Promise<{ status: number; body: { id?: number; replayed?: boolean } }>[][] = [];
    for (let k = 0; k < K; k++) {
      const u = residents[k % residents.length]!;
      const body = { requestId: randomUUID(), category: 'road', description: `双实例上报 ${k}`, location: points[k % points.length] };
      sends.push([post(a.base, u.auth, '/events', body), post(b.base, u.auth, '/events', body)]);
    }
    const answers = await Promise.all(sends.map((pair) => Promise.all(pair)));
    const statuses = answers.flat().map((r) => r.status);
    const sameId = answers.filter(([x, y]) => x.body.id !== undefined && x.body.id === y.body.id).length;
    const replays = answers.flat().filter((r) => r.body.replayed).length;
    const [{ n: rows }] = await ds.query('SELECT COUNT(*) AS n FROM event');
    const [{ n: dup }] = await ds.query('SELECT COUNT(*) AS n FROM (SELECT request_key FROM event GROUP BY request_key HAVING COUNT(*) > 1) d');

    // Claims raced across the instances: two grid workers of the first micro-grid's grid.
    const [micro] = await ds.query(`SELECT parent_id FROM grid_node WHERE level = 'micro' AND min_lng IS NOT NULL ORDER BY id LIMIT 1`);
    const workers = await Promise.all([0, 1].map((i) => login(i ? b.base : a.base, `twin_w${i}_${kind}`)));
    const now = new Date();
    for (const w of workers) {
      await ds.getRepository(RoleGrantRow).insert({ userId: w.userId, role: 'grid_worker', nodeId: Number(micro.parent_id), departmentId: null, grantedBy: null, createdAt: now, revokedAt: null, revokedBy: null });
    }
    const M = 20;
    let winners = 0;
    let losers409 = 0;
    const other: string[] = [];
    for (let m = 0; m < M; m++) {
      // A worker's own report is accepted at once and can be claimed.
      const ev = await post(a.base, workers[0]!.auth, '/events', { requestId: randomUUID(), category: 'road', description: `抢单 ${m}`, location: points[0] });
      expect(ev.status).toBe(201);
      const race = await Promise.all([
        post(a.base, workers[0]!.auth, `/events/${ev.body.id}/actions/claim`, { version: ev.body.version }),
        post(b.base, workers[1]!.auth, `/events/${ev.body.id}/actions/claim`, { version: ev.body.version }),
      ]);
      for (const r of race) {
        if (r.status === 200) winners++;
        else if (r.status === 409 && r.body.code === 'STALE_VERSION') losers409++;
        else other.push(`${r.status} ${JSON.stringify(r.body)}`);
      }
    }
    const [{ n: claims }] = await ds.query("SELECT COUNT(*) AS n FROM event_audit WHERE action = 'claim'");

    console.log(`two instances on ${kind}: ${K} requestIds sent to both → ${Number(rows)} rows, ${sameId} pairs answered with the same id, ${replays} replays; ${M} raced claims → ${winners} winners, ${losers409} × 409, ${Number(claims)} claim audit rows`);
    expect(answers.flat().filter((r) => r.status !== 201)).toEqual([]);
    expect(statuses).toHaveLength(2 * K);
    expect(Number(rows)).toBe(K);
    expect(Number(dup)).toBe(0);
    expect(sameId).toBe(K);
    expect(replays).toBe(K);
    expect(other).toEqual([]);
    expect(winners).toBe(M);
    expect(losers409).toBe(M);
    expect(Number(claims)).toBe(M);
  }, 120_000);
});
