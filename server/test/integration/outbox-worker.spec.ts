import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/create-data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { sqlTime } from '../../src/db/rows.js';
import { enqueueOutbox } from '../../src/outbox/enqueue.js';
import { SenderRegistry } from '../../src/outbox/sender-registry.js';
import { PermanentSendError, type OutboxSender } from '../../src/outbox/send-result.js';
import { OutboxWorker, type OutboxWorkerOptions } from '../../src/outbox/worker.js';
import { createTestDb, testDbKinds, type TestDb } from '../helpers/databases.js';

interface Row {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  due_at: string | Date;
  last_error: string | null;
  claimed_by: string | null;
}

const FAST: Partial<OutboxWorkerOptions> = { pollMs: 20, sendTimeoutMs: 2000, leaseMs: 30_000, backoffBaseMs: 2000, backoffMaxMs: 60_000 };

function registry(senders: Record<string, OutboxSender>): SenderRegistry {
  const r = new SenderRegistry();
  for (const [k, s] of Object.entries(senders)) r.register(k, s);
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const toMs = (v: string | Date) => (v instanceof Date ? v.getTime() : Date.parse(v.replace(' ', 'T') + 'Z'));

describe.each(testDbKinds())('outbox worker on %s', (kind) => {
  let db: TestDb;
  const sources: DataSource[] = [];

  async function open(pool = 4): Promise<DataSource> {
    const ds = createDataSource(db.url, pool);
    await ds.initialize();
    sources.push(ds);
    return ds;
  }
  async function rows(ds: DataSource): Promise<Row[]> {
    return ds.query('SELECT id, kind, status, attempts, due_at, last_error, claimed_by FROM outbox ORDER BY id');
  }
  async function enqueue(ds: DataSource, n: number, k = 'test.push', dueAt?: Date) {
    for (let i = 0; i < n; i += 500) {
      await enqueueOutbox(
        ds.manager,
        Array.from({ length: Math.min(500, n - i) }, (_, j) => ({ kind: k, payload: { n: i + j, text: '通知🏮' }, dueAt })),
      );
    }
  }

  beforeEach(async () => {
    db = await createTestDb(kind);
    await runMigrations(db.url);
  });
  afterEach(async () => {
    for (const ds of sources.splice(0)) if (ds.isInitialized) await ds.destroy();
    await db.drop();
  });

  it('sends due rows of the kinds it knows, once each, with the payload intact, and marks them sent', async () => {
    const ds = await open();
    await enqueue(ds, 3);
    await enqueue(ds, 1, 'test.push', new Date(Date.now() + 3_600_000)); // not due yet
    await enqueue(ds, 1, 'other.kind'); // nobody here can send it
    const got: unknown[] = [];
    const w = new OutboxWorker(ds, registry({ 'test.push': async (p) => void got.push(p) }), FAST);
    await w.drain();
    expect(got).toEqual([0, 1, 2].map((n) => ({ n, text: '通知🏮' })));
    const r = await rows(ds);
    expect(r.map((x) => [x.kind, x.status, Number(x.attempts)])).toEqual([
      ['test.push', 'sent', 1],
      ['test.push', 'sent', 1],
      ['test.push', 'sent', 1],
      ['test.push', 'pending', 0],
      ['other.kind', 'pending', 0],
    ]);
    expect(await w.runOnce()).toBe(0);
  });

  it('retries a failing send with growing backoff, then marks it sent', async () => {
    const ds = await open();
    await enqueue(ds, 1);
    let calls = 0;
    const w = new OutboxWorker(
      ds,
      registry({
        'test.push': async () => {
          if (++calls <= 2) throw new Error(`wechat system busy (${calls})`);
        },
      }),
      FAST,
    );
    const delays: number[] = [];
    for (let i = 1; i <= 2; i++) {
      const t = Date.now();
      expect(await w.runOnce()).toBe(1);
      const [row] = await rows(ds);
      expect(row!.status).toBe('pending');
      expect(Number(row!.attempts)).toBe(i);
      expect(row!.last_error).toBe(`wechat system busy (${i})`);
      delays.push(toMs(row!.due_at) - t);
      expect(await w.runOnce()).toBe(0); // not due again yet
      await ds.query('UPDATE outbox SET due_at = ?', [sqlTime(new Date(Date.now() - 1000))]); // let time pass
    }
    // base 2 s then 4 s, ±20 % jitter (1.6–2.4 s, 3.2–4.8 s), minus up to 1 s where MariaDB's
    // DATETIME truncates the fraction
    expect(delays[0]).toBeGreaterThanOrEqual(600);
    expect(delays[0]).toBeLessThanOrEqual(2600);
    expect(delays[1]).toBeGreaterThanOrEqual(2200);
    expect(delays[1]).toBeLessThanOrEqual(5000);
    expect(await w.runOnce()).toBe(1);
    const [row] = await rows(ds);
    expect(row!.status).toBe('sent');
    expect(Number(row!.attempts)).toBe(3);
    expect(w.counters).toMatchObject({ sent: 1, retried: 2, dead: 0 });
  });

  it('dead-letters after the attempt limit, at once on a permanent error, and records skips', async () => {
    const ds = await open();
    await enqueue(ds, 1, 'always.fails');
    await enqueue(ds, 1, 'bad.openid');
    await enqueue(ds, 1, 'no.credit');
    await ds.query(`INSERT INTO outbox (kind, payload, status, attempts, due_at, created_at) VALUES ('always.fails', '{not json', 'pending', 0, ?, ?)`, [sqlTime(new Date(0)), sqlTime(new Date())]);
    const w = new OutboxWorker(
      ds,
      registry({
        'always.fails': async () => {
          throw new Error('errcode -1: system error');
        },
        'bad.openid': async () => {
          throw new PermanentSendError('errcode 40003: invalid openid');
        },
        'no.credit': async () => ({ skipped: 'errcode 43101: user has no subscription credit' }),
      }),
      { ...FAST, maxAttempts: 3 },
    );
    for (let i = 0; i < 3; i++) {
      await w.runOnce();
      await ds.query(`UPDATE outbox SET due_at = ? WHERE status = 'pending'`, [sqlTime(new Date(Date.now() - 1000))]);
    }
    const r = await rows(ds);
    expect(r.map((x) => [x.kind, x.status, Number(x.attempts), x.last_error])).toEqual([
      ['always.fails', 'dead', 3, 'gave up after 3 attempts: errcode -1: system error'],
      ['bad.openid', 'dead', 1, 'errcode 40003: invalid openid'],
      ['no.credit', 'skipped', 1, 'errcode 43101: user has no subscription credit'],
      ['always.fails', 'dead', 1, 'payload is not valid JSON'],
    ]);
    expect(await w.runOnce()).toBe(0);
  });

  it('aborts a send that hangs at a real HTTP endpoint and retries it; a 5xx is retried too', async () => {
    const ds = await open();
    let hits = 0;
    const server: Server = createServer((req, res) => {
      hits++;
      if (req.url === '/hang') return; // never answers
      res.statusCode = 503;
      res.end('{"errcode":-1}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await enqueue(ds, 1, 'hang');
      await enqueue(ds, 1, 'busy');
      const post = (path: string): OutboxSender => async (_p, ctx) => {
        const res = await fetch(base + path, { method: 'POST', signal: ctx.signal });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
      };
      const w = new OutboxWorker(ds, registry({ hang: post('/hang'), busy: post('/busy') }), { ...FAST, sendTimeoutMs: 300, leaseMs: 10_000 });
      const t = Date.now();
      expect(await w.runOnce()).toBe(2);
      expect(Date.now() - t).toBeLessThan(2000);
      const r = await rows(ds);
      expect(r.map((x) => [x.kind, x.status, x.last_error])).toEqual([
        ['hang', 'pending', 'send timed out after 300 ms'],
        ['busy', 'pending', 'HTTP 503'],
      ]);
      expect(hits).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('never sends a row twice with four workers draining at once', async () => {
    const N = 1200;
    const seed = await open();
    await enqueue(seed, N);
    const sends = new Map<number, number>();
    const byWorker: Record<string, number> = {};
    const workers = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const ds = await open(4);
        const w: OutboxWorker = new OutboxWorker(
          ds,
          registry({
            'test.push': async (_p, ctx) => {
              sends.set(ctx.messageId, (sends.get(ctx.messageId) ?? 0) + 1);
              byWorker[w.id] = (byWorker[w.id] ?? 0) + 1;
              await sleep(Math.random() * 2);
            },
          }),
          { ...FAST, workerId: `w${i}`, batchSize: 20, concurrency: 5 },
        );
        return w;
      }),
    );
    workers.forEach((w) => w.start());
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      const [{ n }] = await seed.query(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`);
      if (Number(n) === N) break;
      await sleep(100);
    }
    await Promise.all(workers.map((w) => w.stop()));
    const dupes = [...sends.values()].filter((c) => c > 1).length;
    process.stdout.write(`[${kind}] 4 workers sent ${sends.size}/${N}, duplicates ${dupes}, per worker ${JSON.stringify(byWorker)}\n`);
    expect(sends.size).toBe(N);
    expect(dupes).toBe(0);
    const statuses = await seed.query('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status');
    expect(statuses.map((s: { status: string; n: unknown }) => [s.status, Number(s.n)])).toEqual([['sent', N]]);
    // Every worker took part: the claims really interleaved rather than one worker taking all.
    expect(Object.keys(byWorker).length).toBeGreaterThanOrEqual(2);
  });

  it('hands a row over when its claim expires, and the late worker cannot overwrite the new claim', async () => {
    const ds = await open();
    await enqueue(ds, 1);
    let release!: () => void;
    const slowDone = new Promise<void>((r) => (release = r));
    const sentBy: string[] = [];
    const lease = { ...FAST, batchSize: 10, leaseMs: 30_000 };
    const slow = new OutboxWorker(
      ds,
      registry({
        'test.push': async () => {
          sentBy.push('slow');
          await slowDone;
        },
      }),
      { ...lease, workerId: 'slow' },
    );
    const other = new OutboxWorker(ds, registry({ 'test.push': async () => void sentBy.push('other') }), { ...lease, workerId: 'other' });
    const slowRun = slow.runOnce();
    while (sentBy.length === 0) await sleep(5);
    // While the claim holds, nobody else takes the row.
    await other.housekeeping(true);
    expect(await other.runOnce()).toBe(0);
    // The lease runs out (as if 30 s had passed with the worker hung).
    await ds.query('UPDATE outbox SET claimed_until = ?', [sqlTime(new Date(Date.now() - 1000))]);
    await other.housekeeping(true);
    expect(await other.runOnce()).toBe(1);
    release();
    await slowRun;
    const [row] = await rows(ds);
    expect(row!.status).toBe('sent');
    expect(row!.claimed_by).toMatch(/^other#/);
    expect(Number(row!.attempts)).toBe(2);
    expect(sentBy).toEqual(['slow', 'other']); // the at-least-once case a hung worker produces
    expect(slow.counters.leaseLost).toBe(1);
    expect(other.counters.reaped).toBe(1);
  });

  it('dead-letters a row whose worker died on every attempt instead of crash-looping', async () => {
    const ds = await open();
    await enqueue(ds, 1);
    await ds.query(`UPDATE outbox SET status = 'sending', attempts = 3, claimed_by = 'gone#1', claimed_until = ?`, [sqlTime(new Date(Date.now() - 1000))]);
    const w = new OutboxWorker(ds, registry({ 'test.push': async () => undefined }), { ...FAST, maxAttempts: 3 });
    await w.housekeeping(true);
    const [row] = await rows(ds);
    expect(row!.status).toBe('dead');
    expect(row!.last_error).toMatch(/worker stopped mid-send/);
  });

  it('hands rows of a kind with a batch sender over together, and falls back to one by one when the batch fails', async () => {
    const ds = await open();
    await enqueue(ds, 12);
    await enqueue(ds, 2, 'single.kind');
    const calls: number[] = [];
    const singles: number[] = [];
    const r = new SenderRegistry();
    r.register(
      'test.push',
      async (p) => {
        const n = (p as { n: number }).n;
        singles.push(n);
        if (n === 3) throw new PermanentSendError('row 3 can never be sent');
        if (n === 4) return { skipped: 'nobody to tell' };
      },
      async (items) => {
        calls.push(items.length);
        // The first batch fails as a whole (one bad row); the worker then tries each alone.
        if (items.some((i) => (i.payload as { n: number }).n === 3)) throw new Error('row 3 spoils the batch');
        return items.map(() => undefined);
      },
    );
    r.register('single.kind', async () => undefined);
    const w = new OutboxWorker(ds, r, { ...FAST, batchSize: 50 });
    await w.drain();
    expect(calls).toEqual([12]);
    expect(singles.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const byStatus = (await rows(ds)).reduce<Record<string, number>>((acc, x) => ({ ...acc, [x.status]: (acc[x.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ sent: 12, dead: 1, skipped: 1 });

    // A batch without a bad row is one call, each row settled with its own outcome.
    await enqueue(ds, 5);
    const ok = new SenderRegistry();
    ok.register('test.push', async () => undefined, async (items) => {
      calls.push(items.length);
      return items.map((i) => ((i.payload as { n: number }).n === 1 ? { skipped: 'second thoughts' } : undefined));
    });
    await new OutboxWorker(ds, ok, FAST).drain();
    expect(calls).toEqual([12, 5]);
    const last = (await rows(ds)).slice(-5).map((x) => x.status);
    expect(last).toEqual(['sent', 'skipped', 'sent', 'sent', 'sent']);
  });

  it('purges sent rows past retention and keeps the rest', async () => {
    const ds = await open();
    await enqueue(ds, 2, 'test.push', new Date(Date.now() - 20 * 86_400_000));
    await enqueue(ds, 1, 'test.push');
    const w = new OutboxWorker(ds, registry({ 'test.push': async () => undefined }), { ...FAST, retentionDays: 14 });
    await w.drain();
    await w.housekeeping(true);
    expect((await rows(ds)).map((r) => r.status)).toEqual(['sent']);
  });

  it('stops cleanly: sends in flight are settled, nothing is left claimed', async () => {
    const ds = await open();
    await enqueue(ds, 30);
    let started = 0;
    const w = new OutboxWorker(
      ds,
      registry({
        'test.push': async () => {
          started++;
          await sleep(200);
        },
      }),
      { ...FAST, batchSize: 10, concurrency: 10 },
    );
    w.start();
    while (started === 0) await sleep(5);
    await w.stop();
    const r = await rows(ds);
    expect(r.filter((x) => x.status === 'sending')).toEqual([]);
    expect(r.filter((x) => x.status === 'sent').length).toBeGreaterThanOrEqual(10);
    expect(r.filter((x) => x.status === 'pending').length).toBeGreaterThan(0);
  });
});
