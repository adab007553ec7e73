import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { backoffMs } from './backoff.js';
import { isSkipped, type OutboxBatchSender, type OutboxSender, type SendOutcome } from './send-result.js';
import { OutboxClaims, type ClaimedRow } from './outbox-claims.repo.js';

export type { ClaimedRow } from './outbox-claims.repo.js';

export interface OutboxWorkerOptions {
  /** Shown in claimed_by and logs; defaults to host:pid:random. */
  workerId?: string;
  /** Rows claimed per round trip. */
  batchSize: number;
  /** Sends in flight at once within a batch. */
  concurrency: number;
  /** Sleep when nothing was due. */
  pollMs: number;
  /** How long a claim protects a row; after that another worker may take it over (crash recovery). */
  leaseMs: number;
  /** A send that takes longer is aborted and retried. */
  sendTimeoutMs: number;
  /** Tries before a row goes to 'dead'. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Sent and skipped rows older than this are deleted (0: keep forever). */
  retentionDays: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  batchSize: 50,
  concurrency: 10,
  pollMs: 200,
  leaseMs: 120_000,
  sendTimeoutMs: 10_000,
  maxAttempts: 10,
  backoffBaseMs: 5_000,
  backoffMaxMs: 30 * 60_000,
  retentionDays: 14,
};

export interface WorkerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

interface SenderLookup {
  get(kind: string): OutboxSender | undefined;
  /** Optional: a sender for several rows of a kind at once. */
  batch?(kind: string): OutboxBatchSender | undefined;
  kinds(): string[];
}

type Result =
  | { id: number; outcome: 'sent' }
  | { id: number; outcome: 'skipped'; reason: string }
  | { id: number; outcome: 'retry'; error: string; attempts: number }
  | { id: number; outcome: 'dead'; error: string };

export interface WorkerCounters {
  batches: number;
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
  /** Rows whose claim expired before we settled them (another worker may send them again). */
  leaseLost: number;
  reaped: number;
  errors: number;
}

class SendTimeout extends Error {}

const MAX_ERROR_LEN = 500;

/**
 * Drains the `outbox` table. Any number of workers (in the API process, or as separate
 * `outbox-worker` processes) can run against one database:
 *
 * - claim: MySQL/MariaDB lock due rows with `SELECT … FOR UPDATE SKIP LOCKED` (READ COMMITTED, so
 *   no gap locks hold up transactions inserting new rows) and mark them 'sending' under a claim
 *   token unique to this batch; SQLite has one writer at a time, so a single
 *   `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING …` is already atomic (`claimRows` in
 *   db/dialect.ts; the outbox's statements are in outbox-claims.repo.ts).
 * - settle: every status change afterwards is conditional on `claimed_by = <token> AND status =
 *   'sending'`, so a worker whose lease expired cannot overwrite a newer claim.
 * - crash: a row stays 'sending' until its lease ends; the reaper then makes it pending again (or
 *   dead once attempts are used up — attempts count claims, so a message that kills its worker
 *   cannot crash-loop forever). Delivery is therefore at-least-once: a crash after the send and
 *   before the settle commit re-sends that message once.
 */
export class OutboxWorker {
  readonly id: string;
  readonly options: OutboxWorkerOptions;
  readonly counters: WorkerCounters = { batches: 0, sent: 0, skipped: 0, retried: 0, dead: 0, leaseLost: 0, reaped: 0, errors: 0 };
  private readonly claims: OutboxClaims;
  private seq = 0;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;
  /** Sends in flight, aborted together if a stop outlasts its grace period. */
  private readonly inflight = new Set<AbortController>();
  private lastReap = 0;
  private lastPurge = 0;

