var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '../common/app-error.js';
import { ACCESS_POLICY } from './policy.js';
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
let AccessService = class AccessService {
    ds;
    constructor(ds) {
        this.ds = ds;
    }
    /** The grant that allows `action` on `target`, or null. */
    async check(actor, action, target, opts = {}) {
        const roles = ACCESS_POLICY[action].filter((r) => !opts.onlyRoles || opts.onlyRoles.includes(r));
        if (roles.length === 0)
            return null;
        // Placeholders are filled in the order they appear in the SQL below.
        const params = [];
        let join = '';
        let resourcePath = 'rn.path';
        if (target.nodeId !== undefined) {
            join = 'JOIN grid_node rn ON rn.id = ?';
            params.push(target.nodeId);
        }
        else if (target.nodeCode !== undefined) {
            join = 'JOIN grid_node rn ON rn.code = ?';
            params.push(target.nodeCode);
        }
        else if (target.nodePath === undefined) {
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
        const rows = await this.ds.query(sql, params);
        const r = rows[0];
        if (!r)
            return null;
        return { grantId: Number(r.id), role: r.role, nodeId: Number(r.node_id), nodePath: r.node_path, departmentId: r.department_id === null ? null : Number(r.department_id) };
    }
    /** Like `check`, but throws 403 FORBIDDEN (or 404 NOT_FOUND with `hide`) when not allowed. */
    async require(actor, action, target, opts = {}) {
        const g = await this.check(actor, action, target, opts);
        if (g)
            return g;
        if (opts.hide)
            throw new AppError('NOT_FOUND', 'not found');
        throw new AppError('FORBIDDEN', `not allowed: ${action}`);
    }
    /** The subtrees where the actor may perform `action` (from the grants loaded for this request). */
    scope(actor, action, opts = {}) {
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
    scopeWhere(actor, action, pathColumn, categoryColumn, opts = {}) {
        const entries = this.scope(actor, action, opts);
        if (entries.length === 0)
            return null;
        const parts = [];
        const params = {};
        entries.forEach((e, i) => {
            params[`scope_p${i}`] = `${e.path}%`;
            if (e.role === 'dept_staff' && categoryColumn && e.departmentId !== null) {
                params[`scope_d${i}`] = e.departmentId;
                parts.push(`(${pathColumn} LIKE :scope_p${i} AND ${categoryColumn} IN (SELECT dc.category_code FROM department_category dc WHERE dc.department_id = :scope_d${i}))`);
            }
            else {
                parts.push(`${pathColumn} LIKE :scope_p${i}`);
            }
        });
        return { sql: `(${parts.join(' OR ')})`, params };
    }
};
AccessService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [Function])
], AccessService);
export { AccessService };
//# sourceMappingURL=access.service.js.map