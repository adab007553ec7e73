import { GRANTABLE, grantorsOf, ROLE_LEVELS, ROLES } from '@weigrid/shared';
import { ACCESS_POLICY } from './policy.js';

describe('access policy table', () => {
  it('gives residents no tree-scoped power', () => {
    for (const roles of Object.values(ACCESS_POLICY)) expect(roles).not.toContain('resident');
  });

  it('lets nobody grant a role above their own, and only the city admin grant city admins', () => {
    const rank = (r: string) => ['resident', 'micro_member', 'micro_leader', 'dept_staff', 'grid_worker', 'community_admin', 'street_admin', 'district_admin', 'city_admin'].indexOf(r);
    for (const r of ROLES) {
      for (const g of GRANTABLE[r]) if (r !== 'city_admin') expect(rank(g)).toBeLessThan(rank(r));
    }
    expect(grantorsOf('city_admin')).toEqual(['city_admin']);
    expect(grantorsOf('micro_member').sort()).toEqual(['city_admin', 'community_admin', 'district_admin', 'grid_worker', 'street_admin']);
  });

  it('places every role at some tree level', () => {
    for (const r of ROLES) expect(ROLE_LEVELS[r].length).toBeGreaterThan(0);
  });
});
