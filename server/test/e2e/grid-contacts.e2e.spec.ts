import request from 'supertest';
import { importGrids } from '../../src/grids/import.js';
import { User } from '../../src/accounts/user.entity.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { GroupBinding } from '../../src/share/group-binding.entity.js';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { testDbKinds } from '../helpers/databases.js';
import { FIXTURE, fixtureCollection } from '../helpers/grid-fixture.js';

/**
 * GET /grids/:code/contacts: the resident's home page shows their micro-grid's grid worker with a
 * call button. Only what 网格员公示 shows (name, verified work phone), only for micro-grids.
 */
describe.each(testDbKinds())('a micro-grid’s contacts on %s', (kind) => {
  let t: TestApp;
  let resident: LoggedIn;
  let worker: LoggedIn;
  let unverified: LoggedIn;
  let disabled: LoggedIn;
  const get = (code: string, u?: LoggedIn) => {
    const r = request(t.base).get(`/api/v1/grids/${code}/contacts`);
    return u ? r.set('authorization', u.auth) : r;
  };

  beforeAll(async () => {
    t = await bootTestApp(kind, { GRID_ROUTING_POLL_MS: '0', EVENT_SCAN_MS: '0', OUTBOX_WORKER: 'off' });
    await importGrids(t.ds, fixtureCollection());
    resident = await loginAs(t);
    worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    unverified = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    disabled = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: FIXTURE.GRID }] });
    // A community admin above is not the grid's worker: never listed.
    const admin = await loginAs(t, { grants: [{ role: 'community_admin', nodeCode: FIXTURE.COMMUNITY }, { role: 'micro_member', nodeCode: FIXTURE.A }] });
    const users = t.ds.getRepository(User);
    await users.update({ id: worker.userId }, { name: '王网格', phone: '13800001111', phoneBoundAt: new Date() });
    await users.update({ id: unverified.userId }, { phone: '13900002222', phoneBoundAt: null });
    await users.update({ id: disabled.userId }, { name: '已停用', phone: '13700003333', phoneBoundAt: new Date(), disabled: true });
    await users.update({ id: admin.userId }, { name: '社区书记', phone: '13600004444', phoneBoundAt: new Date() });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives a resident the grid worker’s name and verified phone, and whether a group is bound', async () => {
    const r = await get(FIXTURE.A, resident).expect(200);
    expect(r.body).toEqual({
      node: { code: FIXTURE.A, name: '一号微网格', level: 'micro' },
      contacts: [
        { name: '王网格', role: 'grid_worker', phone: '13800001111' },
        // no name set: the page says 网格员; an unverified number is never given out
        { name: null, role: 'grid_worker', phone: null },
      ],
      groupBound: false,
    });
    expect(JSON.stringify(r.body)).not.toMatch(/openid|13700003333|13600004444|社区书记/);
    const node = await t.ds.getRepository(GridNode).findOneByOrFail({ code: FIXTURE.A });
    const now = new Date();
    await t.ds.getRepository(GroupBinding).insert({ opengid: 'G-contacts-test', nodeId: node.id, boundBy: worker.userId, createdAt: now, updatedAt: now });
    expect((await get(FIXTURE.A, resident).expect(200)).body.groupBound).toBe(true);
  });

  it('answers only for micro-grids, and only to logged-in users', async () => {
    await get(FIXTURE.A).expect(401);
    expect((await get(FIXTURE.GRID, resident).expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await get(FIXTURE.COMMUNITY, resident).expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await get('510104017001001999', resident).expect(404)).body.code).toBe('NOT_FOUND');
    await get('abc', resident).expect(404);
  });
});
