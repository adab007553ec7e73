import { AccessService } from '../../src/access/access.service.js';
import { Department, DepartmentCategory } from '../../src/accounts/department.entity.js';
import { EventRow } from '../../src/events/event.entity.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { testDbKinds } from '../helpers/databases.js';
import { bootServices, type ServicesApp } from '../helpers/services.js';
import { ensureNodes } from '../helpers/tree.js';

/**
 * AccessService.scopeWhere against the real databases (a medium test: the service, no HTTP): the
 * list filter it builds — one subtree range per scope entry, a department's categories for
 * dept_staff — selects exactly the rows a JavaScript prefix check on the path selects.
 */
const CODES = ['510104001001001001', '510104001001002001', '510104001002001001', '510104002001001001', '510105001001001001', '510201001001001001'];

describe.each(testDbKinds())('access scope filters on %s', (kind) => {
  let t: ServicesApp;
  let nodes: GridNode[];
  beforeAll(async () => {
    t = await bootServices(kind);
    await ensureNodes(t.ds, CODES);
    nodes = await t.ds.getRepository(GridNode).find({ order: { id: 'ASC' } });
    const at = new Date('2026-01-15T08:00:00.000Z');
    let i = 0;
    for (const n of nodes.filter((x) => x.level === 'micro')) {
      for (const category of ['road', 'sanitation']) {
        await t.ds.getRepository(EventRow).insert({
          requestKey: `scope-${i++}`, source: 'resident', category, description: '事件', address: null, lat: null, lng: null, nodeId: n.id, nodePath: n.path, ownerNodeId: n.id, ownerPath: n.path,
          state: 'reported', prevState: null, version: 1, reporterId: null, anonymous: false, handlerId: null, assigneeId: null, departmentId: null, photos: '[]', stage: null, deadlineAt: null,
          slaLeftMs: null, overdueAt: null, supporters: 0, rating: null, ratingComment: null, held: false, needsGridConfirm: false, confidence: null, createdAt: at, updatedAt: at,
        });
      }
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('selects the grid nodes under each grant, not a sibling whose code shares the prefix, and nothing for a resident', async () => {
    const access = t.get(AccessService);
    const actor = await t.actor([
      { role: 'street_admin', nodeCode: '510104001' },
      { role: 'grid_worker', nodeCode: '510104001001001' },
      { role: 'micro_leader', nodeCode: '510105001001001001' },
    ]);
    const w = access.scopeWhere(actor, 'grid.read', 'n.path')!;
    expect(w.sql).not.toMatch(/LIKE/);
    const got = (await t.ds.getRepository(GridNode).createQueryBuilder('n').where(w.sql, w.params).orderBy('n.id', 'ASC').getMany()).map((n) => n.code);
    const held = actor.grants.map((g) => g.nodePath);
    expect(got).toEqual(nodes.filter((n) => held.some((p) => n.path.startsWith(p))).map((n) => n.code));
    expect(got).toContain('510104001002001001');
    expect(got).not.toContain('510104002001001001');
    expect(access.scopeWhere(await t.actor([{ role: 'resident', nodeCode: '510104001001001001' }]), 'grid.read', 'n.path')).toBeNull();
  });

  it("limits department staff to their department's categories inside their subtree", async () => {
    const district = await t.ds.getRepository(GridNode).findOneByOrFail({ code: '510104' });
    const dep = Number((await t.ds.getRepository(Department).insert({ name: '环卫所', nodeId: district.id, createdAt: new Date() })).identifiers[0]!.id);
    await t.ds.getRepository(DepartmentCategory).insert({ departmentId: dep, categoryCode: 'sanitation' });
    const access = t.get(AccessService);
    const staff = await t.actor([{ role: 'dept_staff', nodeCode: '510104', departmentId: dep }]);
    const worker = await t.actor([{ role: 'grid_worker', nodeCode: '510105001001' }]);
    const list = async (a: typeof staff) => {
      const w = access.scopeWhere(a, 'event.read', 'e.node_path', 'e.category')!;
      return (await t.ds.getRepository(EventRow).createQueryBuilder('e').where(w.sql, w.params).orderBy('e.id', 'ASC').getMany()).map((e) => `${e.nodePath.split('/').at(-2)} ${e.category}`);
    };
    expect(await list(staff)).toEqual(['510104001001001001 sanitation', '510104001001002001 sanitation', '510104001002001001 sanitation', '510104002001001001 sanitation']);
    expect(await list(worker)).toEqual(['510105001001001001 road', '510105001001001001 sanitation']);
  });
});
