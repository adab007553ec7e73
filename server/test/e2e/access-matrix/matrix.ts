import type { GridLevel, Role } from '@weigrid/shared';
import { GRID_LEVELS, ROLES } from '@weigrid/shared';
import { ACCESS_POLICY } from '../../../src/access/policy.js';
import type { AccessAction } from '../../../src/common/actor.js';
import type { TestApp } from '../../helpers/app.js';
import type { LoggedIn } from '../../helpers/auth.js';

/**
 * The access matrix: every role × every endpoint, on a resource inside and one outside the actor's
 * scope. To cover a new endpoint, add a row in a `<domain>.rows.ts` file here and list it in
 * `index.ts`. A row says which roles succeed on an inside resource; everything else (every role on
 * the outside resource, other roles inside) must answer 403/404 and change nothing in the database.
 */
export interface MatrixRow {
  /** e.g. 'POST /invites (micro_member)'. */
  name: string;
  /** Roles that succeed on the inside resource. Use `allowedBy()` to derive it from the policy. */
  allowed: readonly Role[];
  /**
   * Builds the request. May create the resource first (it runs before the "nothing changed"
   * snapshot), e.g. a grant to revoke at `ctx.node('micro')`.
   */
  request(ctx: MatrixCtx): Promise<MatrixRequest>;
  /** Statuses that count as success (default: any 2xx). */
  ok?: number[];
  /**
   * Statuses that count as a denial for this cell (default 403 and 404). For endpoints whose
   * "outside" is not a node in the request but a place: a check-in from someone else's grid is
   * 422 OUTSIDE_GRID for the roles that may check in at all.
   */
  denied?(ctx: MatrixCtx): number[];
  /**
   * Set (with the reason) for deployment-wide endpoints that address no node (categories, the work
   * calendar, the outbox): there is no "outside" resource, so each role is asked once and only
   * `allowed` may succeed.
   */
  wholeDeployment?: string;
  /**
   * Set (with the reason) for list endpoints that answer every caller but filter by scope: the
   * outside cell must then answer 2xx and show nothing of the outside resource (its `secret`).
   */
  filtered?: string;
  /**
   * Roles this endpoint deliberately does not scope by the tree (e.g. anyone may answer a campaign
   * form for their household): they succeed outside too. The reason goes in `why`.
   */
  anywhere?: { roles: readonly Role[]; why: string };
}

export interface MatrixRequest {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path under /api/v1, e.g. '/invites'. */
  path: string;
  body?: object;
  /** A multipart upload (part name and bytes) instead of a JSON body. */
  file?: { field: string; data: Buffer; filename: string };
  /**
   * A string that identifies the resource this request targets (a name, an address): a `filtered`
   * row's outside answer must not contain it.
   */
  secret?: string;
}

export interface MatrixCtx {
  t: TestApp;
  role: Role;
  where: 'inside' | 'outside';
  actor: LoggedIn;
  /** A node code at `level`: inside → in branch A (the actor's subtree if deep enough); outside → beside it. */
  node(level: GridLevel): string;
  /** Free-form per-app fixtures other rows set up once (see `setup` in index.ts). */
  fixtures: Record<string, unknown>;
  /**
   * A city admin of both cities (5101 and 5102) for building fixtures through the API:
   * `await ctx.api('post', '/notices', {...})` returns the answer's body and throws unless 2xx.
   */
  api(method: MatrixRequest['method'], path: string, body?: object): Promise<any>;
}

/** Branch A, where every actor holds its role at the node of its level. */
export const BRANCH_A: Record<GridLevel, string> = {
  city: '5101',
  district: '510104',
  street: '510104001',
  community: '510104001001',
  grid: '510104001001001',
  micro: '510104001001001001',
};

/** For an actor at level L: the sibling of A's L-node, with a chain down to a micro-grid. */
export const SIBLING: Record<GridLevel, Record<GridLevel, string>> = {
  city: { city: '5102', district: '510201', street: '510201001', community: '510201001001', grid: '510201001001001', micro: '510201001001001001' },
  district: { city: '5101', district: '510105', street: '510105001', community: '510105001001', grid: '510105001001001', micro: '510105001001001001' },
  street: { city: '5101', district: '510104', street: '510104002', community: '510104002001', grid: '510104002001001', micro: '510104002001001001' },
  community: { city: '5101', district: '510104', street: '510104001', community: '510104001002', grid: '510104001002001', micro: '510104001002001001' },
  grid: { city: '5101', district: '510104', street: '510104001', community: '510104001001', grid: '510104001001002', micro: '510104001001002001' },
  micro: { city: '5101', district: '510104', street: '510104001', community: '510104001001', grid: '510104001001001', micro: '510104001001001002' },
};

/** Where each role is held in the matrix. */
export const ROLE_AT: Record<Role, GridLevel> = {
  resident: 'micro',
  micro_member: 'micro',
  micro_leader: 'micro',
  grid_worker: 'grid',
  community_admin: 'community',
  street_admin: 'street',
  district_admin: 'district',
  city_admin: 'city',
  dept_staff: 'district',
};

/**
 * The node for a row: inside → A's node at `level`; outside → the sibling branch's node at `level`
 * when `level` is at or below the actor's level (the same shape, next door), or A's ancestor node
 * otherwise (above the actor, so also outside its subtree).
 */
export function nodeFor(role: Role, where: 'inside' | 'outside', level: GridLevel): string {
  if (where === 'inside') return BRANCH_A[level];
  return SIBLING[ROLE_AT[role]][level];
}

/** Roles that the policy allows `action` for AND whose matrix grant covers a node at `level`. */
export function allowedBy(action: AccessAction, level: GridLevel, narrow?: readonly Role[]): Role[] {
  return ROLES.filter((r) => ACCESS_POLICY[action].includes(r) && (!narrow || narrow.includes(r)) && GRID_LEVELS.indexOf(ROLE_AT[r]) <= GRID_LEVELS.indexOf(level));
}
