import { GridNode } from '../../../src/grids/grid-node.entity.js';
import request from 'supertest';
import { RegAccessLog, RegClaim, RegHousehold, RegOrganization, RegPerson, RegPlace, RegRiskItem } from '../../../src/register/entities.js';
import { idNumberCheckChar, ROLES } from '@weigrid/shared';
import { loginAs } from '../../helpers/auth.js';
import { makeImportXlsx, personRow } from '../../helpers/xlsx.js';
import { ACCESS_POLICY } from '../../../src/access/policy.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';
import { plantedPerson } from './personal-data.js';

const SEARCH_SCOPE = 'lists only what lies in the caller’s scope';

let seq = 0;

/** A place in the micro-grid `ctx.node('micro')`; `address` is unique (rows use it as a secret). */
export async function placeAt(ctx: MatrixCtx): Promise<{ placeId: number; address: string; node: GridNode }> {
  const node = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('micro') });
  const now = new Date();
  const address = `矩阵路${++seq}号`;
  const p = await ctx.t.ds.getRepository(RegPlace).insert({ gridNodeId: node.id, gridPath: node.path, address, building: '', unit: '', room: '', lng: null, lat: null, createdAt: now, updatedAt: now });
  return { placeId: Number(p.identifiers[0]!.id), address, node };
}

/** A place with one household in the micro-grid `ctx.node('micro')`. */
export async function householdAt(ctx: MatrixCtx): Promise<number> {
  const { placeId, node } = await placeAt(ctx);
  const now = new Date();
  const h = await ctx.t.ds.getRepository(RegHousehold).insert({ placeId, gridNodeId: node.id, gridPath: node.path, code: '', note: '', version: 1, createdAt: now, updatedAt: now });
  return Number(h.identifiers[0]!.id);
}

/** A person (no phone or ID number) in household `householdId`, optionally the account `userId`. */
export async function personIn(ctx: MatrixCtx, householdId: number, over: { name?: string; tags?: string; userId?: number | null } = {}): Promise<number> {
  const h = await ctx.t.ds.getRepository(RegHousehold).findOneByOrFail({ id: householdId });
  const now = new Date();
  const p = await ctx.t.ds.getRepository(RegPerson).insert({ householdId, gridNodeId: h.gridNodeId, gridPath: h.gridPath, name: over.name ?? `居民${++seq}`, relation: '户主', phoneEnc: null, phoneHash: null, idEnc: null, idHash: null, birthYear: 1960, gender: null, tags: over.tags ?? '', userId: over.userId ?? null, version: 1, createdAt: now, updatedAt: now });
  return Number(p.identifiers[0]!.id);
}

/** A place in the micro-grid `ctx.node('micro')`, with the version an edit sends (the second of its last change). */
async function editablePlaceAt(ctx: MatrixCtx): Promise<{ id: number; version: number }> {
  const node = await ctx.t.ds.getRepository(GridNode).findOneByOrFail({ code: ctx.node('micro') });
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const p = await ctx.t.ds.getRepository(RegPlace).insert({ gridNodeId: node.id, gridPath: node.path, address: `矩阵路${++seq}号`, building: '', unit: '', room: '', lng: null, lat: null, createdAt: now, updatedAt: now });
  return { id: Number(p.identifiers[0]!.id), version: now.getTime() / 1000 };
}

/** An organization at a new place in the micro-grid `ctx.node('micro')`, with its version. */
async function orgAt(ctx: MatrixCtx): Promise<{ id: number; version: number }> {
  const place = await editablePlaceAt(ctx);
  const p = await ctx.t.ds.getRepository(RegPlace).findOneByOrFail({ id: place.id });
  const o = await ctx.t.ds.getRepository(RegOrganization).insert({ placeId: p.id, gridPath: p.gridPath, name: `矩阵商店${seq}`, kind: 'shop', creditCode: null, contactName: null, contactPhone: null, createdAt: p.updatedAt, updatedAt: p.updatedAt });
  return { id: Number(o.identifiers[0]!.id), version: place.version };
}

/** A pending claim on a new person in `ctx.node('micro')`, by one resident the rows share (not the actor). */
async function pendingClaimAt(ctx: MatrixCtx, name = `认领${++seq}`): Promise<number> {
  const personId = await personIn(ctx, await householdAt(ctx), { name });
  const p = await ctx.t.ds.getRepository(RegPerson).findOneByOrFail({ id: personId });
  ctx.fixtures.claimant ??= (await loginAs(ctx.t, { openid: 'matrix_claimant' })).userId;
  const c = await ctx.t.ds.getRepository(RegClaim).insert({ personId, householdId: p.householdId, gridNodeId: p.gridNodeId, gridPath: p.gridPath, userId: ctx.fixtures.claimant as number, state: 'pending', method: 'worker', live: 1, createdAt: new Date(), decidedAt: null, decidedBy: null, reason: '' });
  return Number(c.identifiers[0]!.id);
}

