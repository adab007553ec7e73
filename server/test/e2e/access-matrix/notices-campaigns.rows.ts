import { Category } from '../../../src/catalog/category.entity.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

async function ensureOther(ctx: MatrixCtx): Promise<void> {
  if (!(await ctx.t.ds.getRepository(Category).findOneBy({ code: 'other' }))) await ctx.t.ds.getRepository(Category).insert({ code: 'other', name: '其他', icon: '', sort: 999, active: true });
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export const noticesCampaignsRows: MatrixRow[] = [
  {
    name: 'POST /notices (to a micro-grid)',
    allowed: allowedBy('notice.send', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/notices', body: { nodeCode: ctx.node('micro'), title: '防汛通知', body: '今晚有暴雨，请巡查低洼处' } }),
  },
  {
    name: 'POST /campaigns (in a community)',
    allowed: allowedBy('campaign.manage', 'community'),
    request: async (ctx) => {
      await ensureOther(ctx);
      return { method: 'post', path: '/campaigns', body: { title: '三询问一完善', nodeCode: ctx.node('community'), template: 'sanxunwen', opensOn: today(), closesOn: inDays(30) } };
    },
  },
];
