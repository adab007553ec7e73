import type { GridLevel } from './grid-code.js';

/**
 * Roles are always held at a node of the grid tree and reach everything beneath it.
 * A user may hold several (e.g. a resident who is also a micro-grid member).
 */
export const ROLES = [
  'resident',
  'micro_member',
  'micro_leader',
  'grid_worker',
  'community_admin',
  'street_admin',
  'district_admin',
  'city_admin',
  'dept_staff',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  resident: '居民',
  micro_member: '微网格员',
  micro_leader: '微网格长',
  grid_worker: '专职网格员',
  community_admin: '社区管理员',
  street_admin: '街道管理员',
  district_admin: '区县管理员',
  city_admin: '市级管理员',
  dept_staff: '职能部门人员',
};

/** The administrators, from the lowest level (community) up to the city. */
export const ADMIN_ROLES: readonly Role[] = ['community_admin', 'street_admin', 'district_admin', 'city_admin'];

/** Everyone who works in the grid (all roles but residents): a notice goes to them unless it names roles. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'resident');

/**
 * Which roles a holder of each role may hand out (by invite) or take back, within their subtree.
 * The server enforces it (invites, revocations); the mini-program offers only these, so an admin
 * is never refused after filling in the form.
 */
export const GRANTABLE: Record<Role, readonly Role[]> = {
  city_admin: ['city_admin', 'district_admin', 'street_admin', 'community_admin', 'grid_worker', 'micro_leader', 'micro_member', 'dept_staff', 'resident'],
  district_admin: ['street_admin', 'community_admin', 'grid_worker', 'micro_leader', 'micro_member', 'dept_staff', 'resident'],
  street_admin: ['community_admin', 'grid_worker', 'micro_leader', 'micro_member', 'resident'],
  community_admin: ['grid_worker', 'micro_leader', 'micro_member', 'resident'],
  grid_worker: ['micro_leader', 'micro_member', 'resident'],
  micro_leader: [],
  micro_member: [],
  resident: [],
  dept_staff: [],
};

/** The roles whose holders may grant (or revoke) `role`. */
export function grantorsOf(role: Role): Role[] {
  return (Object.keys(GRANTABLE) as Role[]).filter((r) => GRANTABLE[r].includes(role));
}

/** The tree levels a role may be held at (a street admin sits at a street node, and so on). */
export const ROLE_LEVELS: Record<Role, readonly GridLevel[]> = {
  resident: ['community', 'grid', 'micro'],
  micro_member: ['micro'],
  micro_leader: ['micro'],
  grid_worker: ['grid'],
  community_admin: ['community'],
  street_admin: ['street'],
  district_admin: ['district'],
  city_admin: ['city'],
  dept_staff: ['district', 'city'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
