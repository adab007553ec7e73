import { GridNode } from '../../../src/grids/grid-node.entity.js';
import { RegHousehold, RegPlace } from '../../../src/register/entities.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

let seq = 0;

/** A place with one household in the micro-grid `ctx.node('micro')`. */
async function householdAt(ctx: MatrixCtx): Promise<number> {
  const node = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('micro') });
  const now = new Date();
  const p = await ctx.t.ds.getRepository(RegPlace).insert({ gridNodeId: node.id, gridPath: node.path, address: `矩阵路${++seq}号`, building: '', unit: '', room: '', lng: null, lat: null, createdAt: now, updatedAt: now });
  const h = await ctx.t.ds.getRepository(RegHousehold).insert({ placeId: Number(p.identifiers[0]!.id), gridNodeId: node.id, gridPath: node.path, code: '', note: '', version: 1, createdAt: now, updatedAt: now });
  return Number(h.identifiers[0]!.id);
}

export const registerRows: MatrixRow[] = [
  {
    name: 'POST /register/places (in a micro-grid)',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/register/places', body: { gridCode: ctx.node('micro'), address: `矩阵路${++seq}号` } }),
  },
  {
    name: 'GET /register/households/:id (一户一档)',
    allowed: allowedBy('register.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/register/households/${await householdAt(ctx)}` }),
  },
  {
    name: 'PATCH /register/households/:id',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'patch', path: `/register/households/${await householdAt(ctx)}`, body: { version: 1, note: '已走访' } }),
  },
  {
    name: 'GET /register/export?node=street (personal data export)',
    allowed: allowedBy('register.export', 'street'),
    request: async (ctx) => ({ method: 'get', path: `/register/export?node=${ctx.node('street')}` }),
  },
];
