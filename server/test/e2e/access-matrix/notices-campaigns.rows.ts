import { Category } from '../../../src/catalog/category.entity.js';
import { ROLES, type Role } from '@weigrid/shared';
import { loginAs } from '../../helpers/auth.js';
import { allowedBy, ROLE_AT, type MatrixCtx, type MatrixRow } from './matrix.js';
import { householdAt, personIn } from './register.rows.js';

export async function ensureOther(ctx: MatrixCtx): Promise<void> {
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

let seq = 0;

/** A notice the city admin sends to `nodeCode`; `roles` picks the recipients (none: nobody in the matrix). */
async function noticeAt(ctx: MatrixCtx, nodeCode: string, roles: readonly Role[] = ['dept_staff'], ack = false): Promise<{ id: number; title: string }> {
  const title = `矩阵通知${++seq}`;
  const n = await ctx.api('post', '/notices', { nodeCode, title, body: '请查收', roles, ...(ack ? { ackDeadline: new Date(Date.now() + 86_400_000).toISOString() } : {}) });
  return { id: Number(n.id), title };
}

/** Inside: a notice addressed to the actor's role at its node; outside: the same next door (not to the actor). */
const toActor = (ctx: MatrixCtx, ack = false) => noticeAt(ctx, ctx.node(ROLE_AT[ctx.role]), [ctx.role], ack);

/** A campaign over the community `ctx.node('community')`, open today. */
export async function campaignAt(ctx: MatrixCtx): Promise<number> {
  await ensureOther(ctx);
  const c = await ctx.api('post', '/campaigns', { title: `走访${++seq}`, nodeCode: ctx.node('community'), template: 'sanxunwen', opensOn: today(), closesOn: inDays(30) });
  return Number(c.id);
}

const PUBLIC_FORM = 'a campaign is a form shown to every household: anyone logged in may read it';
export const SANXUNWEN_OK = { registered: '已完整登记', hazards: ['无'], difficulty: '没有', residents: 3 };

export const noticeCampaignReadRows: MatrixRow[] = [
  {
    name: 'GET /notices/:id (not a recipient)',
    allowed: allowedBy('notice.send', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/notices/${(await noticeAt(ctx, ctx.node('micro'))).id}` }),
  },
  {
    name: 'GET /notices/:id (a recipient)',
    allowed: ROLES,
    request: async (ctx) => ({ method: 'get', path: `/notices/${(await toActor(ctx)).id}` }),
  },
  {
    name: 'POST /notices/:id/read (recipients only)',
    allowed: ROLES,
    request: async (ctx) => ({ method: 'post', path: `/notices/${(await toActor(ctx)).id}/read` }),
  },
  {
    name: 'POST /notices/:id/ack (recipients only)',
    allowed: ROLES,
    request: async (ctx) => ({ method: 'post', path: `/notices/${(await toActor(ctx, true)).id}/ack` }),
  },
  {
    name: 'GET /notices/:id/stats',
    allowed: allowedBy('notice.send', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/notices/${(await noticeAt(ctx, ctx.node('micro'))).id}/stats` }),
  },
  {
    name: 'GET /notices/:id/pending',
    allowed: allowedBy('notice.send', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/notices/${(await noticeAt(ctx, ctx.node('micro'))).id}/pending` }),
  },
  {
    name: 'POST /notices/:id/remind',
    allowed: allowedBy('notice.send', 'micro'),
    request: async (ctx) => ({ method: 'post', path: `/notices/${(await noticeAt(ctx, ctx.node('micro'))).id}/remind` }),
  },
  {
    name: 'GET /notices/sent',
    allowed: allowedBy('notice.send', 'micro'),
    filtered: 'lists the notices sent over the caller’s scope; others see an empty list',
    request: async (ctx) => {
      const n = await noticeAt(ctx, ctx.node('micro'));
      return { method: 'get', path: '/notices/sent?limit=100', secret: n.title };
    },
  },
  {
    name: 'GET /campaigns?node=community',
    allowed: allowedBy('campaign.read', 'community'),
    request: async (ctx) => ({ method: 'get', path: `/campaigns?node=${ctx.node('community')}` }),
  },
  {
    name: 'GET /campaigns/:id',
    allowed: ROLES,
    anywhere: { roles: ROLES, why: PUBLIC_FORM },
    request: async (ctx) => ({ method: 'get', path: `/campaigns/${await campaignAt(ctx)}` }),
  },
  {
    name: 'PUT /campaigns/:id/answers (a visit: a register household in a micro-grid, not the actor’s)',
    allowed: allowedBy('campaign.visit', 'micro'),
    request: async (ctx) => ({ method: 'put', path: `/campaigns/${await campaignAt(ctx)}/answers`, body: { microGridCode: ctx.node('micro'), householdId: await householdAt(ctx), address: `3栋2单元${++seq}`, answers: SANXUNWEN_OK } }),
  },
  {
    name: 'PUT /campaigns/:id/answers (own household vs someone else’s)',
    allowed: ROLES,
    request: async (ctx) => {
      // Inside: a household the actor is a confirmed member of; outside: someone else's next door.
      const household = await householdAt(ctx);
      if (ctx.where === 'inside') await personIn(ctx, household, { userId: ctx.actor.userId });
      else await personIn(ctx, household, { userId: (await loginAs(ctx.t)).userId });
      return { method: 'put', path: `/campaigns/${await campaignAt(ctx)}/answers`, body: { microGridCode: ctx.node('micro'), householdId: household, address: `5栋${++seq}`, answers: SANXUNWEN_OK } };
    },
  },
  {
    name: 'GET /campaigns/:id/answers',
    allowed: allowedBy('campaign.read', 'community'),
    request: async (ctx) => ({ method: 'get', path: `/campaigns/${await campaignAt(ctx)}/answers` }),
  },
  {
    name: 'GET /campaigns/:id/progress',
    allowed: allowedBy('campaign.read', 'community'),
    request: async (ctx) => ({ method: 'get', path: `/campaigns/${await campaignAt(ctx)}/progress` }),
  },
  {
    name: 'GET /campaigns/templates',
    allowed: ROLES,
    wholeDeployment: 'the same form templates for everyone',
    request: async () => ({ method: 'get', path: '/campaigns/templates' }),
  },
];
