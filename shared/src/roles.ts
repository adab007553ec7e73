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

export const ADMIN_ROLES: readonly Role[] = ['community_admin', 'street_admin', 'district_admin', 'city_admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
