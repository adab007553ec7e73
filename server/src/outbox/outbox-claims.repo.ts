import type { DataSource, EntityManager } from 'typeorm';
import { claimRows, deleteLimitSql, execStructured, marks } from '../db/dialect.js';
import { num, sqlTime } from '../db/rows.js';
import { GenerateSql } from '../db/generate-sql.js';

/** A row a worker has claimed; `attempts` includes this try. */
export interface ClaimedRow {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
}

/** Every settle is conditional on the claim still being ours: a worker whose lease expired cannot overwrite a newer claim. */
const GUARD = `claimed_by = ? AND status = 'sending'`;

/**
 * The outbox table's SQL for `OutboxWorker` (claim, settle, reap, purge). Not a Nest provider:
 * workers are built with a DataSource, in the API process or the `outbox-worker` CLI. Each
 * statement runs on its own pooled connection — the worker never holds a transaction across a send.
 */
export class OutboxClaims {
  constructor(private readonly ds: DataSource) {}

  /** Takes up to `limit` due rows of `kinds` for `token`, until `until`, counting the attempt. */
  @GenerateSql({ params: ['worker-1', ['subscribe.send', 'wechat.push'], new Date('2026-01-15T08:00:00.000Z'), new Date('2026-01-15T08:02:00.000Z'), 10], setup: (m: EntityManager) => m.query("INSERT INTO outbox (kind, payload, status, attempts, due_at, created_at) VALUES ('subscribe.send', '{}', 'pending', 0, '2026-01-15 07:00:00', '2026-01-15 07:00:00')") })
  async claim(token: string, kinds: readonly string[], now: Date, until: Date, limit: number): Promise<ClaimedRow[]> {
    if (kinds.length === 0) return [];
    const rows = await claimRows(this.ds, {
      table: 'outbox',
      where: `status = 'pending' AND due_at <= ? AND kind IN (${marks(kinds)})`,
      whereParams: [sqlTime(now), ...kinds],
      orderBy: 'due_at, id',
      limit,
      set: `status = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1`,
      setParams: [token, sqlTime(until)],
      returning: 'id, kind, payload, attempts',
      returningBefore: 'id, kind, payload, attempts + 1 AS attempts',
      claimed: `claimed_by = ? AND status = 'sending'`,
      claimedParams: [token],
    });
    return rows.map((r) => ({ id: num(r.id), kind: String(r.kind), payload: String(r.payload), attempts: num(r.attempts) }));
  }

  /** Marks the rows sent; how many were still ours. */
  @GenerateSql({ params: ['worker-1', [1, 2], new Date('2026-01-15T08:00:00.000Z')] })
  async sent(token: string, ids: readonly number[], at: Date): Promise<number> {
    if (ids.length === 0) return 0;
    return affected(this.ds, `UPDATE outbox SET status = 'sent', sent_at = ?, claimed_until = NULL WHERE ${GUARD} AND id IN (${marks(ids)})`, [sqlTime(at), token, ...ids]);
  }

  /** Nothing to deliver (e.g. no credit); 1 if the row was still ours. */
  @GenerateSql({ params: ['worker-1', 1, new Date('2026-01-15T08:00:00.000Z'), 'no credit'] })
  skipped(token: string, id: number, at: Date, reason: string): Promise<number> {
    return affected(this.ds, `UPDATE outbox SET status = 'skipped', sent_at = ?, claimed_until = NULL, last_error = ? WHERE ${GUARD} AND id = ?`, [sqlTime(at), reason, token, id]);
  }

  /** Given up on; 1 if the row was still ours. */
  @GenerateSql({ params: ['worker-1', 1, 'errcode 43101'] })
  dead(token: string, id: number, error: string): Promise<number> {
    return affected(this.ds, `UPDATE outbox SET status = 'dead', claimed_until = NULL, last_error = ? WHERE ${GUARD} AND id = ?`, [error, token, id]);
  }

  /** Back to pending, due again at `due`; 1 if the row was still ours. */
  @GenerateSql({ params: ['worker-1', 1, new Date('2026-01-31T16:00:00.000Z'), 'timeout'] })
  retry(token: string, id: number, due: Date, error: string): Promise<number> {
    return affected(this.ds, `UPDATE outbox SET status = 'pending', due_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = ? WHERE ${GUARD} AND id = ?`, [sqlTime(due), error, token, id]);
  }

  /** Rows whose claim expired with every attempt used: dead, with `reason`. How many. */
  @GenerateSql({ params: [new Date('2026-01-15T08:00:00.000Z'), 8, 'lease expired'] })
  reapExhausted(now: Date, maxAttempts: number, reason: string): Promise<number> {
    return affected(this.ds, `UPDATE outbox SET status = 'dead', claimed_until = NULL, last_error = ? WHERE status = 'sending' AND claimed_until < ? AND attempts >= ?`, [reason, sqlTime(now), maxAttempts]);
  }

  /** Rows whose claim expired: pending again, due now, with `reason`. How many. */
  @GenerateSql({ params: [new Date('2026-01-15T08:00:00.000Z'), 'lease expired'] })
  reapExpired(now: Date, reason: string): Promise<number> {
    const n = sqlTime(now);
    return affected(this.ds, `UPDATE outbox SET status = 'pending', due_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = ? WHERE status = 'sending' AND claimed_until < ?`, [n, reason, n]);
  }

  /** Deletes up to `limit` sent/skipped rows due before `cutoff`. */
  @GenerateSql({ params: [new Date('2026-01-15T08:00:00.000Z'), 1000] })
  async purge(cutoff: Date, limit: number): Promise<void> {
    // due_at, not sent_at: it is indexed with status, and a row is sent after it is due.
    await affected(this.ds, deleteLimitSql(this.ds, 'outbox', `status IN ('sent', 'skipped') AND due_at < ?`, limit), [sqlTime(cutoff)]);
  }
}

/** Runs a settle statement; how many rows it changed. */
async function affected(ds: DataSource, sql: string, params: readonly unknown[]): Promise<number> {
  return (await execStructured(ds, sql, params)).affected;
}
