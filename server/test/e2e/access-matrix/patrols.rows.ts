import { randomUUID } from 'node:crypto';
import { ACCESS_POLICY } from '../../../src/access/policy.js';
import { localDay } from '../../../src/common/local-day.js';
import { GridNode } from '../../../src/grids/grid-node.entity.js';
import { RoutingService } from '../../../src/routing/routing.service.js';
import { grant, loginAs } from '../../helpers/auth.js';
import { allowedBy, BRANCH_A, ROLE_AT, SIBLING, type MatrixCtx, type MatrixRow } from './matrix.js';

const rect = (x0: number, x1: number) => JSON.stringify({ type: 'Polygon', coordinates: [[[x0, 30.6], [x1, 30.6], [x1, 30.62], [x0, 30.62], [x0, 30.6]]] });

/**
 * Check-ins are judged by where the actor stands, so the matrix nodes a check-in can land in get
 * boundaries (once): branch A's grid and micro-grid, the micro-grid beside it (outside for micro-grid
 * members), and the grid beside it with its micro-grid (outside for grid workers), ~1 km apart.
 */
const GEO: Record<string, [number, number]> = {
  [BRANCH_A.grid]: [104.0, 104.02],
  [BRANCH_A.micro]: [104.0, 104.01],
  [SIBLING.micro.micro]: [104.01, 104.02],
  [SIBLING.grid.grid]: [104.03, 104.05],
  [SIBLING.grid.micro]: [104.03, 104.04],
};

async function ensureGeo(ctx: MatrixCtx): Promise<void> {
  if (ctx.fixtures.patrolGeo) return;
  for (const [code, [x0, x1]] of Object.entries(GEO)) await ctx.t.ds.getRepository(GridNode).update({ code }, { boundary: rect(x0, x1) });
  await ctx.t.app.get(RoutingService).reload();
  ctx.fixtures.patrolGeo = true;
}

/** The middle of the micro-grid the actor stands in: its own (inside) or the one next door (outside). */
function spot(ctx: MatrixCtx): { lat: number; lng: number } {
  const code = ctx.where === 'inside' ? BRANCH_A.micro : SIBLING[ROLE_AT[ctx.role]].micro;
  const [x0, x1] = GEO[code] ?? [104.0, 104.01];
  return { lat: 30.61, lng: (x0 + x1) / 2 };
}

export const patrolsRows: MatrixRow[] = [
  {
    name: 'POST /patrols/checkins',
    allowed: allowedBy('patrol.checkin', 'micro'),
    request: async (ctx) => {
      await ensureGeo(ctx);
      return { method: 'post', path: '/patrols/checkins', body: { requestId: randomUUID(), location: spot(ctx), note: '矩阵' } };
    },
    // Roles that may check in are refused outside their grid with 422 OUTSIDE_GRID; others with 403.
    denied: (ctx) => (ACCESS_POLICY['patrol.checkin'].includes(ctx.role) && ctx.where === 'outside' ? [422] : [403]),
  },
  {
    name: 'GET /patrols/coverage?node=grid',
    allowed: allowedBy('patrol.read', 'grid'),
    request: async (ctx) => ({ method: 'get', path: `/patrols/coverage?node=${ctx.node('grid')}&from=${localDay()}&to=${localDay()}` }),
  },
  {
    name: 'GET /patrols/ledger?node=grid&format=csv',
    allowed: allowedBy('patrol.read', 'grid'),
    request: async (ctx) => ({ method: 'get', path: `/patrols/ledger?node=${ctx.node('grid')}&from=${localDay()}&to=${localDay()}&format=csv` }),
  },
  {
    name: "GET /patrols/tracks?user= (a grid worker's day)",
    allowed: allowedBy('patrol.read', 'grid'),
    request: async (ctx) => {
      const patroller = await loginAs(ctx.t);
      await grant(ctx.t, patroller.userId, [{ role: 'grid_worker', nodeCode: ctx.node('grid') }]);
      return { method: 'get', path: `/patrols/tracks?user=${patroller.userId}&date=${localDay()}` };
    },
  },
];
