import { ADMIN_ROLES, type Role } from './roles.js';

const MICRO = ['micro_member', 'micro_leader'] as const satisfies readonly Role[];

/**
 * Which roles may perform an action (a permission) on a node inside the subtree where they hold the
 * role — defined once, here, for the server and the mini-program alike. The server's AccessService
 * decides with it (`ACCESS_POLICY` in server/src/access/policy.ts is this table) and every route
 * declares the permissions it needs (`@Auth({ permission })`); the mini-program offers a form only
 * to those who may send it (it never decides access: the server checks the scope again).
 * Residents hold no tree-scoped powers: what they may see of their own reports is decided by
 * ownership (reporter id), not by the tree. dept_staff matches only when the resource's category
 * (if given) belongs to their department. A new action must get a row here.
 */
export const PERMISSIONS = {
  'grid.read': [...MICRO, 'grid_worker', ...ADMIN_ROLES, 'dept_staff'],
  'grid.edit': [...ADMIN_ROLES],
  'event.read': [...MICRO, 'grid_worker', ...ADMIN_ROLES, 'dept_staff'],
  'event.act': [...MICRO, 'grid_worker', ...ADMIN_ROLES, 'dept_staff'],
  'notice.send': ['micro_leader', 'grid_worker', ...ADMIN_ROLES],
  'stats.read': ['grid_worker', ...ADMIN_ROLES, 'dept_staff'],
  'user.invite': ['grid_worker', ...ADMIN_ROLES],
  'role.revoke': ['grid_worker', ...ADMIN_ROLES],
  'role.read': ['grid_worker', ...ADMIN_ROLES],
  'department.manage': ['district_admin', 'city_admin'],
  'group.bind': ['micro_leader', 'grid_worker', ...ADMIN_ROLES],
  // The outbox is one queue for the whole deployment: only city admins see its dead letters.
  'outbox.admin': ['city_admin'],
  'campaign.manage': [...ADMIN_ROLES],
  'campaign.read': [...MICRO, 'grid_worker', ...ADMIN_ROLES],
  /** Answer a campaign for a household one visited (走访代填). */
  'campaign.visit': [...MICRO, 'grid_worker'],
  /** Patrol check-ins are made by the people who patrol: grid workers and micro-grid members. */
  'patrol.checkin': [...MICRO, 'grid_worker'],
  'patrol.read': ['grid_worker', ...ADMIN_ROLES],
  // Household register (一户一档). Lists show phone/ID masked; revealing them (read_full) is for the
  // roles that verify identities and is logged; export of personal data needs a street admin or above.
  'register.read': [...MICRO, 'grid_worker', ...ADMIN_ROLES],
  'register.read_full': ['grid_worker', ...ADMIN_ROLES],
  'register.write': ['micro_leader', 'grid_worker', ...ADMIN_ROLES],
  'register.import': ['grid_worker', ...ADMIN_ROLES],
  'register.export': ['street_admin', 'district_admin', 'city_admin'],
  'register.audit': [...ADMIN_ROLES],
  'care.read': [...MICRO, 'grid_worker', ...ADMIN_ROLES],
  'care.visit': [...MICRO, 'grid_worker', ...ADMIN_ROLES],
  'care.plan': ['micro_leader', 'grid_worker', ...ADMIN_ROLES],
  'volunteer.manage': ['micro_leader', 'grid_worker', ...ADMIN_ROLES],
  // External systems (Open311 clients, 12345 hotlines) file cases into a whole city's tree: city admins only.
  'integration.manage': ['city_admin'],
} satisfies Record<string, readonly Role[]>;

/** An action AccessService decides on (`event.act`, `register.write`, …): a key of PERMISSIONS. */
export type Permission = keyof typeof PERMISSIONS;

/** The roles that may perform `permission` (somewhere in the subtree where they hold the role). */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}
