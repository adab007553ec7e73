import { Injectable } from '@nestjs/common';
import { ACTIONS, type EventAction, type Role, type WorkflowParty } from '@weigrid/shared';
import type { AccessAction, Actor, RoleGrant } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { subtreeWhere } from '../db/subtree.js';
import { GrantReader, type NodeTarget } from './grant-reader.js';
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

/** What access needs to know about one event to say what an actor is to it. */
export interface EventFacts {
  reporterId: number | null;
  handlerId: number | null;
  /** grid_node.path of the event's micro-grid (its owning node lies on this path). */
  nodePath: string;
  /** The department it was whistled to (吹哨), if any. */
  departmentId: number | null;
  category: string;
  /** The actor said "me too" (or their duplicate was merged into it): looked up by the caller where it matters. */
  supporter?: boolean;
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
 * `require` runs ONE indexed query (Staff.grantReaching in accounts: role_grant by (user_id,
 * revoked_at), joined to the grant's node and the resource's node by primary key / unique code),
 * reading grants from the database rather than the token, so a revoked role stops working on the
 * very next request.
 *
 * Events: what an actor is to an event (its parties) is decided here too (`eventParties`); the
 * workflow table in @weigrid/shared then says which party may take which action.
 *
 * An actor of a request (AuthGuard sets `actor.route`) is authorized only by the permissions its
 * route declares in `@Auth({...})`: asking about any other action is a bug in the route's
 * declaration or the service, and fails loudly instead of quietly answering.
 */
@Injectable()
export class AccessService {
  constructor(private readonly grants: GrantReader) {}

  /** The grant that allows `action` on `target`, or null. */
  async check(actor: Actor, action: AccessAction, target: AccessTarget, opts: AccessOptions = {}): Promise<RoleGrant | null> {
    declared(actor, action);
    const roles = ACCESS_POLICY[action].filter((r) => !opts.onlyRoles || opts.onlyRoles.includes(r));
    if (roles.length === 0) return null;
    let node: NodeTarget;
    if (target.nodeId !== undefined) node = { nodeId: target.nodeId };
    else if (target.nodeCode !== undefined) node = { nodeCode: target.nodeCode };
    else if (target.nodePath !== undefined) node = { nodePath: target.nodePath };
    else throw new Error('AccessService.check: target needs nodeId, nodeCode or nodePath');
    return this.grants.grantReaching(actor.userId, roles, node, target.categoryCode);
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
    declared(actor, action);
    const roles = ACCESS_POLICY[action].filter((r) => !opts.onlyRoles || opts.onlyRoles.includes(r));
    const entries = actor.grants.filter((g) => roles.includes(g.role)).map((g) => ({ role: g.role, path: g.nodePath, departmentId: g.departmentId ?? null }));
    // Drop entries already covered by a wider one of a non-department role.
    return entries.filter((e) => !entries.some((o) => o !== e && o.role !== 'dept_staff' && e.path.startsWith(o.path) && (o.path !== e.path || entries.indexOf(o) < entries.indexOf(e))));
  }

  /**
   * A WHERE fragment limiting `pathColumn` (a grid_node.path column in the caller's query) to the
   * actor's scope for `action`, with named parameters for TypeORM; null when the scope is empty.
   * dept_staff entries also need the category restriction: pass `categoryColumn` to get it.
   * Each entry is the one subtree predicate (GridTree's `subtreeWhere`, a range on the path that
   * both engines answer from an index), parameters `scope_p<i>_f` / `scope_p<i>_t`.
   */
  scopeWhere(actor: Actor, action: AccessAction, pathColumn: string, categoryColumn?: string, opts: AccessOptions = {}): { sql: string; params: Record<string, unknown> } | null {
    const entries = this.scope(actor, action, opts);
    if (entries.length === 0) return null;
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    entries.forEach((e, i) => {
      const sub = subtreeWhere(pathColumn, e.path, `scope_p${i}`);
      Object.assign(params, sub.params);
      if (e.role === 'dept_staff' && categoryColumn && e.departmentId !== null) {
        params[`scope_d${i}`] = e.departmentId;
        parts.push(`(${sub.sql} AND ${categoryColumn} IN (SELECT dc.category_code FROM department_category dc WHERE dc.department_id = :scope_d${i}))`);
      } else {
        parts.push(sub.sql);
      }
    });
    return { sql: `(${parts.join(' OR ')})`, params };
  }

