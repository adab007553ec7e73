import type { EventState, Role } from '@weigrid/shared';
import { Category } from '../../../src/catalog/category.entity.js';
import { Department } from '../../../src/accounts/department.entity.js';
import { EventRow } from '../../../src/events/event.entity.js';
import { GridNode } from '../../../src/grids/grid-node.entity.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

/** Department staff act on events only once one is whistled to their department. */
export const NOT_DEPT = (r: Role) => r !== 'dept_staff';
let seq = 0;

/** An event in the micro-grid `ctx.node('micro')`, reported by someone else, in `state`. */
export async function eventAt(ctx: MatrixCtx, state: EventState, over: Partial<Pick<EventRow, 'lat' | 'lng' | 'reporterId' | 'anonymous' | 'description' | 'photos' | 'address' | 'category'>> = {}): Promise<number> {
  const node = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('micro') });
  const now = new Date();
  const r = await ctx.t.ds.getRepository(EventRow).insert({
    requestKey: `matrix:${++seq}`,
    source: 'resident',
    category: 'road',
    description: '矩阵测试',
    address: null,
    lat: null,
    lng: null,
    nodeId: node.id,
    nodePath: node.path,
    ownerNodeId: node.id,
    ownerPath: node.path,
    state,
    prevState: null,
    version: 1,
    reporterId: null,
    anonymous: false,
    handlerId: null,
    assigneeId: null,
    departmentId: null,
    photos: '[]',
    stage: state === 'reported' ? 'verify' : 'handle',
    deadlineAt: null,
    slaLeftMs: null,
    overdueAt: null,
    supporters: 0,
    rating: null,
    ratingComment: null,
    held: false,
    needsGridConfirm: false,
    confidence: null,
    createdAt: now,
    updatedAt: now,
    ...over,
  });
  return Number(r.identifiers[0]!.id);
}

export async function ensureCategory(ctx: MatrixCtx): Promise<void> {
  if (!(await ctx.t.ds.getRepository(Category).findOneBy({ code: 'road' }))) await ctx.t.ds.getRepository(Category).insert({ code: 'road', name: '道路设施', icon: '', sort: 1, active: true });
}

export const eventsRows: MatrixRow[] = [
  {
    name: 'GET /events/:id (in a micro-grid)',
    allowed: allowedBy('event.read', 'micro').filter(NOT_DEPT),
    request: async (ctx) => ({ method: 'get', path: `/events/${await eventAt(ctx, 'reported')}` }),
  },
  {
    name: 'GET /events?scope=subtree&node=micro',
    allowed: allowedBy('event.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/events?scope=subtree&node=${ctx.node('micro')}` }),
  },
  {
    // The reporter's number goes only to the event's handler or assignee (events-call e2e), never by
    // role: here nobody handles the event, so every role is refused on it, inside and outside.
    name: 'POST /events/:id/reporter-call (handler or assignee only)',
    allowed: [],
    request: async (ctx) => ({ method: 'post', path: `/events/${await eventAt(ctx, 'accepted')}/reporter-call` }),
  },
  {
    name: 'POST /events/:id/actions/verify',
    allowed: allowedBy('event.act', 'micro', ['grid_worker', 'community_admin', 'street_admin', 'district_admin', 'city_admin']),
    request: async (ctx) => ({ method: 'post', path: `/events/${await eventAt(ctx, 'reported')}/actions/verify`, body: { version: 1 } }),
  },
  {
    name: 'POST /events/:id/actions/claim',
    allowed: allowedBy('event.act', 'micro').filter(NOT_DEPT),
    request: async (ctx) => ({ method: 'post', path: `/events/${await eventAt(ctx, 'accepted')}/actions/claim`, body: { version: 1 } }),
  },
  {
    // 合并 into another open case of the same micro-grid: approvers only (issue 22).
    name: 'POST /events/:id/actions/merge',
    allowed: allowedBy('event.act', 'micro', ['grid_worker', 'community_admin', 'street_admin', 'district_admin', 'city_admin']),
    request: async (ctx) => ({ method: 'post', path: `/events/${await eventAt(ctx, 'accepted')}/actions/merge`, body: { version: 1, targetId: await eventAt(ctx, 'accepted') } }),
  },
  {
    name: 'POST /events/:id/actions/prioritize',
    allowed: allowedBy('event.act', 'micro', ['grid_worker', 'community_admin', 'street_admin', 'district_admin', 'city_admin']),
    request: async (ctx) => ({ method: 'post', path: `/events/${await eventAt(ctx, 'accepted')}/actions/prioritize`, body: { version: 1, priority: 'urgent' } }),
  },
  {
    name: 'PUT /responsibilities (at district)',
    allowed: allowedBy('department.manage', 'district'),
    request: async (ctx) => {
      await ensureCategory(ctx);
      return { method: 'put', path: '/responsibilities', body: { nodeCode: ctx.node('district'), category: 'road', departmentId: ctx.fixtures.departmentId } };
    },
  },
  {
    name: 'GET /responsibilities?node=district',
    allowed: allowedBy('event.read', 'district'),
    request: async (ctx) => ({ method: 'get', path: `/responsibilities?node=${ctx.node('district')}` }),
  },
  {
    name: 'DELETE /responsibilities/:id (at district)',
    allowed: allowedBy('department.manage', 'district'),
    request: async (ctx) => {
      await ensureCategory(ctx);
      const district = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('district') });
      // A department of that district (made once), since a responsibility names one serving the node.
      const key = `department:${district.code}`;
      ctx.fixtures[key] ??= Number((await ctx.t.ds.getRepository(Department).insert({ name: '住建局', nodeId: district.id, createdAt: new Date() })).identifiers[0]!.id);
      const r = await ctx.api('put', '/responsibilities', { nodeCode: district.code, category: 'road', departmentId: ctx.fixtures[key] });
      return { method: 'delete', path: `/responsibilities/${r.id}` };
    },
  },
];
