import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '@weigrid/shared';
import type { AccessAction, Actor, RoleGrant } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { ACCESS_POLICY } from './policy.js';

/** The resource an action is about: a grid node (by id, code or path), and its category if any. */
export interface AccessTarget {
  nodeId?: number;
  nodeCode?: string;
  nodePath?: string;
  /** Events etc.: dept_staff match only if their department owns this category. */
  categoryCode?: string;
}

export interface AccessOptions {
  /** Narrow the roles further than the policy (e.g. only those who may grant a given role). */
  onlyRoles?: readonly Role[];
  /** Deny with 404 NOT_FOUND instead of 403, so the caller does not learn the resource exists. */
  hide?: boolean;
}

/** One entry of an actor's scope for list queries: everything under `path`. */
export interface ScopeEntry {
  role: Role;
  path: string;
  departmentId: number | null;
}

/**
 * The one place that decides who may do what where. Usage in a service:
 *
 *   constructor(private readonly access: AccessService) {}
 *
 *   async resolve(actor: Actor, id: number) {
 *     const ev = await this.events.findOneBy({ id });          // or load just its node/category
 *     if (!ev) throw notFound('event');
 *     await this.access.require(actor, 'event.act', { nodeId: ev.nodeId, categoryCode: ev.category }, { hide: true });
 *     …
 *   }
 *
 * and for lists, filter by the actor's scope:
 *
 *   const s = this.access.scopeWhere(actor, 'event.read', 'n.path');
 *   if (!s) return { items: [], nextCursor: null };            // no scope at all
 *   qb.andWhere(s.sql, s.params);
 *
 * `require` runs ONE indexed query (role_grant by (user_id, revoked_at), joined to the grant's
 * node and the resource's node by primary key / unique code), reading grants from the database
 * rather than the token, so a revoked role stops working on the very next request.
 */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The grant that allows `action` on `target`, or null. */
  async check(actor: Actor, action: AccessAction, target: AccessTarget, opts: AccessOptions = {}): Promise<RoleGrant | null> {
    const roles = ACCESS_POLICY[action].filter((r) => !opts.onlyRoles || opts.onlyRoles.includes(r));
    if (roles.length === 0) return null;
    // Placeholders are filled in the order they appear in the SQL below.
    const params: unknown[] = [];
    let join = '';
    let resourcePath = 'rn.path';
    if (target.nodeId !== undefined) {
      join = 'JOIN grid_node rn ON rn.id = ?';
      params.push(target.nodeId);
    } else if (target.nodeCode !== undefined) {
      join = 'JOIN grid_node rn ON rn.code = ?';
      params.push(target.nodeCode);
    } else if (target.nodePath === undefined) {
      throw new Error('AccessService.check: target needs nodeId, nodeCode or nodePath');
    }
    params.push(actor.userId, ...roles);
    if (!join) {
      resourcePath = '?';
      params.push(target.nodePath);
    }
    let deptClause = '';
    if (target.categoryCode !== undefined) {
      deptClause = `AND (g.role <> 'dept_staff' OR EXISTS (SELECT 1 FROM department_category dc WHERE dc.department_id = g.department_id AND dc.category_code = ?))`;
      params.push(target.categoryCode);
    }
    // Paths hold only digits and '/', so a prefix test by SUBSTR is exact (no LIKE escaping) and
    // portable across SQLite and MySQL.
    const sql = `SELECT g.id AS id, g.role AS role, g.node_id AS node_id, gn.path AS node_path, g.department_id AS department_id
      FROM role_grant g
      JOIN grid_node gn ON gn.id = g.node_id
      ${join}
      WHERE g.user_id = ? AND g.revoked_at IS NULL AND g.role IN (${roles.map(() => '?').join(', ')})
        AND SUBSTR(${resourcePath}, 1, LENGTH(gn.path)) = gn.path
        ${deptClause}
      ORDER BY LENGTH(gn.path) ASC
      LIMIT 1`;
    const rows: { id: number; role: Role; node_id: number; node_path: string; department_id: number | null }[] = await this.ds.query(sql, params);
    const r = rows[0];
    if (!r) return null;
    return { grantId: Number(r.id), role: r.role, nodeId: Number(r.node_id), nodePath: r.node_path, departmentId: r.department_id === null ? null : Number(r.department_id) };
  }

  /** Like `check`, but throws 403 FORBIDDEN (or 404 NOT_FOUND with `hide`) when not allowed. */
  async require(actor: Actor, action: AccessAction, target: AccessTarget, opts: AccessOptions = {}): Promise<RoleGrant> {
    const g = await this.check(actor, action, target, opts);
    if (g) return g;
    if (opts.hide) throw new AppError('NOT_FOUND', 'not found');
    throw new AppError('FORBIDDEN', `not allowed: ${action}`);
  }

  /** The subtrees where the actor may perform `action` (from the grants loaded for this request). */
  scope(actor: Actor, action: AccessAction, opts: AccessOptions = {}): ScopeEntry[] {
    const roles = ACCESS_POLICY[action].filter((r) => !opts.onlyRoles || opts.onlyRoles.includes(r));
    const entries = actor.grants.filter((g) => roles.includes(g.role)).map((g) => ({ role: g.role, path: g.nodePath, departmentId: g.departmentId ?? null }));
    // Drop entries already covered by a wider one of a non-department role.
    return entries.filter((e) => !entries.some((o) => o !== e && o.role !== 'dept_staff' && e.path.startsWith(o.path) && (o.path !== e.path || entries.indexOf(o) < entries.indexOf(e))));
  }

  /**
   * A WHERE fragment limiting `pathColumn` (a grid_node.path column in the caller's query) to the
   * actor's scope for `action`, with named parameters for TypeORM; null when the scope is empty.
   * dept_staff entries also need the category restriction: pass `categoryColumn` to get it.
   */
  scopeWhere(actor: Actor, action: AccessAction, pathColumn: string, categoryColumn?: string, opts: AccessOptions = {}): { sql: string; params: Record<string, unknown> } | null {
    const entries = this.scope(actor, action, opts);
    if (entries.length === 0) return null;
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    entries.forEach((e, i) => {
      params[`scope_p${i}`] = `${e.path}%`;
      if (e.role === 'dept_staff' && categoryColumn && e.departmentId !== null) {
        params[`scope_d${i}`] = e.departmentId;
        parts.push(`(${pathColumn} LIKE :scope_p${i} AND ${categoryColumn} IN (SELECT dc.category_code FROM department_category dc WHERE dc.department_id = :scope_d${i}))`);
      } else {
        parts.push(`${pathColumn} LIKE :scope_p${i}`);
      }
    });
    return { sql: `(${parts.join(' OR ')})`, params };
  }
}
