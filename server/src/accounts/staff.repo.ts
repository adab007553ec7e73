import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { GridLevel, Role } from '@weigrid/shared';
import { GrantReader, type NodeTarget, type SessionGrants } from '../access/grant-reader.js';
import type { RoleGrant } from '../common/actor.js';
import { dbDate, num, numOrNull } from '../db/rows.js';
import { ancestorPaths } from '../grids/tree.js';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import { GenerateSql } from '../db/generate-sql.js';
import { marks } from '../db/dialect.js';


/** A live grant with the path of the node it is held at. */
export interface StaffHolder {
  userId: number;
  role: Role;
  /** grid_node.path of the grant's node. */
  path: string;
}


/**
 * Staff — the port every module asks "who holds role(s) R at / at or above / under a node" through
 * (role_grant belongs to accounts; a grant reaches its node's whole subtree, so "may act at node
 * N" means "holds the role at N or at an ancestor of N"). Only live grants (revoked_at IS NULL)
 * are ever answered. Each method takes the caller's EntityManager last: pass the transaction's
 * `m` inside a transaction; leave it out otherwise.
 *
 * Grants are matched to nodes through grid_node.path, joined here once rather than in each caller.
 */
@Injectable()
export class Staff implements GrantReader {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** Per node among `nodeIds`, the users holding any of `roles` there (nodes without any are absent). */
  @GenerateSql({ params: [[1, 2], ['grid_worker', 'micro_member']] })
  async byNodes(nodeIds: readonly number[], roles: readonly Role[], m?: EntityManager): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (nodeIds.length === 0 || roles.length === 0) return out;
    const rows: { node_id: number | string; user_id: number | string }[] = await this.mm(m).query(
      `SELECT DISTINCT node_id, user_id FROM role_grant WHERE node_id IN (${marks(nodeIds)}) AND role IN (${marks(roles)}) AND revoked_at IS NULL`,
      [...nodeIds, ...roles],
    );
    for (const r of rows) {
      const list = out.get(num(r.node_id));
      if (list) list.push(num(r.user_id));
      else out.set(num(r.node_id), [num(r.user_id)]);
    }
    return out;
  }

  /** Users holding any of `roles` at exactly the node with this path. */
  @GenerateSql({ params: ['5101/510104/510104017/', ['grid_worker']] })
  async atPath(path: string, roles: readonly Role[], m?: EntityManager): Promise<number[]> {
    if (roles.length === 0) return [];
    const rows: { user_id: number | string }[] = await this.mm(m).query(
      `SELECT DISTINCT g.user_id AS user_id FROM grid_node n JOIN role_grant g ON g.node_id = n.id WHERE n.path = ? AND g.role IN (${marks(roles)}) AND g.revoked_at IS NULL`,
      [path, ...roles],
    );
    return rows.map((r) => num(r.user_id));
  }

  /**
   * Holders of `roles` at the node with `path` or at any of its ancestors (everyone whose grant
   * reaches it), with the path each grant is held at — one query over the ancestors' paths.
   */
  @GenerateSql({ params: ['5101/510104/510104017/', ['street_admin', 'district_admin']] })
  async atOrAbove(path: string, roles: readonly Role[], m?: EntityManager): Promise<StaffHolder[]> {
    const paths = ancestorPaths(path);
    if (paths.length === 0 || roles.length === 0) return [];
    const rows: { user_id: number | string; role: Role; path: string }[] = await this.mm(m).query(
      `SELECT DISTINCT g.user_id AS user_id, g.role AS role, n.path AS path FROM grid_node n JOIN role_grant g ON g.node_id = n.id
        WHERE n.path IN (${marks(paths)}) AND g.role IN (${marks(roles)}) AND g.revoked_at IS NULL`,
      [...paths, ...roles],
    );
    return rows.map((r) => ({ userId: num(r.user_id), role: r.role, path: r.path }));
  }

  /** True when `userId` holds one of `roles` at the node with `path` or above it. */
  @GenerateSql({ params: [7, ['grid_worker'], '5101/510104/510104017/'] })
  async holdsAtOrAbove(userId: number, roles: readonly Role[], path: string, m?: EntityManager): Promise<boolean> {
    const paths = ancestorPaths(path);
    if (paths.length === 0 || roles.length === 0) return false;
    const [ok] = (await this.mm(m).query(
      `SELECT 1 AS ok FROM role_grant g JOIN grid_node n ON n.id = g.node_id
        WHERE g.user_id = ? AND g.revoked_at IS NULL AND g.role IN (${marks(roles)}) AND n.path IN (${marks(paths)}) LIMIT 1`,
      [userId, ...roles, ...paths],
    )) as unknown[];
    return !!ok;
  }

  /** True when `userId` holds one of `roles` at some node inside one of the subtrees under `paths`. */
  @GenerateSql({ params: [7, ['grid_worker', 'micro_member'], ['5101/510104/510104017/']] })
  async holdsWithin(userId: number, roles: readonly Role[], paths: readonly string[], m?: EntityManager): Promise<boolean> {
    if (paths.length === 0 || roles.length === 0) return false;
    const within = paths.map((p) => subtreeSql('n.path', p));
    const [ok] = (await this.mm(m).query(
      `SELECT 1 AS ok FROM role_grant g JOIN grid_node n ON n.id = g.node_id
        WHERE g.user_id = ? AND g.revoked_at IS NULL AND g.role IN (${marks(roles)}) AND (${within.map((w) => w.sql).join(' OR ')}) LIMIT 1`,
      [userId, ...roles, ...within.flatMap((w) => w.params)],
    )) as unknown[];
    return !!ok;
  }

  /**
   * A SELECT of (user_id, path) for every live holder of `roles` at a node in the subtree under
   * `path`, except `exceptUser` — for callers that must write the set in the same statement
   * (`INSERT … SELECT`), without reading it into memory.
   */
  @GenerateSql({ params: ['5101/510104/510104017/', ['grid_worker', 'community_admin'], 2], then: (q: { sql: string; params: unknown[] }, m: EntityManager) => m.query(q.sql, q.params) })
  holdersInSubtreeSelect(path: string, roles: readonly Role[], exceptUser: number): { sql: string; params: unknown[] } {
    const sub = subtreeSql('n.path', path);
    return {
      sql: `SELECT g.user_id AS user_id, n.path AS path FROM grid_node n JOIN role_grant g ON g.node_id = n.id
        WHERE ${sub.sql} AND g.revoked_at IS NULL AND g.role IN (${marks(roles)}) AND g.user_id <> ?`,
      params: [...sub.params, ...roles, exceptUser],
    };
  }

  /**
   * The grant of `userId` (one of `roles`) that reaches `target` — held at the target node or
   * above it, the highest first — or null. With `categoryCode`, a dept_staff grant counts only if
   * its department handles that category. One indexed query: role_grant by (user_id, revoked_at),
   * joined to the grant's node and the target node by primary key / unique code.
   */
  @GenerateSql({ name: 'by id', params: [7, ['grid_worker'], { nodeId: 1 }] })
  @GenerateSql({ name: 'by code, category', params: [7, ['dept_staff'], { nodeCode: '510104017' }, 'road'] })
  @GenerateSql({ name: 'by path', params: [7, ['street_admin'], { nodePath: '5101/510104/510104017/' }] })
  async grantReaching(userId: number, roles: readonly Role[], target: NodeTarget, categoryCode?: string, m?: EntityManager): Promise<RoleGrant | null> {
    if (roles.length === 0) return null;
    // Placeholders are filled in the order they appear in the SQL below.
    const params: unknown[] = [];
    let join = '';
    let resourcePath = 'rn.path';
    if ('nodeId' in target) {
      join = 'JOIN grid_node rn ON rn.id = ?';
      params.push(target.nodeId);
    } else if ('nodeCode' in target) {
      join = 'JOIN grid_node rn ON rn.code = ?';
      params.push(target.nodeCode);
    }
    params.push(userId, ...roles);
    if (!join) {
      resourcePath = '?';
      params.push((target as { nodePath: string }).nodePath);
    }
    let deptClause = '';
    if (categoryCode !== undefined) {
      deptClause = `AND (g.role <> 'dept_staff' OR EXISTS (SELECT 1 FROM department_category dc WHERE dc.department_id = g.department_id AND dc.category_code = ?))`;
      params.push(categoryCode);
    }
    // "Grant node is an ancestor-or-self of the target": a prefix test on the target's path
    // (SUBSTR: exact, since paths hold only digits and '/'). This is the reverse direction of
    // the subtree predicate — the grant side is the prefix — so it is not a range on an index;
    // the user's few grants are found by idx_role_grant_user first.
    const sql = `SELECT g.id AS id, g.role AS role, g.node_id AS node_id, gn.path AS node_path, g.department_id AS department_id
      FROM role_grant g
      JOIN grid_node gn ON gn.id = g.node_id
      ${join}
      WHERE g.user_id = ? AND g.revoked_at IS NULL AND g.role IN (${marks(roles)})
        AND SUBSTR(${resourcePath}, 1, LENGTH(gn.path)) = gn.path
        ${deptClause}
      ORDER BY LENGTH(gn.path) ASC
      LIMIT 1`;
    const rows: { id: number; role: Role; node_id: number; node_path: string; department_id: number | null }[] = await this.mm(m).query(sql, params);
    const r = rows[0];
    if (!r) return null;
    return { grantId: num(r.id), role: r.role, nodeId: num(r.node_id), nodePath: r.node_path, departmentId: numOrNull(r.department_id) };
  }

  /** A user's live grants with their nodes' code, name and level, oldest first. */
  @GenerateSql({ params: [7] })
  async grantsOf(userId: number, m?: EntityManager): Promise<{ id: number; role: Role; nodeCode: string; nodeName: string; nodeLevel: GridLevel; departmentId: number | null; createdAt: Date }[]> {
    const rows: { id: number; role: Role; code: string; name: string; level: GridLevel; department_id: number | null; created_at: Date | string }[] = await this.mm(m).query(
      `SELECT g.id AS id, g.role AS role, n.code AS code, n.name AS name, n.level AS level, g.department_id AS department_id, g.created_at AS created_at
         FROM role_grant g JOIN grid_node n ON n.id = g.node_id
        WHERE g.user_id = ? AND g.revoked_at IS NULL ORDER BY g.id`,
      [userId],
    );
    return rows.map((r) => ({ id: num(r.id), role: r.role, nodeCode: r.code, nodeName: r.name, nodeLevel: r.level, departmentId: numOrNull(r.department_id), createdAt: dbDate(r.created_at) }));
  }

  /**
   * Live sessions (by id) with their user's enabled flag and live grants — the Actor of a request —
   * in one indexed query: the session by primary key, the grants by (user_id, revoked_at).
   */
  @GenerateSql({ params: [[1, 2]] })
  async sessionsWithGrants(sessionIds: readonly number[], m?: EntityManager): Promise<Map<number, SessionGrants>> {
    const out = new Map<number, SessionGrants>();
    if (sessionIds.length === 0) return out;
    const rows: { session_id: number | string; user_id: number | string; disabled: number | boolean; expires_at: Date | string; id: number | null; role: Role | null; node_id: number | null; path: string | null; department_id: number | null }[] =
      await this.mm(m).query(
        `SELECT s.id AS session_id, s.user_id AS user_id, u.disabled AS disabled, s.expires_at AS expires_at, g.id AS id, g.role AS role, g.node_id AS node_id, n.path AS path, g.department_id AS department_id
           FROM auth_session s
           JOIN app_user u ON u.id = s.user_id
           LEFT JOIN role_grant g ON g.user_id = u.id AND g.revoked_at IS NULL
           LEFT JOIN grid_node n ON n.id = g.node_id
          WHERE s.id IN (${marks(sessionIds)}) AND s.revoked_at IS NULL`,
        [...sessionIds],
      );
    for (const r of rows) {
      const sid = num(r.session_id);
      let s = out.get(sid);
      if (!s) out.set(sid, (s = { sessionId: sid, userId: num(r.user_id), disabled: !!num(r.disabled), expiresAt: dbDate(r.expires_at), grants: [] }));
      if (r.id !== null && r.path !== null) s.grants.push({ grantId: num(r.id), role: r.role as Role, nodeId: num(r.node_id), nodePath: r.path, departmentId: numOrNull(r.department_id) });
    }
    return out;
  }
}
