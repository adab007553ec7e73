import request from 'supertest';
import type { Role } from '@weigrid/shared';
import { GridNode } from '../../src/grids/grid-node.entity.js';
import { RoleGrantRow } from '../../src/accounts/role-grant.entity.js';
import type { TestApp } from './app.js';
import { ensureNodes } from './tree.js';

export interface GrantSpec {
  role: Role;
  /** The node the role is held at; created (with its ancestors) if missing. */
  nodeCode: string;
  departmentId?: number;
}

export interface LoggedIn {
  userId: number;
  openid: string;
  accessToken: string;
  refreshToken: string;
  /** `Bearer <accessToken>`: `.set('authorization', u.auth)`. */
  auth: string;
}

let seq = 0;

/**
 * Logs a user in through the real `POST /api/v1/auth/wechat` against the fake WeChat server, after
 * giving them `grants` (nodes are created if missing). One line in a test:
 *
 *   const worker = await loginAs(t, { grants: [{ role: 'grid_worker', nodeCode: '510104001001001' }] });
 *   await request(t.base).get('/api/v1/…').set('authorization', worker.auth).expect(200);
 */
export async function loginAs(t: TestApp, opts: { openid?: string; grants?: GrantSpec[] } = {}): Promise<LoggedIn> {
  const openid = opts.openid ?? `u${Date.now().toString(36)}${(seq++).toString(36)}`;
  const first = await request(t.base).post('/api/v1/auth/wechat').send({ code: `test:${openid}` });
  if (first.status !== 200) throw new Error(`loginAs: login failed ${first.status} ${JSON.stringify(first.body)}`);
  const userId = first.body.user.id as number;
  if (opts.grants?.length) await grant(t, userId, opts.grants);
  return { userId, openid, accessToken: first.body.accessToken, refreshToken: first.body.refreshToken, auth: `Bearer ${first.body.accessToken}` };
}

/** Gives an existing user roles directly in the database (no access check): test setup only. */
export async function grant(t: TestApp, userId: number, grants: GrantSpec[]): Promise<number[]> {
  await ensureNodes(t.ds, grants.map((g) => g.nodeCode));
  const ids: number[] = [];
  for (const g of grants) {
    const node = await t.ds.getRepository(GridNode).findOneByOrFail({ code: g.nodeCode });
    const r = await t.ds.getRepository(RoleGrantRow).insert({ userId, role: g.role, nodeId: node.id, departmentId: g.departmentId ?? null, grantedBy: null, createdAt: new Date(), revokedAt: null, revokedBy: null });
    ids.push(Number(r.identifiers[0]!.id));
  }
  return ids;
}
