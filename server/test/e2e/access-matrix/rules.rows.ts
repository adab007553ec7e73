import { randomUUID } from 'node:crypto';
import { ROLES } from '@weigrid/shared';
import { OutboxMessage } from '../../../src/outbox/outbox.entity.js';
import { ensureCategory } from './events.rows.js';
import { allowedBy, type MatrixRow } from './matrix.js';

/** District and city admins set the rules every part of the deployment shares. */
const RULE_MAKERS = allowedBy('department.manage', 'district');
const RULES = 'one set of rules for the whole deployment, set by district or city admins';
const READ_RULES = 'the deployment-wide rules every logged-in user works under';

export const rulesRows: MatrixRow[] = [
  {
    name: 'GET /categories/all',
    allowed: RULE_MAKERS,
    wholeDeployment: RULES,
    request: async () => ({ method: 'get', path: '/categories/all' }),
  },
  {
    name: 'PUT /categories/:code',
    allowed: RULE_MAKERS,
    wholeDeployment: RULES,
    request: async () => ({ method: 'put', path: `/categories/m${randomUUID().slice(0, 8)}`, body: { name: '矩阵类别' } }),
  },
  {
    name: 'GET /sla/policies',
    allowed: ROLES,
    wholeDeployment: READ_RULES,
    request: async () => ({ method: 'get', path: '/sla/policies' }),
  },
  {
    name: 'PUT /sla/policies',
    allowed: RULE_MAKERS,
    wholeDeployment: RULES,
    request: async (ctx) => {
      await ensureCategory(ctx);
      return { method: 'put', path: '/sla/policies', body: { category: 'road', stage: 'handle', hours: 24 + Math.floor(Math.random() * 1000), mode: 'calendar' } };
    },
  },
  {
    name: 'GET /sla/calendar',
    allowed: ROLES,
    wholeDeployment: READ_RULES,
    request: async () => ({ method: 'get', path: '/sla/calendar' }),
  },
  {
    name: 'PUT /sla/calendar',
    allowed: RULE_MAKERS,
    wholeDeployment: RULES,
    request: async (ctx) => {
      const cal = await ctx.api('get', '/sla/calendar');
      // A new holiday each time, so an allowed write is a real change and a denied one would show.
      const day = new Date(Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 3000) * 86_400_000).toISOString().slice(0, 10);
      return { method: 'put', path: '/sla/calendar', body: { ...cal, holidays: [...(cal.holidays ?? []), day] } };
    },
  },
  {
    name: 'GET /events/templates (常用语)',
    allowed: ROLES,
    wholeDeployment: READ_RULES,
    request: async () => ({ method: 'get', path: '/events/templates?category=road&state=resolved' }),
  },
  {
    name: 'POST /events/templates',
    allowed: RULE_MAKERS,
    wholeDeployment: RULES,
    request: async () => ({ method: 'post', path: '/events/templates', body: { category: '*', state: 'resolved', text: `矩阵常用语${randomUUID().slice(0, 6)}` } }),
  },
  {
    name: 'DELETE /events/templates/:id',
    allowed: RULE_MAKERS,
    wholeDeployment: RULES,
    request: async (ctx) => {
      const r = await ctx.api('post', '/events/templates', { category: '*', state: 'resolved', text: `矩阵常用语${randomUUID().slice(0, 6)}` });
      return { method: 'delete', path: `/events/templates/${r.id}` };
    },
  },
  {
    name: 'POST /webhooks/sources',
    allowed: RULE_MAKERS,
    wholeDeployment: RULES,
    request: async () => ({ method: 'post', path: '/webhooks/sources', body: { name: `cam-${randomUUID().slice(0, 8)}` } }),
  },
  {
    name: 'GET /webhooks/sources (their HMAC keys are secrets)',
    allowed: RULE_MAKERS,
    wholeDeployment: RULES,
    request: async () => ({ method: 'get', path: '/webhooks/sources' }),
  },
  {
    name: 'GET /admin/outbox/stats',
    allowed: allowedBy('outbox.admin', 'city'),
    wholeDeployment: 'the outbox is one queue for the whole deployment: city admins only',
    request: async () => ({ method: 'get', path: '/admin/outbox/stats' }),
  },
  {
    name: 'GET /admin/outbox (dead letters)',
    allowed: allowedBy('outbox.admin', 'city'),
    wholeDeployment: 'the outbox is one queue for the whole deployment: city admins only',
    request: async () => ({ method: 'get', path: '/admin/outbox?status=dead' }),
  },
  {
    name: 'POST /admin/outbox/:id/retry',
    allowed: allowedBy('outbox.admin', 'city'),
    wholeDeployment: 'the outbox is one queue for the whole deployment: city admins only',
    request: async (ctx) => {
      const now = new Date();
      const r = await ctx.t.ds.getRepository(OutboxMessage).insert({ kind: 'matrix.test', payload: '{}', status: 'dead', attempts: 8, dueAt: now, createdAt: now, sentAt: null, claimedBy: null, claimedUntil: null, lastError: 'matrix' });
      return { method: 'post', path: `/admin/outbox/${Number(r.identifiers[0]!.id)}/retry` };
    },
  },
];
