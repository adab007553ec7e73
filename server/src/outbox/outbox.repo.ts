import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { dbDate, num } from '../db/rows.js';
import { sqlTime } from '../db/rows.js';
import { OutboxMessage, type OutboxStatus } from './outbox.entity.js';
import { GenerateSql, generateSqlFor } from '../db/generate-sql.js';

export interface OutboxCount {
  status: OutboxStatus;
  kind: string;
  n: number;
  /** The earliest due_at among them. */
  oldest: Date | null;
}

export interface OutboxRow {
  id: number;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  dueAt: Date;
  createdAt: Date;
  payload: string;
}

/**
 * The `outbox` table (owned by outbox) as admins see it. The worker's claim/settle statements are
 * in outbox-claims.repo.ts; single rows are queued with `enqueueOutbox` (enqueue.ts). Methods take
 * the caller's EntityManager last.
 */
@Injectable()
export class OutboxRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** Rows per (status, kind), with the earliest due time of each group. */
  @GenerateSql({ params: [] })
  async counts(m?: EntityManager): Promise<OutboxCount[]> {
    const rows: { status: OutboxStatus; kind: string; n: number | string; oldest: Date | string | null }[] = await this.mm(m).query(
      `SELECT status, kind, COUNT(*) AS n, MIN(due_at) AS oldest FROM outbox GROUP BY status, kind`,
    );
    return rows.map((r) => ({ status: r.status, kind: r.kind, n: num(r.n), oldest: r.oldest ? dbDate(r.oldest) : null }));
  }

  /** Rows of one status (and kind), newest first, ids below `before`; `limit` rows at most. */
  @GenerateSql({ name: 'one status', params: [{ status: 'dead', limit: 51 }] })
  @GenerateSql({ name: 'a kind, after a cursor', params: [{ status: 'pending', kind: 'subscribe.send', before: 100, limit: 51 }] })
  async list(q: { status: OutboxStatus; kind?: string; before?: number; limit: number }, m?: EntityManager): Promise<OutboxRow[]> {
    const params: unknown[] = [q.status];
    let where = 'status = ?';
    if (q.kind) {
      where += ' AND kind = ?';
      params.push(q.kind);
    }
    if (q.before) {
      where += ' AND id < ?';
      params.push(q.before);
    }
    const rows: { id: number | string; kind: string; status: OutboxStatus; attempts: number | string; last_error: string | null; due_at: Date | string; created_at: Date | string; payload: string }[] = await this.mm(m).query(
      `SELECT id, kind, status, attempts, last_error, due_at, created_at, payload FROM outbox WHERE ${where} ORDER BY id DESC LIMIT ${Math.max(1, Math.floor(q.limit))}`,
      params,
    );
    return rows.map((r) => ({ id: num(r.id), kind: r.kind, status: r.status, attempts: num(r.attempts), lastError: r.last_error, dueAt: dbDate(r.due_at), createdAt: dbDate(r.created_at), payload: r.payload }));
  }

  /** Puts a dead row back in the queue, due at `due`, with fresh attempts; false if it was not dead. */
  @GenerateSql({ params: [1, new Date('2026-01-15T08:00:00.000Z')] })
  async requeueDead(id: number, due: Date, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m)
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ status: 'pending', attempts: 0, dueAt: due, claimedBy: null, claimedUntil: null })
      .where("id = :id AND status = 'dead'", { id })
      .execute();
    return !!r.affected;
  }

  /** A row's status, or null when there is no such row. */
  @GenerateSql({ params: [1] })
  async statusOf(id: number, m?: EntityManager): Promise<OutboxStatus | null> {
    const [row]: { status: OutboxStatus }[] = await this.mm(m).query('SELECT status FROM outbox WHERE id = ?', [id]);
    return row ? row.status : null;
  }
}

/**
 * Queues one outbox row per row of `source` (a SELECT, embedded as a derived table `s`), in one
 * `INSERT … SELECT` inside the caller's transaction — for fan-outs too large to read into memory.
 * `payloadSql` builds each row's JSON payload from the columns of `s`.
 */
export async function enqueueOutboxSelect(m: EntityManager, kind: string, source: { sql: string; params: readonly unknown[] }, payloadSql: string, dueAt: Date): Promise<void> {
  const due = sqlTime(dueAt);
  await m.query(
    `INSERT INTO outbox (kind, payload, status, attempts, due_at, created_at)
     SELECT ?, ${payloadSql}, 'pending', 0, ?, ? FROM (${source.sql}) s`,
    [kind, due, due, ...source.params],
  );
}

generateSqlFor(enqueueOutboxSelect, { params: ['subscribe.send', { sql: 'SELECT r.user_id AS user_id, u.openid AS openid FROM (SELECT user_id FROM notice_recipient WHERE notice_id = ?) r JOIN (SELECT id, openid FROM app_user WHERE disabled = ?) u ON u.id = r.user_id', params: [1, false] }, "CONCAT('{\"userId\":', s.user_id, '}')", new Date('2026-01-15T08:00:00.000Z')] });
