import request from 'supertest';
import { createHash } from 'node:crypto';
import { ROLES, type Role } from '@weigrid/shared';
import { bootTestApp, type TestApp } from '../helpers/app.js';
import { testDbKinds } from '../helpers/databases.js';
import { loginAs, type LoggedIn } from '../helpers/auth.js';
import { ensureNodes } from '../helpers/tree.js';
import { Department } from '../../src/accounts/department.entity.js';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { StatsRefresher } from '../../src/stats/refresher.service.js';
import { MATRIX_ROWS } from './access-matrix/index.js';
import { BRANCH_A, nodeFor, ROLE_AT, SIBLING, type MatrixCtx } from './access-matrix/matrix.js';

/** Tables whose content a denied request must leave untouched (sessions are the caller's own). */
async function snapshot(t: TestApp): Promise<string> {
  const h = createHash('sha256');
  for (const m of t.ds.entityMetadatas) {
    // The register logs every attempt on personal data, denied ones included (PIPL): that row is the point, not a leak.
    if (m.tableName === 'auth_session' || m.tableName === 'wechat_token' || m.tableName === 'reg_access_log') continue;
    const rows = await t.ds.query(`SELECT * FROM ${m.tableName}`);
    h.update(m.tableName).update(JSON.stringify(rows));
  }
  return h.digest('hex');
}

describe.each(testDbKinds())('access matrix on %s', (kind) => {
  let t: TestApp;
  const actors = new Map<Role, LoggedIn>();
  const fixtures: Record<string, unknown> = {};

  beforeAll(async () => {
    // No background work: a message sent for an earlier allowed request must not show up as a change made by a later denied one.
    t = await bootTestApp(kind, { OUTBOX_WORKER: 'off', EVENT_SCAN_MS: '0' });
    // Nor the stats refresher's 30-second catch-up: when the matrix runs longer than that (MariaDB
    // under load), its rollup writes landed during a denied request and read as a leak
    // ("GET /patrols/coverage … grid_worker outside → 403 (database changed)").
    t.app.get(StatsRefresher).onModuleDestroy();
    const codes = [...Object.values(BRANCH_A), ...Object.values(SIBLING).flatMap((s) => Object.values(s))];
    await ensureNodes(t.ds, codes);
    const district = await t.ds.getRepository(GridNode).findOneByOrFail({ code: BRANCH_A.district });
    const dep = await t.ds.getRepository(Department).insert({ name: '城管局', nodeId: district.id, createdAt: new Date() });
    fixtures.departmentId = Number(dep.identifiers[0]!.id);
    for (const role of ROLES) {
      actors.set(role, await loginAs(t, { openid: `matrix_${role}`, grants: [{ role, nodeCode: BRANCH_A[ROLE_AT[role]], departmentId: role === 'dept_staff' ? (fixtures.departmentId as number) : undefined }] }));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets each role do exactly what the policy says inside its scope, nothing outside, and changes nothing when denying', async () => {
    const leaks: string[] = [];
    const wrongDenials: string[] = [];
    let cells = 0;
    for (const row of MATRIX_ROWS) {
      // Without a token: always 401, nothing changes.
      const anon = await row.request({ t, role: 'resident', where: 'inside', actor: actors.get('resident')!, node: (l) => nodeFor('resident', 'inside', l), fixtures });
      const a0 = await snapshot(t);
      const ar = await request(t.base)[anon.method](`/api/v1${anon.path}`).send(anon.body);
      if (ar.status !== 401 || (await snapshot(t)) !== a0) leaks.push(`${row.name} anonymous → ${ar.status}`);
      cells++;

      for (const role of ROLES) {
        for (const where of ['inside', 'outside'] as const) {
          const ctx: MatrixCtx = { t, role, where, actor: actors.get(role)!, node: (l) => nodeFor(role, where, l), fixtures };
          const req = await row.request(ctx);
          const before = await snapshot(t);
          let r = request(t.base)[req.method](`/api/v1${req.path}`).set('authorization', ctx.actor.auth);
          if (req.body) r = r.send(req.body);
          const res = await r;
          cells++;
          const ok = row.ok ? row.ok.includes(res.status) : res.status >= 200 && res.status < 300;
          const expectOk = where === 'inside' && row.allowed.includes(role);
          if (expectOk) {
            if (!ok) wrongDenials.push(`${row.name} ${role} ${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
            continue;
          }
          const denied = (row.denied?.(ctx) ?? [403, 404]).includes(res.status);
          const changed = (await snapshot(t)) !== before;
          if (!denied || changed) leaks.push(`${row.name} ${role} ${where} → ${res.status}${changed ? ' (database changed)' : ''}`);
        }
      }
    }
    console.log(`access matrix (${kind}): ${MATRIX_ROWS.length} endpoints × ${ROLES.length} roles × inside/outside + anonymous = ${cells} requests; leaks: ${leaks.length}; wrong denials: ${wrongDenials.length}`);
    expect(leaks).toEqual([]);
    expect(wrongDenials).toEqual([]);
    // ~700 requests, each denied one with a snapshot of every table before and after: 25 s on
    // SQLite, but over 60 s on the shared MariaDB at load 7–10 (on main as well).
  }, 300_000);
});