  constructor(
    ds: DataSource,
    private readonly senders: SenderLookup,
    options: Partial<OutboxWorkerOptions> = {},
    private readonly logger: WorkerLogger = silentLogger,
  ) {
    this.options = { ...DEFAULT_OUTBOX_OPTIONS, ...options };
    const o = this.options;
    // A batch must be settled before its lease ends, or another worker would send it again: at
    // worst a batch sender times out and its rows then go one by one (one send timeout more).
    const worstBatchMs = (Math.ceil(o.batchSize / o.concurrency) + (senders.batch ? 1 : 0)) * o.sendTimeoutMs;
    if (o.leaseMs < worstBatchMs + 5_000) {
      throw new Error(`outbox lease (${o.leaseMs} ms) must exceed the worst batch time (${worstBatchMs} ms) plus 5 s`);
    }
    this.id = (options.workerId ?? `${hostname().slice(0, 30)}:${process.pid}:${randomBytes(3).toString('hex')}`).slice(0, 54);
    this.claims = new OutboxClaims(ds);
  }

  /** Starts the polling loop in the background. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Wakes a sleeping loop now (e.g. right after a commit that enqueued messages). */
  kick(): void {
    this.wake?.();
  }

  /**
   * Stops claiming, lets the sends in flight finish (up to `graceMs`, then aborts them so they are
   * settled as retries) and settles them. Rows never leave 'sending' behind on a clean stop.
   */
  async stop(graceMs = this.options.sendTimeoutMs): Promise<void> {
    this.stopping = true;
    this.wake?.();
    if (!this.running) return;
    const t = setTimeout(() => {
      for (const ac of this.inflight) ac.abort(new SendTimeout('worker stopping'));
    }, graceMs);
    try {
      await this.running;
    } finally {
      clearTimeout(t);
      this.running = undefined;
    }
  }

