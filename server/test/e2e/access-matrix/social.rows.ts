import { randomUUID } from 'node:crypto';
import { ROLES } from '@weigrid/shared';
import { Notification } from '../../../src/notify/notification.entity.js';
import { loginAs } from '../../helpers/auth.js';
import { ensureCategory, eventAt } from './events.rows.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

/** Inside: the actor's own item; outside: the same kind of item of someone else (a fresh user). */
async function ownerOf(ctx: MatrixCtx): Promise<number> {
  return ctx.where === 'inside' ? ctx.actor.userId : (await loginAs(ctx.t)).userId;
}

export const socialRows: MatrixRow[] = [
  {
    name: 'POST /events (report in a micro-grid)',
    allowed: ROLES,
    anywhere: { roles: ROLES, why: 'anyone may report a problem anywhere in the deployment' },
    request: async (ctx) => {
      await ensureCategory(ctx);
      return { method: 'post', path: '/events', body: { requestId: randomUUID(), category: 'road', description: '路灯不亮了', gridCode: ctx.node('micro') } };
    },
  },
  {
    name: 'GET /events/nearby',
    allowed: ROLES,
    anywhere: { roles: ROLES, why: 'open events near a point are shown to anyone about to report ("me too"), without reporter data' },
    request: async () => ({ method: 'get', path: '/events/nearby?category=road&lat=30.61&lng=104.005' }),
  },
  {
    name: 'POST /events/:id/supporters ("me too", from within the nearby radius)',
    allowed: ROLES,
    anywhere: { roles: ROLES, why: 'anyone standing near an open event may support it (and then reads its public view only)' },
    request: async (ctx) => ({ method: 'post', path: `/events/${await eventAt(ctx, 'accepted', { lat: 30.6125, lng: 104.0125 })}/supporters`, body: { location: { lat: 30.6126, lng: 104.0125, crs: 'gcj02' } } }),
  },
  {
    name: 'POST /events/:id/supporters ("me too" from 1 km away)',
    allowed: [],
    denied: () => [422],
    request: async (ctx) => ({ method: 'post', path: `/events/${await eventAt(ctx, 'accepted', { lat: 30.6125, lng: 104.0125 })}/supporters`, body: { location: { lat: 30.6215, lng: 104.0125, crs: 'gcj02' } } }),
  },
  {
    name: 'DELETE /auth/sessions/:id (own vs someone else’s)',
    allowed: ROLES,
    request: async (ctx) => {
      // A second session of the owner, so the actor's own token keeps working.
      const owner = ctx.where === 'inside' ? await loginAs(ctx.t, { openid: ctx.actor.openid }) : await loginAs(ctx.t);
      const [s] = await ctx.t.ds.query('SELECT MAX(id) AS id FROM auth_session WHERE user_id = ?', [owner.userId]);
      return { method: 'delete', path: `/auth/sessions/${Number(s.id)}` };
    },
  },
  {
    name: 'POST /inbox/:id/read (own vs someone else’s notification)',
    allowed: ROLES,
    request: async (ctx) => {
      const r = await ctx.t.ds.getRepository(Notification).insert({ userId: await ownerOf(ctx), kind: 'event_progress', title: '事件进展', body: '矩阵', page: 'pages/index/index', refType: null, refId: null, sourceKey: null, createdAt: new Date(), readAt: null });
      return { method: 'post', path: `/inbox/${Number(r.identifiers[0]!.id)}/read` };
    },
  },
  {
    name: 'POST /share/groups (bind a WeChat group to a micro-grid)',
    allowed: allowedBy('group.bind', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/share/groups', body: { code: `test:${ctx.actor.openid}`, ...ctx.t.wechat.shareInfo(ctx.actor.openid, `g${randomUUID().slice(0, 12)}`), nodeCode: ctx.node('micro') } }),
  },
  {
    name: 'GET /share/groups?nodeCode=micro',
    allowed: allowedBy('grid.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/share/groups?nodeCode=${ctx.node('micro')}` }),
  },
  {
    name: 'GET /share/qrcode?nodeCode=micro',
    allowed: allowedBy('grid.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/share/qrcode?nodeCode=${ctx.node('micro')}` }),
  },
];
