import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorCode, type ErrorEnvelope } from '@weigrid/shared';

/** No DTO nests deeper than a GeoJSON MultiPolygon inside a body (about 6); 32 leaves room. */
export const MAX_BODY_DEPTH = 32;
/** Object keys in one body; arrays are bounded by the body size limit instead (boundaries are long). */
export const MAX_BODY_KEYS = 2000;
export const MAX_QUERY_KEYS = 50;

/**
 * Depth and key count of a parsed JSON value, walked with an explicit stack so that hostile
 * nesting cannot overflow ours; stops as soon as a limit is passed.
 */
export function measureJson(value: unknown, maxDepth = MAX_BODY_DEPTH, maxKeys = MAX_BODY_KEYS): { tooDeep: boolean; tooManyKeys: boolean } {
  const stack: [unknown, number][] = [[value, 1]];
  let keys = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) return { tooDeep: true, tooManyKeys: false };
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === 'object') stack.push([item, depth + 1]);
      continue;
    }
    for (const k in v) {
      if (++keys > maxKeys) return { tooDeep: false, tooManyKeys: true };
      const item = (v as Record<string, unknown>)[k];
      if (item !== null && typeof item === 'object') stack.push([item, depth + 1]);
    }
  }
  return { tooDeep: false, tooManyKeys: false };
}

function refuse(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown): FastifyReply {
  const body: ErrorEnvelope = { code, message, details };
  return reply.status(ERRORS[code].status).send(body);
}

/**
 * Refuses hostile input before Nest's pipes see it: class-transformer recurses once per level of
 * nesting, so a body 3,000 levels deep overflowed the stack (a 500 on every route with a body,
 * the unauthenticated logins included). Also refuses multipart requests without a boundary, which
 * the multipart reader would only notice inside the handler.
 */
export function installInputLimits(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    const query = req.query as Record<string, unknown> | undefined;
    if (query && typeof query === 'object' && Object.keys(query).length > MAX_QUERY_KEYS) {
      return refuse(reply, 'INPUT_TOO_COMPLEX', `at most ${MAX_QUERY_KEYS} query parameters`, { maxQueryKeys: MAX_QUERY_KEYS });
    }
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('multipart/') && !/;\s*boundary=("[^"]+"|[^\s;]+)/.test(type)) {
      return refuse(reply, 'MALFORMED_REQUEST', 'multipart/form-data needs a boundary', { reason: 'boundary' });
    }
    const m = measureJson(req.body);
    if (m.tooDeep) return refuse(reply, 'INPUT_TOO_COMPLEX', `the body nests deeper than ${MAX_BODY_DEPTH} levels`, { maxDepth: MAX_BODY_DEPTH });
    if (m.tooManyKeys) return refuse(reply, 'INPUT_TOO_COMPLEX', `the body has more than ${MAX_BODY_KEYS} fields`, { maxKeys: MAX_BODY_KEYS });
    return undefined;
  });
}
