import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';

const PROBE_EVERY_MS = 1000;
/** A probe unanswered this long means the database is unreachable (it answers SELECT 1 in ms). */
const PROBE_STALL_MS = 2500;

/**
 * Fails requests fast while MariaDB/MySQL is unreachable. When the line to the database goes
 * silent (a partition, a dead host: packets vanish, nothing is reset) every query waits — new
 * connections for the connect timeout, queries on open connections until TCP gives up, minutes
 * later — so requests would hang. The breaker watches the database with its own connection
 * (outside the pool, so a pool busy with long work is never mistaken for an outage): a SELECT 1
 * every second. It opens when a probe fails or stalls for 2.5 s, or when a request meets a
 * "database unavailable" error; while open, `check()` answers 503 DB_UNAVAILABLE at once. The
 * next probe that succeeds closes it. Requests already waiting on a silent connection keep
 * waiting until it answers or fails; everything after them fails fast. SQLite (embedded) has no
 * line to lose: its breaker never opens.
 */
export class DbBreaker {
  private static readonly byDs = new WeakMap<DataSource, DbBreaker>();
  private openSince: number | null = null;
  private conn: mysql.Connection | null = null;
  private probeStarted: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private users = 0;
  /** Bumped whenever the probe connection is dropped, so a late answer of an old probe is ignored. */
  private generation = 0;

  private constructor(private readonly url: string | null) {}

  /** The breaker of a data source (one per process and database, shared by its users). */
  static for(ds: DataSource): DbBreaker {
    let b = DbBreaker.byDs.get(ds);
    if (!b) {
      const o = ds.options as { type: string; url?: string };
      b = new DbBreaker((o.type === 'mariadb' || o.type === 'mysql') && o.url ? o.url : null);
      DbBreaker.byDs.set(ds, b);
    }
    return b;
  }

  get isOpen(): boolean {
    return this.openSince !== null;
  }

  /** Throws 503 DB_UNAVAILABLE while the database is known to be unreachable. */
  check(): void {
    if (this.openSince !== null) throw new AppError('DB_UNAVAILABLE', 'database unavailable', { since: new Date(this.openSince).toISOString() });
  }

  /** A request met a connection-level failure: stop sending others into it until a probe passes. */
  trip(): void {
    if (this.url && this.openSince === null) this.openSince = Date.now();
  }

  /** Starts probing (first user); `stop` by every user ends it. */
  start(): void {
    this.users++;
    if (!this.url || this.timer) return;
    this.timer = setInterval(() => this.tick(), PROBE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (--this.users > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.drop();
  }

  private tick(): void {
    if (this.probeStarted !== null) {
      if (Date.now() - this.probeStarted > PROBE_STALL_MS) {
        // Timers run before I/O in Node's loop: after a long block of this process the answer may
        // be waiting unread. Decide after the I/O phase, so only a real silence opens the breaker.
        const gen = this.generation;
        setImmediate(() => {
          if (gen !== this.generation || this.probeStarted === null) return;
          this.trip();
          this.drop(); // the stalled socket is not reused; the next tick connects afresh
        });
      }
      return;
    }
    this.probeStarted = Date.now();
    const gen = this.generation;
    void this.probe().then(
      () => {
        if (gen !== this.generation) return;
        this.probeStarted = null;
        this.openSince = null;
      },
      () => {
        if (gen !== this.generation) return;
        this.trip();
        this.drop();
      },
    );
  }

  private async probe(): Promise<void> {
    if (!this.conn) {
      const c = await mysql.createConnection({ uri: this.url!, connectTimeout: PROBE_STALL_MS });
      c.on('error', () => this.drop());
      // The probe must never keep a process alive (CLIs, tests end when their work does).
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      if (this.timer === null) {
        c.destroy();
        return;
      }
      this.conn = c;
    }
    await this.conn.query('SELECT 1');
  }

  private drop(): void {
    this.generation++;
    const c = this.conn;
    this.conn = null;
    this.probeStarted = null;
    c?.destroy();
  }
}
