import { randomUUID } from 'node:crypto';
import type { PiiCipher } from '../../../src/register/pii-cipher.js';
import { PII_CIPHER } from '../../../src/register/register.service.js';
import { eventAt, NOT_DEPT } from './events.rows.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

/** External clients (Open311 apps, 12345 hotlines) are created and revoked by city admins for nodes under them. */
const CITY = allowedBy('integration.manage', 'district');

/** A client at the district node of this cell, made by the fixtures' city admin. */
async function clientAt(ctx: MatrixCtx): Promise<{ id: number; name: string }> {
  const name = `m${randomUUID().slice(0, 8)}`;
  const c = await ctx.api('post', '/open311/clients', { name, kind: 'hotline', nodeCode: ctx.node('district') });
  return { id: c.id, name };
}

export const open311Rows: MatrixRow[] = [
  {
    name: 'POST /open311/clients (at a district)',
    allowed: CITY,
    request: async (ctx) => ({ method: 'post', path: '/open311/clients', body: { name: `m${randomUUID().slice(0, 8)}`, kind: 'open311', nodeCode: ctx.node('district') } }),
  },
  {
    name: 'GET /open311/clients',
    allowed: CITY,
    filtered: 'lists the clients under the admin’s own nodes only',
    request: async (ctx) => ({ method: 'get', path: '/open311/clients', secret: (await clientAt(ctx)).name }),
  },
  {
    name: 'POST /open311/clients/:id/revoke',
    allowed: CITY,
    request: async (ctx) => ({ method: 'post', path: `/open311/clients/${(await clientAt(ctx)).id}/revoke` }),
  },
  {
    name: 'GET /open311/clients/:id/audit',
    allowed: CITY,
    request: async (ctx) => ({ method: 'get', path: `/open311/clients/${(await clientAt(ctx)).id}/audit` }),
  },
  {
    name: 'PUT /open311/services/:code/attributes',
    allowed: allowedBy('department.manage', 'district'),
    wholeDeployment: 'one set of service questions for the whole deployment, set by district or city admins (like the categories)',
    request: async () => ({ method: 'put', path: '/open311/services/road/attributes', body: { attributes: [{ code: 'size', datatype: 'string', description: '多大' }] } }),
  },
  {
    name: 'GET /open311/requests/:eventId/contact (a 12345 caller of an event in a micro-grid)',
    allowed: allowedBy('event.read', 'micro').filter(NOT_DEPT),
    request: async (ctx) => {
      const eventId = await eventAt(ctx, 'accepted');
      const client = await clientAt(ctx);
      const cipher = ctx.t.app.get<PiiCipher>(PII_CIPHER);
      await ctx.t.ds.query('INSERT INTO open311_request (event_id, client_id, external_id, contact, created_at) VALUES (?, ?, ?, ?, ?)', [eventId, client.id, `WO-${eventId}`, cipher.encrypt('open311.contact', JSON.stringify({ phone: '13800000000' })), new Date().toISOString().replace('T', ' ').replace('Z', '')]);
      return { method: 'get', path: `/open311/requests/${eventId}/contact` };
    },
  },
];
