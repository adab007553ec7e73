import { ADMIN_ROLES as ADMINS, type Role } from '@weigrid/shared';
import type { AccessAction } from '../common/actor.js';

// Roles, who may grant which (GRANTABLE, grantorsOf) and where each is held (ROLE_LEVELS) are
// defined once in @weigrid/shared, for the server and the mini-program alike.
const MICRO = ['micro_member', 'micro_leader'] as const satisfies readonly Role[];

/**
 * Which roles may perform an action on a node inside the subtree where they hold the role. This
 * table is the whole policy: a new action must get a row here (the Record type makes a missing
 * row a compile error). Residents hold no tree-scoped powers: what they may see of their own
 * reports is decided by ownership (reporter id), not by the tree.
 *
 * dept_staff matches only when the resource's category (if given) belongs to their department.
 */
export const ACCESS_POLICY: Record<AccessAction, readonly Role[]> = {
  'grid.read': [...MICRO, 'grid_worker', ...ADMINS, 'dept_staff'],
  'grid.edit': [...ADMINS],
  'event.read': [...MICRO, 'grid_worker', ...ADMINS, 'dept_staff'],
  'event.act': [...MICRO, 'grid_worker', ...ADMINS, 'dept_staff'],
  'notice.send': ['micro_leader', 'grid_worker', ...ADMINS],
  'stats.read': ['grid_worker', ...ADMINS, 'dept_staff'],
  'user.invite': ['grid_worker', ...ADMINS],
  'role.revoke': ['grid_worker', ...ADMINS],
  'role.read': ['grid_worker', ...ADMINS],
  'department.manage': ['district_admin', 'city_admin'],
  'group.bind': ['micro_leader', 'grid_worker', ...ADMINS],
  // The outbox is one queue for the whole deployment: only city admins see its dead letters.
  'outbox.admin': ['city_admin'],
  'campaign.manage': [...ADMINS],
  'campaign.read': [...MICRO, 'grid_worker', ...ADMINS],
  /** Answer a campaign for a household one visited (走访代填). */
  'campaign.visit': [...MICRO, 'grid_worker'],
  /** Patrol check-ins are made by the people who patrol: grid workers and micro-grid members. */
  'patrol.checkin': [...MICRO, 'grid_worker'],
  'patrol.read': ['grid_worker', ...ADMINS],
  // Household register (一户一档). Lists show phone/ID masked; revealing them (read_full) is for the
  // roles that verify identities and is logged; export of personal data needs a street admin or above.
  'register.read': [...MICRO, 'grid_worker', ...ADMINS],
  'register.read_full': ['grid_worker', ...ADMINS],
  'register.write': ['micro_leader', 'grid_worker', ...ADMINS],
  'register.import': ['grid_worker', ...ADMINS],
  'register.export': ['street_admin', 'district_admin', 'city_admin'],
  'register.audit': [...ADMINS],
  'care.read': [...MICRO, 'grid_worker', ...ADMINS],
  'care.visit': [...MICRO, 'grid_worker', ...ADMINS],
  'care.plan': ['micro_leader', 'grid_worker', ...ADMINS],
  'volunteer.manage': ['micro_leader', 'grid_worker', ...ADMINS],
  // External systems (Open311 clients, 12345 hotlines) file cases into a whole city's tree: city admins only.
  'integration.manage': ['city_admin'],
};
