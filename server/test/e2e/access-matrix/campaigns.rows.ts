import { Category } from '../../../src/catalog/category.entity.js';
import { Campaign } from '../../../src/campaigns/campaign.entity.js';
import { GridNode } from '../../../src/grids/grid-node.entity.js';
import { localDay } from '../../../src/common/local-day.js';
import { TEMPLATE_SAN_XUN_WEN } from '@weigrid/shared';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

async function ensureCategory(ctx: MatrixCtx): Promise<void> {
  if (!(await ctx.t.ds.getRepository(Category).exists({ where: { code: 'other' } }))) {
    await ctx.t.ds.getRepository(Category).insert({ code: 'other', name: '其他', icon: 'more', sort: 999, active: true });
  }
}

/** A campaign over the whole city, so that both the inside and the outside node are in its area. */
async function cityCampaign(ctx: MatrixCtx): Promise<number> {
  const city = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: '5101' });
  const today = localDay();
  const r = await ctx.t.ds.getRepository(Campaign).insert({ title: '矩阵测试', template: 'sanxunwen', nodeId: city.id, nodePath: city.path, questions: JSON.stringify(TEMPLATE_SAN_XUN_WEN.questions), helpCategory: 'other', opensOn: today, closesOn: today, createdBy: 0, createdAt: new Date() });
  return Number(r.identifiers[0]!.id);
}

/** Campaigns (docs/checkin.md). */
export const campaignRows: MatrixRow[] = [
  {
    name: 'POST /campaigns (at community)',
    allowed: allowedBy('campaign.manage', 'community'),
    request: async (ctx) => {
      await ensureCategory(ctx);
      const today = localDay();
      return { method: 'post', path: '/campaigns', body: { title: '三询问一完善', nodeCode: ctx.node('community'), template: 'sanxunwen', opensOn: today, closesOn: today } };
    },
  },
  {
    name: 'GET /campaigns/:id/progress?node=micro',
    allowed: allowedBy('campaign.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/campaigns/${await cityCampaign(ctx)}/progress?node=${ctx.node('micro')}` }),
  },
  {
    name: 'GET /campaigns/:id/answers?node=micro',
    allowed: allowedBy('campaign.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/campaigns/${await cityCampaign(ctx)}/answers?node=${ctx.node('micro')}` }),
  },
];
