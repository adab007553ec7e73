import { grantorsOf } from '@weigrid/shared';
import { Invite } from '../../../src/accounts/invite.entity.js';
import { GridNode } from '../../../src/grids/grid-node.entity.js';
import { newInviteCode } from '../../../src/accounts/invites.service.js';
import { grant, loginAs } from '../../helpers/auth.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

async function inviteAt(ctx: MatrixCtx, role: 'micro_member', nodeCode: string): Promise<string> {
  const node = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: nodeCode });
  const code = newInviteCode();
  await ctx.t.ds.getRepository(Invite).insert({ code, role, nodeId: node.id, departmentId: null, createdBy: null, createdAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000), usedBy: null, usedAt: null, revokedAt: null });
  return code;
}

export const accountsRows: MatrixRow[] = [
  {
    name: 'POST /invites (micro_member at micro)',
    allowed: allowedBy('user.invite', 'micro', grantorsOf('micro_member')),
    request: async (ctx) => ({ method: 'post', path: '/invites', body: { role: 'micro_member', nodeCode: ctx.node('micro') } }),
  },
  {
    name: 'POST /invites (grid_worker at grid)',
    allowed: allowedBy('user.invite', 'grid', grantorsOf('grid_worker')),
    request: async (ctx) => ({ method: 'post', path: '/invites', body: { role: 'grid_worker', nodeCode: ctx.node('grid') } }),
  },
  {
    name: 'POST /invites (community_admin at community)',
    allowed: allowedBy('user.invite', 'community', grantorsOf('community_admin')),
    request: async (ctx) => ({ method: 'post', path: '/invites', body: { role: 'community_admin', nodeCode: ctx.node('community') } }),
  },
  {
    name: 'GET /invites?nodeCode=micro',
    allowed: allowedBy('role.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/invites?nodeCode=${ctx.node('micro')}` }),
  },
  {
    name: 'GET /invites/:code/qr',
    allowed: allowedBy('user.invite', 'micro', grantorsOf('micro_member')),
    request: async (ctx) => ({ method: 'get', path: `/invites/${await inviteAt(ctx, 'micro_member', ctx.node('micro'))}/qr` }),
  },
  {
    name: 'DELETE /invites/:code',
    allowed: allowedBy('role.revoke', 'micro', grantorsOf('micro_member')),
    request: async (ctx) => ({ method: 'delete', path: `/invites/${await inviteAt(ctx, 'micro_member', ctx.node('micro'))}` }),
  },
  {
    name: 'GET /grants?nodeCode=micro',
    allowed: allowedBy('role.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/grants?nodeCode=${ctx.node('micro')}` }),
  },
  {
    name: 'DELETE /grants/:id (a micro_member)',
    allowed: allowedBy('role.revoke', 'micro', grantorsOf('micro_member')),
    request: async (ctx) => {
      const victim = await loginAs(ctx.t);
      const [id] = await grant(ctx.t, victim.userId, [{ role: 'micro_member', nodeCode: ctx.node('micro') }]);
      return { method: 'delete', path: `/grants/${id}` };
    },
  },
  {
    name: 'POST /departments (at district)',
    allowed: allowedBy('department.manage', 'district'),
    request: async (ctx) => ({ method: 'post', path: '/departments', body: { name: '城管局', nodeCode: ctx.node('district'), categoryCodes: [] } }),
  },
  {
    name: 'GET /departments?nodeCode=district',
    allowed: allowedBy('role.read', 'district'),
    request: async (ctx) => ({ method: 'get', path: `/departments?nodeCode=${ctx.node('district')}` }),
  },
];

