import request from 'supertest';
import sharp from 'sharp';
import { idNumberCheckChar } from '@weigrid/shared';
import type { Actor } from '../../../src/common/actor.js';
import { User } from '../../../src/accounts/user.entity.js';
import { EventAudit } from '../../../src/events/event.entity.js';
import { RegHousehold, RegPerson } from '../../../src/register/entities.js';
import { UploadsService } from '../../../src/uploads/uploads.service.js';
import { loginAs } from '../../helpers/auth.js';
import { ensureNodes } from '../../helpers/tree.js';
import { eventAt, ensureCategory } from './events.rows.js';
import { allowedBy, type MatrixCtx, type MatrixRequest } from './matrix.js';
import { campaignAt, SANXUNWEN_OK } from './notices-campaigns.rows.js';
import { householdAt, personIn, placeAt } from './register.rows.js';

/**
 * Acquired capabilities: an action a principal may take on an object it does not own (say "me
 * too", answer a campaign, claim a household record, claim a task, volunteer, accept an invite)
 * must not open more of that object, or of anything else, than the action is meant to. Each row
 * plants an object with strings only its owners and the staff over it may see, runs the reads
 * that touch it before and after the action, and counts a leak for each such string an answer
 * shows after the action but did not show before (and for each `closed` read that turned 2xx).
 * Run for every role, on an object inside and outside its subtree.
 */
export interface AcquiredRead extends MatrixRequest {
  /** Refused before the action ⇒ still refused after (photos, which no view hands out to a supporter). */
  closed?: boolean;
}

export interface AcquiredCell {
  action: MatrixRequest;
  /** Statuses the action may answer for this principal (it must really happen where it is allowed). */
  actionOk: number[];
  reads: AcquiredRead[];
  /** Strings only the object's owners and the staff over it may see. */
  secrets: string[];
  /**
   * Which of `secrets` must stay hidden once the action has been answered, when that depends on
   * the outcome (a claim confirmed at once vs. one left pending); `mode` names the case for the log.
   */
  settle?(res: { status: number }): Promise<{ secrets: string[]; mode: string }>;
}

export interface AcquiredRow {
  name: string;
  build(ctx: MatrixCtx): Promise<AcquiredCell>;
}

let seq = 0;
let png: Buffer | undefined;
const photo = async () => (png ??= await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 20, b: 160 } } }).png().toBuffer());

/** A fresh user with a name and a phone, both secrets. */
async function namedUser(ctx: MatrixCtx, label: string): Promise<{ userId: number; openid: string; name: string; phone: string; auth: string }> {
  const u = await loginAs(ctx.t);
  const n = ++seq;
  const name = `${label}${n}号`;
  const phone = `1370${String(10_000_000 + n).slice(1)}`;
  await ctx.t.ds.getRepository(User).update({ id: u.userId }, { name, phone });
  return { userId: u.userId, openid: u.openid, name, phone, auth: u.auth };
}

