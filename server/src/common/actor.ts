import type { Permission, Role } from '@weigrid/shared';

/**
 * The contract between authentication (accounts/auth modules) and every domain service.
 * Services take `(actor, input)` and ask the access helper before touching anything.
 */
export interface RoleGrant {
  /** role_grant.id (set when loaded from the database). */
  grantId?: number;
  role: Role;
  /** The grid node the role is held at; it reaches this node's whole subtree. */
  nodeId: number;
  /** Materialized path of that node (grid_node.path), e.g. "5101/510104/510104017/". */
  nodePath: string;
  /** For dept_staff: the department whose categories they handle. */
  departmentId?: number | null;
}

export interface Actor {
  userId: number;
  grants: RoleGrant[];
  /** The login session the request came with (set by AuthGuard); lets a user revoke "this device". */
  sessionId?: number;
  /**
   * Set by AuthGuard for a request: the route and the permissions its `@Auth({...})` declares.
   * AccessService authorizes the request by those actions only. Absent for actors made outside a
   * request (CLI tools, the scheduler), which are not bound to a route.
   */
  route?: { name: string; permits: readonly AccessAction[] };
}

/** Actions the access helper decides on: the permissions of @weigrid/shared (shared/src/permissions.ts); domains add theirs there. */
export type AccessAction = Permission;
