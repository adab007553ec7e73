import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';

/**
 * Builds the Actor for a request from the session in the token, in one indexed query: the session
 * (primary key) must be live and its user enabled, and the user's live grants come along (by the
 * (user_id, revoked_at) index). Nothing is cached, so revoking a session or a role takes effect on
 * the next request.
 */
@Injectable()
export class ActorLoader {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The actor, or null when the session is revoked or expired or the user disabled. */
  async load(userId: number, sessionId: number): Promise<Actor | null> {
    const rows: { disabled: number | boolean; expires_at: Date | string; id: number | null; role: Role | null; node_id: number | null; path: string | null; department_id: number | null }[] = await this.ds.query(
      `SELECT u.disabled AS disabled, s.expires_at AS expires_at, g.id AS id, g.role AS role, g.node_id AS node_id, n.path AS path, g.department_id AS department_id
         FROM auth_session s
         JOIN app_user u ON u.id = s.user_id
         LEFT JOIN role_grant g ON g.user_id = u.id AND g.revoked_at IS NULL
         LEFT JOIN grid_node n ON n.id = g.node_id
        WHERE s.id = ? AND s.user_id = ? AND s.revoked_at IS NULL`,
      [sessionId, userId],
    );
    const first = rows[0];
    if (!first || Number(first.disabled)) return null;
    if (parseDbDate(first.expires_at).getTime() <= Date.now()) return null;
    const grants = rows
      .filter((r) => r.id !== null && r.path !== null)
      .map((r) => ({ grantId: Number(r.id), role: r.role as Role, nodeId: Number(r.node_id), nodePath: r.path as string, departmentId: r.department_id === null ? null : Number(r.department_id) }));
    return { userId, sessionId, grants };
  }
}

/** Raw queries return datetimes as Date (mysql2) or 'YYYY-MM-DD HH:MM:SS[.fff]' UTC text (SQLite). */
export function parseDbDate(v: Date | string): Date {
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}
