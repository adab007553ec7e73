import { localDay } from '../../../src/common/local-day.js';
import { allowedBy, type MatrixRow } from './matrix.js';

export const statsRows: MatrixRow[] = [
  {
    name: 'GET /stats?node=street',
    allowed: allowedBy('stats.read', 'street'),
    request: async (ctx) => ({ method: 'get', path: `/stats?node=${ctx.node('street')}&from=${localDay()}&to=${localDay()}` }),
  },
  {
    name: 'GET /stats?node=grid',
    allowed: allowedBy('stats.read', 'grid'),
    request: async (ctx) => ({ method: 'get', path: `/stats?node=${ctx.node('grid')}&from=${localDay()}&to=${localDay()}` }),
  },
  {
    name: 'GET /stats/bulletin?node=community&format=xlsx',
    allowed: allowedBy('stats.read', 'community'),
    request: async (ctx) => ({ method: 'get', path: `/stats/bulletin?node=${ctx.node('community')}&month=${localDay().slice(0, 7)}&format=xlsx` }),
  },
];
