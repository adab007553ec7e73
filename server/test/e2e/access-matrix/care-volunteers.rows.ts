import { GridNode } from '../../../src/grids/grid-node.entity.js';
import { RegPerson, RegPersonTag } from '../../../src/register/entities.js';
import { CareSchedule } from '../../../src/care/entities.js';
import { householdAt, personIn } from './register.rows.js';
import { Volunteer } from '../../../src/volunteers/entities.js';
import { loginAs } from '../../helpers/auth.js';
import { ROLES } from '@weigrid/shared';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

/** A task assigned (by the city admin) to a new volunteer in the micro-grid `ctx.node('micro')`. */
async function taskAt(ctx: MatrixCtx): Promise<number> {
  const t = await ctx.api('post', `/volunteers/${await volunteerAt(ctx)}/tasks`, { title: `送药${++seq}` });
  return Number(t.id);
}

let seq = 0;

/** A person tagged 独居老人 in a household of the micro-grid `ctx.node('micro')`. */
export async function elderAt(ctx: MatrixCtx): Promise<number> {
  const personId = await personIn(ctx, await householdAt(ctx), { name: `老人${++seq}`, tags: '独居老人' });
  const p = await ctx.t.ds.getRepository(RegPerson).findOneByOrFail({ id: personId });
  await ctx.t.ds.getRepository(RegPersonTag).insert({ personId, tag: '独居老人', gridPath: p.gridPath });
  return personId;
}

/** An active weekly 独居老人 schedule for a new elder in the micro-grid `ctx.node('micro')`. */
async function scheduleAt(ctx: MatrixCtx): Promise<number> {
  const personId = await elderAt(ctx);
  const p = await ctx.t.ds.getRepository(RegPerson).findOneByOrFail({ id: personId });
  const now = new Date();
  const s = await ctx.t.ds.getRepository(CareSchedule).insert({ personId, householdId: p.householdId, gridPath: p.gridPath, tag: '独居老人', intervalDays: 7, nextDueAt: now, lastVisitAt: null, active: true, createdBy: ctx.actor.userId, createdAt: now });
  return Number(s.identifiers[0]!.id);
}

/** A resident registered as an active volunteer of the micro-grid `ctx.node('micro')` (one per person). */
export async function volunteerAt(ctx: MatrixCtx, userId?: number): Promise<number> {
  const resident = userId ?? (await loginAs(ctx.t)).userId;
  const node = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('micro') });
  const v = await ctx.t.ds.getRepository(Volunteer).insert({ userId: resident, kind: 'volunteer', gridNodeId: node.id, gridPath: node.path, displayName: `志愿者${++seq}`, skills: '', availability: '', partyOrg: '', status: 'active', registeredAt: new Date() });
  return Number(v.identifiers[0]!.id);
}

export const careVolunteersRows: MatrixRow[] = [
  {
    name: 'POST /care/schedules (for a person in a micro-grid)',
    allowed: allowedBy('care.plan', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/care/schedules', body: { personId: await elderAt(ctx), tag: '独居老人', intervalDays: 7 } }),
  },
  {
    name: 'PATCH /care/schedules/:id (a schedule in a micro-grid)',
    allowed: allowedBy('care.plan', 'micro'),
    request: async (ctx) => ({ method: 'patch', path: `/care/schedules/${await scheduleAt(ctx)}`, body: { intervalDays: 14 } }),
  },
  {
    name: 'POST /volunteers/:id/tasks (a volunteer in a micro-grid)',
    allowed: allowedBy('volunteer.manage', 'micro'),
    request: async (ctx) => ({ method: 'post', path: `/volunteers/${await volunteerAt(ctx)}/tasks`, body: { title: '陪老人就医' } }),
  },
  {
    name: 'GET /care/visits?node=micro',
    allowed: allowedBy('care.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/care/visits?node=${ctx.node('micro')}` }),
  },
  {
    name: 'POST /care/schedules/:id/stop',
    allowed: allowedBy('care.plan', 'micro'),
    request: async (ctx) => {
      const s = await ctx.api('post', '/care/schedules', { personId: await elderAt(ctx), tag: '独居老人', intervalDays: 7 });
      return { method: 'post', path: `/care/schedules/${s.id}/stop` };
    },
  },
  {
    name: 'GET /care/schedules?node=micro',
    allowed: allowedBy('care.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/care/schedules?node=${ctx.node('micro')}` }),
  },
  {
    name: 'GET /care/schedules?personId= (no node: the caller’s scope)',
    allowed: allowedBy('care.read', 'micro'),
    filtered: 'lists the schedules in the caller’s scope',
    request: async (ctx) => {
      const personId = await elderAt(ctx);
      await ctx.api('post', '/care/schedules', { personId, tag: '独居老人', intervalDays: 7 });
      const [p] = await ctx.t.ds.query('SELECT name FROM reg_person WHERE id = ?', [personId]);
      return { method: 'get', path: `/care/schedules?personId=${personId}`, secret: String(p.name) };
    },
  },
  {
    name: 'GET /care/overdue-by-grid?node=micro',
    allowed: allowedBy('care.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/care/overdue-by-grid?node=${ctx.node('micro')}` }),
  },
  {
    name: 'POST /care/visits (a person in a micro-grid)',
    allowed: allowedBy('care.visit', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/care/visits', body: { personId: await elderAt(ctx), notes: '身体还好' } }),
  },
  {
    name: 'GET /volunteers?node=micro',
    allowed: allowedBy('volunteer.manage', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/volunteers?node=${ctx.node('micro')}` }),
  },
  {
    name: 'GET /volunteers/totals?node=micro',
    allowed: allowedBy('volunteer.manage', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/volunteers/totals?node=${ctx.node('micro')}` }),
  },
  {
    name: 'GET /volunteers/:id/tasks',
    allowed: allowedBy('volunteer.manage', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/volunteers/${await volunteerAt(ctx)}/tasks` }),
  },
  {
    name: 'POST /volunteers/tasks/:taskId/complete',
    allowed: allowedBy('volunteer.manage', 'micro'),
    request: async (ctx) => ({ method: 'post', path: `/volunteers/tasks/${await taskAt(ctx)}/complete`, body: { minutes: 30 } }),
  },
  {
    name: 'POST /volunteers/tasks/:taskId/cancel',
    allowed: allowedBy('volunteer.manage', 'micro'),
    request: async (ctx) => ({ method: 'post', path: `/volunteers/tasks/${await taskAt(ctx)}/cancel` }),
  },
  {
    name: 'PATCH /volunteers/me/:id (own registration vs someone else’s)',
    allowed: ROLES,
    request: async (ctx) => {
      const key = `volunteer:${ctx.role}`;
      // One registration per actor, made once; outside is a fresh resident's.
      if (ctx.where === 'inside' && !ctx.fixtures[key]) ctx.fixtures[key] = await volunteerAt(ctx, ctx.actor.userId);
      const id = ctx.where === 'inside' ? (ctx.fixtures[key] as number) : await volunteerAt(ctx);
      return { method: 'patch', path: `/volunteers/me/${id}`, body: { availability: `周末${++seq}` } };
    },
  },
];
