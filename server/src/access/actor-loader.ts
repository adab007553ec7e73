import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { isDbUnavailable } from '../common/db-errors.js';
import { Batcher, type Settled } from '../db/batcher.js';
import { DbBreaker } from '../db/breaker.js';

type ActorRow = { session_id: number | string; user_id: number | string; disabled: number | boolean; expires_at: Date | string; id: number | null; role: Role | null; node_id: number | null; path: string | null; department_id: number | null };

/**
 * Builds the Actor for a request from the session in the token, in one indexed query: the session
 * (primary key) must be live and its user enabled, and the user's live grants come along (by the
 * (user_id, revoked_at) index). Nothing is cached, so revoking a session or a role takes effect on
 * the next request.
 *
 * Loads that arrive while earlier ones are at the database are answered together by one query
 * (`WHERE s.id IN (…)`, see Batcher): each is still read after its request arrived, so a revocation
 * committed before a request is always seen by it, and under load the guard costs a fraction of a
 * round trip per request instead of one.
 */
@Injectable()
export class ActorLoader implements OnModuleInit, OnModuleDestroy {
  private readonly batch = new Batcher<{ userId: number; sessionId: number }, Actor | null>((keys) => this.loadMany(keys), { maxBatch: 200, concurrency: 2 });
  /** Every authenticated request passes here first: while the database is unreachable it fails fast. */
  private readonly breaker: DbBreaker;

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    this.breaker = DbBreaker.for(ds);
  }

  onModuleInit(): void {
    this.breaker.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.breaker.stop();
  }

  /** The actor, or null when the session is revoked or expired or the user disabled. */
  load(userId: number, sessionId: number): Promise<Actor | null> {
    this.breaker.check();
    return this.batch.submit({ userId, sessionId });
  }

  private async loadMany(keys: { userId: number; sessionId: number }[]): Promise<Settled<Actor | null>[]> {
    const sessions = [...new Set(keys.map((k) => k.sessionId))];
    const rows: ActorRow[] = await this.ds.query(
      `SELECT s.id AS session_id, s.user_id AS user_id, u.disabled AS disabled, s.expires_at AS expires_at, g.id AS id, g.role AS role, g.node_id AS node_id, n.path AS path, g.department_id AS department_id
         FROM auth_session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN role_grant g ON g.user_id = u.id AND g.revoked_at IS NULL
         LEFT JOIN grid_node n ON n.id = g.node_id
        WHERE s.id IN (${sessions.map(() => '?').join(',')}) AND s.revoked_at IS NULL`,
      sessions,
    ).catch((e: unknown) => {
      if (isDbUnavailable(e)) this.breaker.trip();
      throw e;
    });
    const bySession = new Map<number, ActorRow[]>();
    for (const r of rows) {
      const sid = Number(r.session_id);
      const list = bySession.get(sid);
      if (list) list.push(r);
      else bySession.set(sid, [r]);
    }
    const now = Date.now();
    return keys.map(({ userId, sessionId }) => ({ ok: true, value: toActor(userId, sessionId, bySession.get(sessionId) ?? [], now) }));
  }
}

function toActor(userId: number, sessionId: number, rows: ActorRow[], now: number): Actor | null {
  const first = rows[0];
  if (!first || Number(first.user_id) !== userId || Number(first.disabled)) return null;
  if (parseDbDate(first.expires_at).getTime() <= now) return null;
  const grants = rows
    .filter((r) => r.id !== null && r.path !== null)
    .map((r) => ({ grantId: Number(r.id), role: r.role as Role, nodeId: Number(r.node_id), nodePath: r.path as string, departmentId: r.department_id === null ? null : Number(r.department_id) }));
  return { userId, sessionId, grants };
}

/** Raw queries return datetimes as Date (mysql2) or 'YYYY-MM-DD HH:MM:SS[.fff]' UTC text (SQLite). */
export function parseDbDate(v: Date | string): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}
