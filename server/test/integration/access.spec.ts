import { ROLE_LEVELS, ROLES, type Role } from '@weigrid/shared';
import { AccessService } from '../../src/access/access.service.js';
import { ActorLoader } from '../../src/access/actor-loader.js';
import { ACCESS_POLICY } from '../../src/access/policy.js';
import type { AccessAction } from '../../src/common/actor.js';
import { Department, DepartmentCategory } from '../../src/accounts/department.entity.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { grant, loginAs } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';

// One branch per level ("A") and, beside it, a sibling ("B") down to a micro-grid.
const A = { city: '5101', district: '510104', street: '510104001', community: '510104001001', grid: '510104001001001', micro: '510104001001001001' };
// The micro-grid just outside a holder's subtree at each level: under the sibling at that level.
const SIBLING_MICRO = {
  city: '510201001001001001',
  district: '510105001001001001',
  street: '510104002001001001',
  community: '510104001002001001',
  grid: '510104001001002001',
  micro: '510104001001001002',
} as const;

describe.each(testDbKinds())('access helper on %s', (kind) => {
  let t: TestApp;
  let access: AccessService;
  beforeAll(async () => {
    t = await bootTestApp(kind);
    access = t.app.get(AccessService);
    await ensureNodes(t.ds, [A.micro, ...Object.values(SIBLING_MICRO)]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('decides every role × action inside and outside the holder’s subtree', async () => {
    let checks = 0;
    const wrong: string[] = [];
    for (const role of ROLES) {
      const level = ROLE_LEVELS[role][0]!;
      const u = await loginAs(t, { grants: [{ role, nodeCode: A[level as keyof typeof A] }] });
      const actor = (await t.app.get(ActorLoader).load(u.userId, Number(JSON.parse(Buffer.from(u.accessToken.split('.')[1]!, 'base64url').toString()).sid)))!;
      for (const action of Object.keys(ACCESS_POLICY) as AccessAction[]) {
        const allowed = ACCESS_POLICY[action].includes(role);
        const inside = await access.check(actor, action, { nodeCode: A.micro });
        const outside = await access.check(actor, action, { nodeCode: SIBLING_MICRO[level as keyof typeof SIBLING_MICRO] });
        const byPath = await access.check(actor, action, { nodePath: `${A.city}/${A.district}/${A.street}/${A.community}/${A.grid}/${A.micro}/` });
        checks += 3;
        if (!!inside !== allowed) wrong.push(`${role} ${action} inside`);
        if (!!byPath !== allowed) wrong.push(`${role} ${action} by path`);
        if (outside) wrong.push(`${role} ${action} OUTSIDE`);
      }
    }
    console.log(`access helper: ${checks} decisions, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
  });

  it('limits department staff to their department’s categories, and lets others ignore categories', async () => {
    const now = new Date();
    const dep = await t.ds.getRepository(Department).insert({ name: '城管局', nodeId: (await ensureNodes(t.ds, [A.district])).get(A.district)!.id, createdAt: now });
    const depId = Number(dep.identifiers[0]!.id);
    await t.ds.getRepository(DepartmentCategory).insert([{ departmentId: depId, categoryCode: 'sanitation' }]);
    const staff = await loginAs(t, { grants: [{ role: 'dept_staff', nodeCode: A.district, departmentId: depId }] });
    const worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: A.grid }] });
    const actorOf = (id: number) => ({ userId: id, grants: [] });
    expect(await access.check(actorOf(staff.userId), 'event.act', { nodeCode: A.micro, categoryCode: 'sanitation' })).toMatchObject({ role: 'dept_staff', departmentId: depId });
    expect(await access.check(actorOf(staff.userId), 'event.act', { nodeCode: A.micro, categoryCode: 'road' })).toBeNull();
    expect(await access.check(actorOf(worker.userId), 'event.act', { nodeCode: A.micro, categoryCode: 'road' })).toMatchObject({ role: 'grid_worker' });
    await expect(access.require(actorOf(staff.userId), 'event.act', { nodeCode: A.micro, categoryCode: 'road' }, { hide: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(access.require(actorOf(staff.userId), 'event.act', { nodeCode: A.micro, categoryCode: 'road' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reads grants from the database, so a revoked grant stops counting at once', async () => {
    const u = await loginAs(t);
    const [gid] = await grant(t, u.userId, [{ role: 'community_admin', nodeCode: A.community }]);
    const actor = { userId: u.userId, grants: [] };
    expect(await access.check(actor, 'grid.edit', { nodeCode: A.micro })).toMatchObject({ grantId: gid, role: 'community_admin' });
    await t.ds.query('UPDATE role_grant SET revoked_by = ?, revoked_at = created_at WHERE id = ?', [u.userId, gid]);
    expect(await access.check(actor, 'grid.edit', { nodeCode: A.micro })).toBeNull();
    expect(await access.check(actor, 'grid.edit', { nodeCode: 'nonexistent' })).toBeNull();
  });

  it('builds list filters from the actor’s scope', async () => {
    const actor = {
      userId: 1,
      grants: [
        { role: 'grid_worker' as Role, nodeId: 1, nodePath: '5101/510104/510104001/510104001001/510104001001001/' },
        { role: 'street_admin' as Role, nodeId: 2, nodePath: '5101/510104/510104001/' },
        { role: 'dept_staff' as Role, nodeId: 3, nodePath: '5101/510105/', departmentId: 7 },
        { role: 'resident' as Role, nodeId: 4, nodePath: '5101/510106/' },
      ],
    };
    // The grid is inside the street: one entry covers both; the resident grant gives nothing.
    expect(access.scope(actor, 'event.read').map((e) => e.path)).toEqual(['5101/510104/510104001/', '5101/510105/']);
    const w = access.scopeWhere(actor, 'event.read', 'n.path', 'e.category')!;
    // The one subtree predicate (GridTree's range on the path), not LIKE 'p%' (SQLite cannot index it).
    expect(w.sql).toBe(
      '((n.path >= :scope_p0_f AND n.path < :scope_p0_t) OR ((n.path >= :scope_p1_f AND n.path < :scope_p1_t) AND e.category IN (SELECT dc.category_code FROM department_category dc WHERE dc.department_id = :scope_d1)))',
    );
    expect(w.params).toEqual({ scope_p0_f: '5101/510104/510104001/', scope_p0_t: '5101/510104/5101040010', scope_p1_f: '5101/510105/', scope_p1_t: '5101/5101050', scope_d1: 7 });
    expect(access.scopeWhere({ userId: 1, grants: [actor.grants[3]!] }, 'event.read', 'n.path')).toBeNull();
  });
});