  // ── events ──

  /**
   * What an actor is to one event, from the grants loaded for this request: each role held at a
   * node above (or at) the event's micro-grid; dept_staff only for the department the event was
   * whistled to; plus reporter and handler by user id.
   */
  eventParties(actor: Actor, e: EventFacts): WorkflowParty[] {
    const out = new Set<WorkflowParty>();
    if (e.reporterId !== null && e.reporterId === actor.userId) out.add('reporter');
    if (e.handlerId !== null && e.handlerId === actor.userId) out.add('handler');
    if (e.supporter) out.add('supporter');
    for (const g of actor.grants) {
      if (g.role === 'resident' || !e.nodePath.startsWith(g.nodePath)) continue;
      if (g.role === 'dept_staff' && (e.departmentId === null || g.departmentId !== e.departmentId)) continue;
      out.add(g.role);
    }
    return [...out];
  }

  /**
   * The actor's parties to the event when the workflow table lets one of them take `action`:
   * 404 when they are nothing to the event, 403 (with their parties) when none of theirs may.
   */
  requireEventAction(actor: Actor, e: EventFacts, action: EventAction): WorkflowParty[] {
    declared(actor, 'event.act');
    const parties = this.eventParties(actor, e);
    if (parties.length === 0) throw new AppError('NOT_FOUND', 'event not found');
    if (!ACTIONS[action].parties.some((p) => parties.includes(p))) throw new AppError('FORBIDDEN', `you may not ${action} this event`, { parties });
    return parties;
  }

  /**
   * Grid staff of the micro-grid at `nodePath` (anyone holding a role there but residents and
   * department staff): their reports are accepted at once and may be filed as already handled.
   */
  isGridStaffAt(actor: Actor, nodePath: string): boolean {
    return isStaff(this.eventParties(actor, { reporterId: null, handlerId: null, nodePath, departmentId: null, category: '' }));
  }

  /**
   * Who sees the full detail of an event: its parties, and `staff` — a staff role reaching the
   * event, or department staff whose department handles the event's category in their area.
   */
  async eventViewer(actor: Actor, e: EventFacts): Promise<{ parties: WorkflowParty[]; staff: boolean }> {
    declared(actor, 'event.read');
    const parties = this.eventParties(actor, e);
    if (isStaff(parties)) return { parties, staff: true };
    // Department staff read every event of their department's categories in their area (one query, only for them).
    const dept = actor.grants.some((g) => g.role === 'dept_staff' && g.departmentId != null && e.nodePath.startsWith(g.nodePath));
    const staff = dept && !!(await this.grants.grantReaching(actor.userId, ['dept_staff'], { nodePath: e.nodePath }, e.category));
    return { parties, staff };
  }
}

/** Staff roles among the parties (anyone but reporter/handler-only viewers). */
function isStaff(parties: readonly WorkflowParty[]): boolean {
  return parties.some((p) => p !== 'reporter' && p !== 'handler' && p !== 'supporter' && p !== 'system' && p !== 'resident');
}

/** Throws when a request's route did not declare `action` (see `Actor.route`). */
function declared(actor: Actor, action: AccessAction): void {
  if (actor.route && !actor.route.permits.includes(action)) {
    throw new Error(`${actor.route.name} checks '${action}' but its @Auth({...}) declares ${actor.route.permits.length ? actor.route.permits.map((p) => `'${p}'`).join(', ') : 'no permission'}`);
  }
}
