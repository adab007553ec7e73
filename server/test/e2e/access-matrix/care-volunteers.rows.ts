import { GridNode } from '../../../src/grids/grid-node.entity.js';
import { RegHousehold, RegPerson, RegPersonTag, RegPlace } from '../../../src/register/entities.js';
import { Volunteer } from '../../../src/volunteers/entities.js';
import { loginAs } from '../../helpers/auth.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

let seq = 0;

/** A person tagged 独居老人 in a household of the micro-grid `ctx.node('micro')`. */
async function elderAt(ctx: MatrixCtx): Promise<number> {
  const ds = ctx.t.ds;
  const node = await ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('micro') });
  const now = new Date();
  const n = ++seq;
  const p = await ds.getRepository(RegPlace).insert({ gridNodeId: node.id, gridPath: node.path, address: `关怀路${n}号`, building: '', unit: '', room: '', lng: null, lat: null, createdAt: now, updatedAt: now });
  const h = await ds.getRepository(RegHousehold).insert({ placeId: Number(p.identifiers[0]!.id), gridNodeId: node.id, gridPath: node.path, code: '', note: '', version: 1, createdAt: now, updatedAt: now });
  const person = await ds.getRepository(RegPerson).insert({
    householdId: Number(h.identifiers[0]!.id),
    gridNodeId: node.id,
    gridPath: node.path,
    name: `老人${n}`,
    relation: '户主',
    phoneEnc: null,
    phoneHash: null,
    idEnc: null,
    idHash: null,
    birthYear: 1940,
    gender: null,
    tags: '独居老人',
    userId: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  const personId = Number(person.identifiers[0]!.id);
  await ds.getRepository(RegPersonTag).insert({ personId, tag: '独居老人', gridPath: node.path });
  return personId;
}

/** A resident registered as an active volunteer of the micro-grid `ctx.node('micro')` (one per person). */
async function volunteerAt(ctx: MatrixCtx): Promise<number> {
  const resident = await loginAs(ctx.t);
  const node = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('micro') });
  const v = await ctx.t.ds.getRepository(Volunteer).insert({ userId: resident.userId, kind: 'volunteer', gridNodeId: node.id, gridPath: node.path, displayName: `志愿者${++seq}`, skills: '', availability: '', partyOrg: '', status: 'active', registeredAt: new Date() });
  return Number(v.identifiers[0]!.id);
}

export const careVolunteersRows: MatrixRow[] = [
  {
    name: 'POST /care/schedules (for a person in a micro-grid)',
    allowed: allowedBy('care.plan', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/care/schedules', body: { personId: await elderAt(ctx), tag: '独居老人', intervalDays: 7 } }),
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
];