export const registerRows: MatrixRow[] = [
  {
    name: 'GET /register/claims (pending claims, no node: the caller’s scope)',
    allowed: allowedBy('register.write', 'micro'),
    filtered: 'staff see the claims of their own subtree only',
    request: async (ctx) => {
      const name = `认领人${++seq}`;
      await pendingClaimAt(ctx, name);
      return { method: 'get', path: '/register/claims?limit=200', secret: name };
    },
  },
  {
    name: 'POST /register/claims/:id/confirm',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'post', path: `/register/claims/${await pendingClaimAt(ctx)}/confirm` }),
  },
  {
    name: 'POST /register/claims/:id/reject',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'post', path: `/register/claims/${await pendingClaimAt(ctx)}/reject`, body: { reason: '非本人' } }),
  },
  {
    // Acquired capability: claiming a record by its name and ID number (anyone may ask) opens nothing while it waits for a worker.
    name: 'GET /register/households/:id after the caller claimed a member of it',
    allowed: allowedBy('register.read', 'micro'),
    request: async (ctx) => {
      const householdId = await householdAt(ctx);
      const first17 = `110105196001${String(10000 + ++seq).slice(-5)}`;
      const person = { name: `认领对象${seq}`, idNumber: first17 + idNumberCheckChar(first17) };
      await ctx.api('post', `/register/households/${householdId}/people`, { ...person, relation: '户主' });
      const claim = await request(ctx.t.base).post('/api/v1/register/mine/claim').set('authorization', ctx.actor.auth).send(person);
      if (claim.status !== 200 || claim.body.state !== 'pending') throw new Error(`matrix fixture: claim → ${claim.status} ${JSON.stringify(claim.body)}`);
      return { method: 'get', path: `/register/households/${householdId}` };
    },
  },
  {
    name: 'POST /register/places (in a micro-grid)',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/register/places', body: { gridCode: ctx.node('micro'), address: `矩阵路${++seq}号` } }),
  },
  {
    name: 'PATCH /register/places/:id',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => {
      const p = await editablePlaceAt(ctx);
      return { method: 'patch', path: `/register/places/${p.id}`, body: { version: p.version, room: '101' } };
    },
  },
  {
    name: 'PATCH /register/organizations/:id',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => {
      const o = await orgAt(ctx);
      return { method: 'patch', path: `/register/organizations/${o.id}`, body: { version: o.version, name: '改名商店' } };
    },
  },
  {
    name: 'DELETE /register/organizations/:id',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'delete', path: `/register/organizations/${(await orgAt(ctx)).id}` }),
  },
  {
    name: 'GET /register/households/:id (一户一档)',
    allowed: allowedBy('register.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/register/households/${await householdAt(ctx)}` }),
  },
  {
    name: 'PATCH /register/households/:id',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'patch', path: `/register/households/${await householdAt(ctx)}`, body: { version: 1, note: '已走访' } }),
  },
  {
    name: 'GET /register/export?node=street (personal data export)',
    allowed: allowedBy('register.export', 'street'),
    request: async (ctx) => ({ method: 'get', path: `/register/export?node=${ctx.node('street')}` }),
  },
  {
    name: 'GET /register/template',
    allowed: ROLES,
    wholeDeployment: 'a blank spreadsheet, the same for everyone',
    request: async () => ({ method: 'get', path: '/register/template' }),
  },
  {
    name: 'POST /register/import (rows in a micro-grid)',
    allowed: allowedBy('register.import', 'micro'),
    request: async (ctx) => {
      const n = ++seq;
      const file = await makeImportXlsx([personRow({ gridCode: ctx.node('micro'), householdCode: `M${n}`, address: `导入路${n}号`, name: `导入${n}`, phone: '', idNumber: '' })]);
      return { method: 'post', path: '/register/import', file: { field: 'file', data: file, filename: 'people.xlsx' } };
    },
    // Importers are refused rows outside their scope as a whole file (422 out_of_scope, nothing written).
    denied: (ctx) => (ACCESS_POLICY['register.import'].includes(ctx.role) && ctx.where === 'outside' ? [422] : [403]),
  },
  {
    name: 'GET /register/access-log',
    allowed: allowedBy('register.audit', 'micro'),
    filtered: 'an auditor sees the log of their own subtree only',
    request: async (ctx) => {
      // A denied lookup in the micro-grid is logged; its target id marks the outside row.
      const personId = await personIn(ctx, await householdAt(ctx));
      const p = await ctx.t.ds.getRepository(RegPerson).findOneByOrFail({ id: personId });
      const stranger = await loginAs(ctx.t);
      await ctx.t.ds.getRepository(RegAccessLog).insert({ at: new Date(), userId: stranger.userId, action: 'denied:register.read', targetType: 'person', targetId: personId, gridPath: p.gridPath, allowed: false, detail: `matrix-secret-${personId}`, requestId: null });
      return { method: 'get', path: `/register/access-log?targetType=person&targetId=${personId}`, secret: `matrix-secret-${personId}` };
    },
  },
  {
    name: 'GET /register/places?node=micro',
    allowed: allowedBy('register.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/register/places?node=${ctx.node('micro')}` }),
  },
  {
    name: 'POST /register/households (at a place in a micro-grid)',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/register/households', body: { placeId: (await placeAt(ctx)).placeId } }),
  },
  {
    name: 'POST /register/households/:id/people',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'post', path: `/register/households/${await householdAt(ctx)}/people`, body: { name: `新成员${++seq}`, relation: '户主' } }),
  },
  {
    name: 'GET /register/people?node=micro',
    allowed: allowedBy('register.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/register/people?node=${ctx.node('micro')}` }),
  },
  {
    name: 'GET /register/people?name= (no node: the caller’s scope)',
    allowed: allowedBy('register.read', 'micro'),
    filtered: SEARCH_SCOPE,
    request: async (ctx) => {
      const name = `寻人${++seq}`;
      await personIn(ctx, await householdAt(ctx), { name });
      return { method: 'get', path: `/register/people?name=${encodeURIComponent(name)}`, secret: name };
    },
  },
  {
    name: 'GET /register/people/:id',
    allowed: allowedBy('register.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/register/people/${await personIn(ctx, await householdAt(ctx))}` }),
  },
  {
    name: 'GET /register/people/:id?reveal=true (full phone and ID)',
    allowed: allowedBy('register.read_full', 'micro'),
    // The planted member with a full phone and ID number: the runner checks it shows only inside.
    request: async (ctx) => ({ method: 'get', path: `/register/people/${ctx.fixtures[plantedPerson(ctx.node('micro'))] as number}?reveal=true` }),
  },
  {
    name: 'PATCH /register/people/:id',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'patch', path: `/register/people/${await personIn(ctx, await householdAt(ctx))}`, body: { version: 1, birthYear: 1961 } }),
  },
  {
    name: 'DELETE /register/people/:id',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'delete', path: `/register/people/${await personIn(ctx, await householdAt(ctx))}` }),
  },
  {
    name: 'POST /register/organizations',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/register/organizations', body: { placeId: (await placeAt(ctx)).placeId, name: `小店${++seq}`, kind: 'shop' } }),
  },
  {
    name: 'GET /register/organizations?node=micro',
    allowed: allowedBy('register.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/register/organizations?node=${ctx.node('micro')}` }),
  },
  {
    name: 'POST /register/risks',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => ({ method: 'post', path: '/register/risks', body: { placeId: (await placeAt(ctx)).placeId, kind: 'gas' } }),
  },
  {
    name: 'PATCH /register/risks/:id',
    allowed: allowedBy('register.write', 'micro'),
    request: async (ctx) => {
      const { placeId, node } = await placeAt(ctx);
      const now = new Date();
      const r = await ctx.t.ds.getRepository(RegRiskItem).insert({ placeId, householdId: null, gridPath: node.path, kind: 'gas', state: 'open', note: '', version: 1, createdAt: now, updatedAt: now, resolvedAt: null });
      return { method: 'patch', path: `/register/risks/${Number(r.identifiers[0]!.id)}`, body: { version: 1, state: 'rectifying' } };
    },
  },
  {
    name: 'GET /register/risks?node=micro',
    allowed: allowedBy('register.read', 'micro'),
    request: async (ctx) => ({ method: 'get', path: `/register/risks?node=${ctx.node('micro')}` }),
  },
  {
    name: 'PATCH /register/mine/people/:id (own household vs another)',
    allowed: ROLES,
    request: async (ctx) => {
      // The actor is a member of an inside household; the target shares it (inside) or lives elsewhere (outside).
      const home = await householdAt(ctx);
      await personIn(ctx, home, { userId: ctx.actor.userId });
      const target = ctx.where === 'inside' ? await personIn(ctx, home) : await personIn(ctx, await householdAt(ctx));
      return { method: 'patch', path: `/register/mine/people/${target}`, body: { version: 1, birthYear: 1962 } };
    },
  },
];
