const ADMINS = ['community_admin', 'street_admin', 'district_admin', 'city_admin'];
const MICRO = ['micro_member', 'micro_leader'];
/**
 * Which roles may perform an action on a node inside the subtree where they hold the role. This
 * table is the whole policy: a new action must get a row here (the Record type makes a missing
 * row a compile error). Residents hold no tree-scoped powers: what they may see of their own
 * reports is decided by ownership (reporter id), not by the tree.
 *
 * dept_staff matches only when the resource's category (if given) belongs to their department.
 */
export const ACCESS_POLICY = {
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
};
/** Which roles a holder of each role may hand out (by invite) or take back, within their subtree. */
export const GRANTABLE = {
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
export function grantorsOf(role) {
    return Object.keys(GRANTABLE).filter((r) => GRANTABLE[r].includes(role));
}
/** The tree levels a role may be held at (a street admin sits at a street node, and so on). */
export const ROLE_LEVELS = {
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
//# sourceMappingURL=policy.js.map