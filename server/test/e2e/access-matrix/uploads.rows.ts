import sharp from 'sharp';
import { ROLES } from '@weigrid/shared';
import type { Actor } from '../../../src/common/actor.js';
import { UploadsService } from '../../../src/uploads/uploads.service.js';
import { loginAs } from '../../helpers/auth.js';
import request from 'supertest';
import type { UploadDto } from '@weigrid/shared';
import { eventAt, NOT_DEPT } from './events.rows.js';
import { allowedBy, type MatrixCtx, type MatrixRow } from './matrix.js';

let png: Buffer | undefined;
const photo = async () => (png ??= await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toBuffer());

/** A photo someone else uploaded (stored through the service, as the upload endpoint does). */
async function strangersPhoto(ctx: MatrixCtx): Promise<string> {
  const stranger = await loginAs(ctx.t);
  const u = await ctx.t.app.get(UploadsService).store({ userId: stranger.userId } as Actor, await photo());
  return u.id;
}

/**
 * The URL of a stranger's photo on an event in the micro-grid `ctx.node('micro')`, as the caller
 * would have it: from the event detail when they may see the event (it carries their grant),
 * otherwise only the bare id.
 */
async function photoUrl(ctx: MatrixCtx, thumb: boolean): Promise<string> {
  const id = await strangersPhoto(ctx);
  const eventId = await eventAt(ctx, 'accepted', { photos: JSON.stringify([id]) });
  const detail = await request(ctx.t.base).get(`/api/v1/events/${eventId}`).set('authorization', ctx.actor.auth);
  const shown = detail.status === 200 ? (detail.body.photos[0] as UploadDto | undefined) : undefined;
  const url = shown ? (thumb ? shown.thumbUrl : shown.url) : `/api/v1/uploads/${id}${thumb ? '/thumb' : ''}`;
  return url.replace(/^\/api\/v1/, '');
}

export const uploadsRows: MatrixRow[] = [
  {
    name: 'POST /uploads (a photo of one’s own)',
    allowed: ROLES,
    wholeDeployment: 'a photo belongs to its uploader and to no node until it is attached',
    request: async () => ({ method: 'post', path: '/uploads', file: { field: 'file', data: await photo(), filename: 'p.png' } }),
  },
  {
    name: 'GET /uploads/:id (a stranger’s photo on an event in a micro-grid, URL from the event detail)',
    allowed: allowedBy('event.read', 'micro').filter(NOT_DEPT),
    request: async (ctx) => ({ method: 'get', path: await photoUrl(ctx, false) }),
  },
  {
    name: 'GET /uploads/:id/thumb (the same, thumbnail)',
    allowed: allowedBy('event.read', 'micro').filter(NOT_DEPT),
    request: async (ctx) => ({ method: 'get', path: await photoUrl(ctx, true) }),
  },
  {
    name: 'GET /uploads/:id (a stranger’s photo by its bare id)',
    allowed: [],
    request: async (ctx) => ({ method: 'get', path: `/uploads/${await strangersPhoto(ctx)}` }),
  },
];