  get isRunning(): boolean {
    return this.running !== undefined && !this.stopping;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let claimed = 0;
      try {
        await this.housekeeping();
        claimed = await this.runOnce();
        failures = 0;
      } catch (e) {
        // Database down or similar: never crash the process, back off and try again.
        failures++;
        this.counters.errors++;
        this.logger.error(`outbox worker ${this.id}: ${firstLine(e)}`);
      }
      if (this.stopping) break;
      if (claimed < this.options.batchSize || failures > 0) {
        const ms = failures > 0 ? Math.min(30_000, this.options.pollMs * 2 ** Math.min(failures, 8)) : this.options.pollMs;
        await this.sleep(ms);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  /** One claim → send → settle round. Returns how many rows were claimed (0: nothing due). */
  async runOnce(): Promise<number> {
    const batch = await this.claimBatch();
    if (batch.rows.length === 0) return 0;
    this.counters.batches++;
    // Rows of a kind with a batch sender go together (one job); the rest one job each.
    const jobs: ClaimedRow[][] = [];
    const together = new Map<string, ClaimedRow[]>();
    for (const row of batch.rows) {
      if (!this.senders.batch?.(row.kind)) jobs.push([row]);
      else together.set(row.kind, [...(together.get(row.kind) ?? []), row]);
    }
    jobs.push(...together.values());
    // Sent rows are marked sent as soon as they are (group-committed, see EagerSent), not when the
    // whole batch is done: a worker killed mid-batch then re-sends at most the few rows whose
    // mark was in flight, instead of every row it had already sent in the batch.
    const eager = new EagerSent((ids) => this.claims.sent(batch.token, ids, new Date()));
    const done = await mapLimit(jobs, this.options.concurrency, async (rows) => {
      const rs = rows.length > 1 ? await this.deliverTogether(rows) : [await this.deliver(rows[0]!)];
      eager.add(rs.filter((r) => r.outcome === 'sent').map((r) => r.id));
      return rs;
    });
    const marked = await eager.settled();
    this.counters.sent += marked.ids.size;
    if (marked.affected < marked.ids.size) this.lostLease(marked.ids.size - marked.affected);
    await this.settle(batch.token, done.flat().filter((r) => !marked.ids.has(r.id)));
    return batch.rows.length;
  }

  /** Keeps calling runOnce until nothing is due (used by `outbox-worker --drain` and tests). */
  async drain(): Promise<void> {
    await this.housekeeping(true);
    while ((await this.runOnce()) > 0);
  }

  /**
   * Claims up to batchSize due rows of the kinds we can send. Public so tests can simulate a
   * worker that claims and then dies.
   */
  async claimBatch(): Promise<{ token: string; rows: ClaimedRow[] }> {
    const kinds = this.senders.kinds();
    const token = `${this.id}#${++this.seq}`;
    if (kinds.length === 0) return { token, rows: [] };
    const now = new Date();
    const until = new Date(now.getTime() + this.options.leaseMs);
    const rows = await this.claims.claim(token, kinds, now, until, Math.max(1, Math.floor(this.options.batchSize)));
    return { token, rows };
  }

  private async deliver(row: ClaimedRow): Promise<Result> {
    const sender = this.senders.get(row.kind);
    if (!sender) return { id: row.id, outcome: 'retry', error: `no sender for kind ${row.kind}`, attempts: row.attempts };
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      return { id: row.id, outcome: 'dead', error: 'payload is not valid JSON' };
    }
    try {
      const outcome: SendOutcome = await this.withTimeout((signal) => sender(payload, { messageId: row.id, attempt: row.attempts, signal }));
      if (isSkipped(outcome)) return { id: row.id, outcome: 'skipped', reason: outcome.skipped };
      return { id: row.id, outcome: 'sent' };
    } catch (e) {
      return this.failed(row, e);
    }
  }

  /** Several rows of one kind through its batch sender; on any failure, one by one through its single sender. */
  private async deliverTogether(rows: ClaimedRow[]): Promise<Result[]> {
    const send = this.senders.batch!(rows[0]!.kind)!;
    const parsed: { row: ClaimedRow; payload: unknown }[] = [];
    const results: Result[] = [];
    for (const row of rows) {
      try {
        parsed.push({ row, payload: JSON.parse(row.payload) });
      } catch {
        results.push({ id: row.id, outcome: 'dead', error: 'payload is not valid JSON' });
      }
    }
    let outcomes: SendOutcome[];
    try {
      outcomes = await this.withTimeout((signal) =>
        send(
          parsed.map(({ row, payload }) => ({ payload, ctx: { messageId: row.id, attempt: row.attempts, signal } })),
          signal,
        ),
      );
      if (outcomes.length !== parsed.length) throw new Error(`batch sender answered ${outcomes.length} outcomes for ${parsed.length} rows`);
    } catch (e) {
      // Stopping: settle them as retries now rather than start a send per row.
      if (this.stopping) return [...results, ...parsed.map(({ row }) => this.failed(row, e))];
      return [...results, ...(await mapLimit(parsed, this.options.concurrency, ({ row }) => this.deliver(row)))];
    }
    return [
      ...results,
      ...parsed.map(({ row }, i): Result => {
        const o = outcomes[i];
        return isSkipped(o) ? { id: row.id, outcome: 'skipped', reason: o.skipped } : { id: row.id, outcome: 'sent' };
      }),
    ];
  }

  /** Runs a send under the send timeout and the worker's stop; the signal aborts it. */
  private async withTimeout<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ac = new AbortController();
    this.inflight.add(ac);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = new SendTimeout(`send timed out after ${this.options.sendTimeoutMs} ms`);
          ac.abort(err);
          reject(err);
        }, this.options.sendTimeoutMs);
        ac.signal.addEventListener('abort', () => reject(ac.signal.reason));
      });
      return await Promise.race([run(ac.signal), timeout]);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(ac);
    }
  }

  /** The outcome of a send that threw: dead when permanent or out of attempts, else a retry. */
  private failed(row: ClaimedRow, e: unknown): Result {
    const error = firstLine(e);
    if ((e as { permanent?: boolean })?.permanent === true) return { id: row.id, outcome: 'dead', error };
    if (row.attempts >= this.options.maxAttempts) return { id: row.id, outcome: 'dead', error: `gave up after ${row.attempts} attempts: ${error}` };
    return { id: row.id, outcome: 'retry', error, attempts: row.attempts };
  }

  /** Writes the outcomes, each update guarded by our claim token. Retries briefly if the DB blips. */
  private async settle(token: string, results: Result[]): Promise<void> {
    if (results.length === 0) return;
    // Up to ~20 s (well inside the lease): long enough for a pool to reconnect to another
    // cluster node after the one it used died, so sent rows are not left to be sent again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.settleOnce(token, results);
        return;
      } catch (e) {
        if (attempt >= 8) throw e;
        await new Promise((r) => setTimeout(r, Math.min(4000, 250 * 2 ** (attempt - 1))));
      }
    }
  }

  private lostLease(n: number): void {
    this.counters.leaseLost += n;
    this.logger.warn(`outbox worker ${this.id}: ${n} claim(s) expired before settling; those rows may be sent again`);
  }

  private async settleOnce(token: string, results: Result[]): Promise<void> {
    const now = new Date();
    let expected = 0;
    let affected = 0;
    const sent = results.filter((r) => r.outcome === 'sent').map((r) => r.id);
    if (sent.length) {
      expected += sent.length;
      affected += await this.claims.sent(token, sent, now);
      this.counters.sent += sent.length;
    }
    for (const r of results) {
      if (r.outcome === 'sent') continue;
      expected++;
      if (r.outcome === 'skipped') {
        affected += await this.claims.skipped(token, r.id, now, clip(r.reason));
        this.counters.skipped++;
      } else if (r.outcome === 'dead') {
        affected += await this.claims.dead(token, r.id, clip(r.error));
        this.counters.dead++;
        this.logger.warn(`outbox ${r.id} dead-lettered: ${r.error}`);
      } else {
        const due = new Date(now.getTime() + backoffMs(r.attempts, this.options.backoffBaseMs, this.options.backoffMaxMs));
        affected += await this.claims.retry(token, r.id, due, clip(r.error));
        this.counters.retried++;
      }
    }
    if (affected < expected) this.lostLease(expected - affected);
  }

  /** Reclaims rows whose worker died mid-send, and purges old sent rows; time-gated. */
  async housekeeping(force = false): Promise<void> {
    const now = Date.now();
    if (force || now - this.lastReap >= Math.min(15_000, this.options.leaseMs / 4)) {
      this.lastReap = now;
      const at = new Date(now);
      const dead = await this.claims.reapExhausted(at, this.options.maxAttempts, `gave up: the worker stopped mid-send on every one of ${this.options.maxAttempts} attempts`);
      const back = await this.claims.reapExpired(at, 'claim expired: the worker stopped or hung mid-send');
      this.counters.reaped += back + dead;
      if (back + dead > 0) this.logger.warn(`outbox: reclaimed ${back} and dead-lettered ${dead} rows from stopped workers`);
    }
    if (this.options.retentionDays > 0 && (force || now - this.lastPurge >= 10 * 60_000)) {
      this.lastPurge = now;
      await this.claims.purge(new Date(now - this.options.retentionDays * 86_400_000), 5000);
    }
  }
}

/**
 * Marks sent rows sent as they come in: while one UPDATE is at the database the next ids gather,
 * then go together (no timer; at low load each row is marked alone). Ids whose mark failed are
 * left out of `settled()`, so the batch's final settle (which retries) marks them.
 */
class EagerSent {
  private queue: number[] = [];
  private running: Promise<void> | null = null;
  private readonly done = new Set<number>();
  private affected = 0;

  constructor(private readonly mark: (ids: number[]) => Promise<number>) {}

  add(ids: number[]): void {
    if (ids.length === 0) return;
    this.queue.push(...ids);
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const ids = this.queue;
      this.queue = [];
      try {
        this.affected += await this.mark(ids);
        for (const id of ids) this.done.add(id);
      } catch {
        // left for the final settle
      }
    }
    this.running = null;
  }

  async settled(): Promise<{ ids: Set<number>; affected: number }> {
    while (this.running) await this.running;
    return { ids: this.done, affected: this.affected };
  }
}

const silentLogger: WorkerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0] || (e instanceof Error ? e.name : 'error');
}

function clip(s: string): string {
  return s.length > MAX_ERROR_LEN ? `${s.slice(0, MAX_ERROR_LEN - 1)}…` : s;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(lanes);
  return out;
}
