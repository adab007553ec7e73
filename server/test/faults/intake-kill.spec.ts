import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';
import { login, microGridPoints, seedDemoDb, startFakeWechat, startServer, type ServerProcess } from '../helpers/server-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Fault test from issue 6: the server process is killed with SIGKILL while residents report, each
 * client retrying with the same requestId until it gets its 201 (what the mini-program's offline
 * queue does). After a restart on the same port, every acknowledged report exists exactly once
 * (the id the client was given is the row), a report whose client gave up after a failure exists
 * at most once, and each report kept its audit row and outbox row (same transaction).
 */
describe.each(testDbKinds())('intake survives kill -9 of the server on %s', (kind) => {
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

  it('keeps every acknowledged report exactly once across the crash', async () => {
    db = await createTestDb(kind);
    seedDemoDb(db.url);
    ds = createDataSource(db.url, 2);
    await ds.initialize();
    const points = await microGridPoints((sql) => ds!.query(sql));
    expect(points.length).toBeGreaterThan(5);
    wechat = await startFakeWechat();
    server = await startServer({ dbUrl: db.url, wechatBase: wechat.base });
    const base = server.base;

    const CLIENTS = 6;
    const users = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => login(base, `kill_${kind}_${i}`)));
    const acked = new Map<string, number>(); // request key → event id the client was told
    const abandoned = new Set<string>();
    const unexpected: string[] = [];
    let failures = 0;
    let retriedThenAcked = 0;
    let stopNew = false;
    const giveUpBy = Date.now() + 40_000;

    /** One client: new report, retried with the same requestId until 201 (odd clients give up after one failure). */
    const client = async (i: number) => {
      const u = users[i]!;
      let n = 0;
      while (!stopNew) {
        const requestId = randomUUID();
        const key = `u${u.userId}:${requestId}`;
        const body = JSON.stringify({ requestId, category: 'road', description: `井盖缺失 #${i}-${n++}`, location: points[(i + n) % points.length] });
        let failed = false;
        for (;;) {
          let status = 0;
          let res: { id?: number; code?: string } = {};
          try {
            const r = await fetch(`${base}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: u.auth }, body, signal: AbortSignal.timeout(5000) });
            status = r.status;
            res = (await r.json()) as typeof res;
          } catch {
            status = 0; // connection refused/reset while the server is down
          }
          if (status === 201) {
            acked.set(key, res.id!);
            if (failed) retriedThenAcked++;
            break;
          }
          if (status !== 0 && status !== 503) unexpected.push(`${status} ${JSON.stringify(res)}`);
          failures++;
          failed = true;
          await sleep(100); // back off while the server is down
          if (i % 2 === 1 || Date.now() > giveUpBy) {
            abandoned.add(key);
            break;
          }
        }
      }
    };
    const running = Array.from({ length: CLIENTS }, (_, i) => client(i));

    // Let the load build up, then kill in the middle of it.
    const until = Date.now() + 10_000;
    while (acked.size < 150 && Date.now() < until) await sleep(20);
    const ackedBeforeKill = acked.size;
    await server.kill();
    await sleep(500);
    server = await startServer({ dbUrl: db.url, wechatBase: wechat.base, port: server.port });
    const afterRestart = acked.size;
    while (acked.size < afterRestart + 150 && Date.now() < until + 15_000) await sleep(20);
    stopNew = true;
    await Promise.all(running);

    const rows: { request_key: string; id: number | string; n: number | string }[] = await ds.query('SELECT request_key, MIN(id) AS id, COUNT(*) AS n FROM event GROUP BY request_key');
    const byKey = new Map(rows.map((r) => [r.request_key, { id: Number(r.id), n: Number(r.n) }]));
    const ackedMissingOrWrong = [...acked].filter(([k, id]) => byKey.get(k)?.n !== 1 || byKey.get(k)?.id !== id);
    const abandonedStored = [...abandoned].filter((k) => byKey.has(k));
    const abandonedTwice = [...abandoned].filter((k) => (byKey.get(k)?.n ?? 0) > 1);
    const strangers = [...byKey.keys()].filter((k) => !acked.has(k) && !abandoned.has(k));
    const [{ n: events }] = await ds.query('SELECT COUNT(*) AS n FROM event');
    const [{ n: orphans }] = await ds.query('SELECT COUNT(*) AS n FROM event e WHERE (SELECT COUNT(*) FROM event_audit a WHERE a.event_id = e.id) <> 1');
    const [{ n: outbox }] = await ds.query("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'event.created'");

    console.log(
      `kill -9 on ${kind}: ${acked.size} acknowledged (${ackedBeforeKill} before the kill, ${retriedThenAcked} after retries), ` +
        `${failures} failed attempts, ${abandoned.size} given up (${abandonedStored.length} of them stored), ${Number(events)} rows; ` +
        `acknowledged missing or duplicated: ${ackedMissingOrWrong.length}`,
    );
    expect(unexpected).toEqual([]);
    expect(failures).toBeGreaterThan(0); // the kill did hit requests in flight
    expect(retriedThenAcked).toBeGreaterThan(0);
    expect(acked.size).toBeGreaterThan(ackedBeforeKill);
    expect(ackedMissingOrWrong).toEqual([]);
    expect(abandonedTwice).toEqual([]);
    expect(strangers).toEqual([]);
    expect(Number(orphans)).toBe(0);
    expect(Number(outbox)).toBe(Number(events));
  }, 120_000);
});