/** A valid 18-digit ID number nobody else in the fixture has. */
function idNumber(): string {
  const first17 = `11010519900101${String(300 + ++seq).padStart(3, '0').slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * An event in `micro` (default: ctx.node('micro')) reported by a named stranger, with an address,
 * an exact point, a photo and a staff note by a named worker in its timeline.
 */
async function plantedEvent(ctx: MatrixCtx, state: 'accepted' | 'reported', micro?: string): Promise<{ id: number; photoId: string; point: { lat: number; lng: number }; secrets: string[] }> {
  await ensureCategory(ctx);
  const reporter = await namedUser(ctx, '上报人');
  const staff = await namedUser(ctx, '处置人');
  const n = ++seq;
  const point = { lat: 30.6 + n / 1_000_000 + 0.0000007, lng: 104.03 + n / 1_000_000 + 0.0000003 };
  const address = `秘密小区${n}栋`;
  const note = `已约业主${n}号面谈`;
  const photoId = (await ctx.t.app.get(UploadsService).store({ userId: reporter.userId } as Actor, await photo())).id;
  const c = micro ? { ...ctx, node: () => micro } : ctx;
  const id = await eventAt(c, state, { reporterId: reporter.userId, address, lat: point.lat, lng: point.lng, photos: JSON.stringify([photoId]) });
  await ctx.t.ds.getRepository(EventAudit).insert({ eventId: id, action: 'verify', fromState: 'reported', toState: state, actorId: staff.userId, note, photos: '[]', data: null, at: new Date() });
  return { id, photoId, point, secrets: [reporter.name, reporter.phone, reporter.openid, staff.name, staff.phone, address, note, String(point.lat), String(point.lng)] };
}

/** Reads around an event a principal might try after acting on it. */
const eventReads = (e: { id: number; photoId: string; point: { lat: number; lng: number } }): AcquiredRead[] => [
  { method: 'get', path: `/events/${e.id}` },
  { method: 'get', path: '/events?scope=my' },
  { method: 'get', path: '/events?scope=inbox&box=in_progress' },
  { method: 'get', path: `/events/nearby?category=road&lat=${e.point.lat}&lng=${e.point.lng}` },
  { method: 'get', path: `/uploads/${e.photoId}`, closed: true },
  { method: 'get', path: `/uploads/${e.photoId}/thumb`, closed: true },
  { method: 'get', path: '/inbox' },
];

/** A register household in `ctx.node('micro')` whose member answered the campaign asking for help, in their own words. */
async function answeredHousehold(ctx: MatrixCtx, campaignId: number): Promise<{ householdId: number; secrets: string[]; helpEvent: number | null }> {
  const householdId = await householdAt(ctx);
  const member = await namedUser(ctx, '户主');
  const personName = `户主本名${++seq}`;
  await personIn(ctx, householdId, { userId: member.userId, name: personName });
  const words = `家里老人${seq}号需要每天送药`;
  const r = await request(ctx.t.base).put(`/api/v1/campaigns/${campaignId}/answers`).set('authorization', member.auth).send({ microGridCode: ctx.node('micro'), householdId, address: `7栋${seq}号`, answers: { ...SANXUNWEN_OK, difficulty: '有，需要帮助', difficulty_note: words } });
  if (r.status !== 200) throw new Error(`campaign answer fixture → ${r.status} ${JSON.stringify(r.body)}`);
  return { householdId, secrets: [words, personName, member.openid, member.name, member.phone], helpEvent: r.body.eventId ?? null };
}

const campaignReads = (campaignId: number, ctx: MatrixCtx, other: { householdId: number; helpEvent: number | null }): AcquiredRead[] => [
  { method: 'get', path: `/campaigns/${campaignId}/answers` },
  { method: 'get', path: `/campaigns/${campaignId}/answers?node=${ctx.node('micro')}` },
  { method: 'get', path: `/campaigns/${campaignId}/progress?node=${ctx.node('micro')}` },
  { method: 'get', path: '/register/mine' },
  { method: 'get', path: `/register/households/${other.householdId}` },
  ...(other.helpEvent ? [{ method: 'get' as const, path: `/events/${other.helpEvent}` }] : []),
  { method: 'get', path: '/inbox' },
];

/** Roles that answer campaigns on visits in `ctx`'s micro-grid (inside only). */
const visits = (ctx: MatrixCtx): boolean => ctx.where === 'inside' && allowedBy('campaign.visit', 'micro').includes(ctx.role);
/** Roles that act on events in `ctx`'s micro-grid (inside only; dept_staff only on whistled events). */
const actsOnEvents = (ctx: MatrixCtx): boolean => ctx.where === 'inside' && ctx.role !== 'dept_staff' && allowedBy('event.act', 'micro').includes(ctx.role);

export const ACQUIRED_ROWS: AcquiredRow[] = [
  {
    name: 'says "me too" on a stranger’s event (from nearby)',
    build: async (ctx) => {
      const e = await plantedEvent(ctx, 'accepted');
      return {
        action: { method: 'post', path: `/events/${e.id}/supporters`, body: { location: { lat: e.point.lat + 0.0003, lng: e.point.lng, crs: 'gcj02' } } },
        actionOk: [200],
        reads: eventReads(e),
        secrets: e.secrets,
      };
    },
  },
  {
    name: 'answers a campaign for its own household (beside a neighbour who asked for help)',
    build: async (ctx) => {
      const campaignId = await campaignAt(ctx);
      const other = await answeredHousehold(ctx, campaignId);
      const own = await householdAt(ctx);
      await personIn(ctx, own, { userId: ctx.actor.userId });
      return {
        action: { method: 'put', path: `/campaigns/${campaignId}/answers`, body: { microGridCode: ctx.node('micro'), householdId: own, address: '我家', answers: SANXUNWEN_OK } },
        actionOk: [200],
        reads: campaignReads(campaignId, ctx, other),
        secrets: other.secrets,
      };
    },
  },
  {
    name: 'answers a campaign for someone else’s household',
    build: async (ctx) => {
      const campaignId = await campaignAt(ctx);
      const other = await answeredHousehold(ctx, campaignId);
      return {
        action: { method: 'put', path: `/campaigns/${campaignId}/answers`, body: { microGridCode: ctx.node('micro'), householdId: other.householdId, address: '邻居家', answers: SANXUNWEN_OK } },
        actionOk: visits(ctx) ? [200] : [403, 404],
        reads: campaignReads(campaignId, ctx, other),
        secrets: other.secrets,
      };
    },
  },
  {
    name: 'claims a household record with the name and ID number on file',
    build: async (ctx) => {
      const { placeId, node } = await placeAt(ctx);
      const now = new Date();
      const householdId = Number((await ctx.t.ds.getRepository(RegHousehold).insert({ placeId, gridNodeId: node.id, gridPath: node.path, code: '', note: '', version: 1, createdAt: now, updatedAt: now })).identifiers[0]!.id);
      const n = ++seq;
      const claimed = { name: `认领人${n}`, phone: `1360${String(10_000_000 + n).slice(1)}`, idNumber: idNumber() };
      const family = { name: `家属${n}`, phone: `1350${String(10_000_000 + n).slice(1)}`, idNumber: idNumber() };
      const p = await ctx.api('post', `/register/households/${householdId}/people`, { name: claimed.name, relation: '户主', phone: claimed.phone, idNumber: claimed.idNumber });
      const f = await ctx.api('post', `/register/households/${householdId}/people`, { name: family.name, relation: '配偶', phone: family.phone, idNumber: family.idNumber });
      const careNote = `走访记录${n}：独居，有抑郁倾向`;
      const riskNote = `隐患${n}：燃气管老化`;
      const orgPhone = `028-8${String(10_000_000 + n).slice(1)}`;
      await ctx.api('post', '/care/visits', { personId: f.id, notes: careNote });
      await ctx.api('post', '/register/risks', { placeId, householdId, kind: 'gas', note: riskNote });
      await ctx.api('post', '/register/organizations', { placeId, name: `楼下商铺${n}`, kind: 'shop', contactName: `店主${n}`, contactPhone: orgPhone });
      const everything = [claimed.phone, claimed.idNumber, family.name, family.phone, family.idNumber, careNote, riskNote, orgPhone, `店主${n}`];
      return {
        action: { method: 'post', path: '/register/mine/claim', body: { name: claimed.name, idNumber: claimed.idNumber } },
        actionOk: [200, 201, 202],
        reads: [
          { method: 'get', path: '/register/mine' },
          { method: 'get', path: `/register/households/${householdId}` },
          { method: 'get', path: `/register/people/${p.id}` },
          { method: 'get', path: `/register/people/${f.id}` },
          { method: 'get', path: `/register/people/${f.id}?reveal=true` },
          { method: 'get', path: `/care/visits?personId=${f.id}` },
          { method: 'get', path: `/register/risks?node=${ctx.node('micro')}` },
          { method: 'get', path: `/register/organizations?node=${ctx.node('micro')}` },
        ],
        secrets: everything,
        settle: async () => {
          const row = await ctx.t.ds.getRepository(RegPerson).findOneByOrFail({ id: p.id });
          // A claim waiting for the worker's confirmation: the claimer reads nothing of the record.
          if (row.userId !== ctx.actor.userId) return { secrets: everything, mode: 'pending' };
          // Linked at once (this branch's claim): the claimer is a member and sees their own entry
          // in full, but never the family's full phone and ID numbers. Care notes, risk items and
          // organisation contacts in the resident's own view are issue 16 item 3, not checked here.
          return { secrets: [family.phone, family.idNumber], mode: 'linked at once' };
        },
      };
    },
  },
  {
    name: 'claims an event task in a micro-grid',
    build: async (ctx) => {
      const e = await plantedEvent(ctx, 'accepted');
      return {
        action: { method: 'post', path: `/events/${e.id}/actions/claim`, body: { version: 1 } },
        actionOk: actsOnEvents(ctx) ? [200] : [403, 404],
        reads: eventReads(e),
        secrets: e.secrets,
      };
    },
  },
  {
    name: 'registers as a volunteer in a micro-grid (beside a volunteer with a task)',
    build: async (ctx) => {
      const other = await loginAs(ctx.t);
      const n = ++seq;
      const display = `志愿者真名${n}`;
      const reg = await request(ctx.t.base).post('/api/v1/volunteers').set('authorization', other.auth).send({ kind: 'volunteer', gridCode: ctx.node('micro'), displayName: display, skills: ['理发'] });
      if (reg.status !== 201 && reg.status !== 200) throw new Error(`volunteer fixture → ${reg.status} ${JSON.stringify(reg.body)}`);
      const taskNote = `帮${n}号独居老人买药`;
      await ctx.api('post', `/volunteers/${reg.body.id}/tasks`, { title: '送药', note: taskNote });
      return {
        action: { method: 'post', path: '/volunteers', body: { kind: 'volunteer', gridCode: ctx.node('micro'), displayName: '我来帮忙' } },
        // Each principal registers once per kind; the second cell of a role finds it registered.
        actionOk: [200, 201, 409],
        reads: [
          { method: 'get', path: `/volunteers?node=${ctx.node('micro')}` },
          { method: 'get', path: `/volunteers/totals?node=${ctx.node('micro')}` },
          { method: 'get', path: `/volunteers/${reg.body.id}/tasks` },
          { method: 'get', path: '/volunteers/me/tasks' },
          { method: 'get', path: '/volunteers/me' },
        ],
        secrets: [display, taskNote, other.openid],
      };
    },
  },
  // Last: accepting gives the principal a role for good.
  {
    name: 'accepts an invite to be a micro-grid member (scope is that micro-grid only)',
    build: async (ctx) => {
      const micro = ctx.node('micro');
      const beside = `${micro.slice(0, 15)}${micro.endsWith('009') ? '008' : '009'}`;
      await ensureNodes(ctx.t.ds, [beside]);
      const e = await plantedEvent(ctx, 'accepted', beside);
      const householdId = await householdAt({ ...ctx, node: () => beside });
      const n = ++seq;
      const phone = `1330${String(10_000_000 + n).slice(1)}`;
      const idNo = idNumber();
      await ctx.api('post', `/register/households/${householdId}/people`, { name: `隔壁住户${n}`, relation: '户主', phone, idNumber: idNo });
      const invite = await ctx.api('post', '/invites', { role: 'micro_member', nodeCode: micro });
      return {
        action: { method: 'post', path: `/invites/${encodeURIComponent(invite.code)}/accept` },
        actionOk: [200, 201],
        reads: [
          ...eventReads(e),
          { method: 'get', path: `/events?scope=subtree&node=${beside}` },
          { method: 'get', path: `/register/households/${householdId}` },
          { method: 'get', path: `/register/people?node=${beside}` },
        ],
        secrets: [...e.secrets, phone, idNo],
      };
    },
  },
];
