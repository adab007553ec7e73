import { GridNode } from '../../../src/grids/grid-node.entity.js';
import { allowedBy, type MatrixRow } from './matrix.js';

export const gridsRows: MatrixRow[] = [
  {
    name: 'PATCH /grids/:code (rename a micro-grid)',
    allowed: allowedBy('grid.edit', 'micro'),
    request: async (ctx) => {
      const n = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('micro') });
      return { method: 'patch', path: `/grids/${n.code}`, body: { version: n.version, name: `${n.name.replace(/（改）$/, '')}（改）` } };
    },
  },
];
