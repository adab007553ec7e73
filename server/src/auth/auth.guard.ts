import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';
import type { Actor } from '../common/actor.js';
import { ActorLoader } from '../access/actor-loader.js';
import { TokenService } from './token.service.js';
import { RateLimiter } from './rate-limiter.js';
import { AUTH_SPEC, permitsOf, type AuthSpec } from './route-access.js';

export type AuthedRequest = FastifyRequest & { actor?: Actor };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authenticates `Authorization: Bearer <access token>`: verifies the JWT, then loads the actor
 * (live session, enabled user, live grants) from the database, so revocations apply at once.
 * Writes are rate-limited per user here (429 + Retry-After). Use via `@Auth({...})` (decorators.ts):
 * the actor it hands the route carries the route's declared permissions, and AccessService
 * authorizes that request by those only.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const spec = this.reflector.get<AuthSpec | undefined>(AUTH_SPEC, ctx.getHandler());
    const route = `${ctx.getClass().name}.${ctx.getHandler().name}`;
    // Only @Auth({...}) adds this guard, and it always declares; the route-access e2e checks every route.
    if (!spec) throw new Error(`${route} has AuthGuard without an @Auth({...}) declaration`);
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const h = req.headers.authorization;
    const m = typeof h === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(h.trim()) : null;
    if (!m) throw new AppError('UNAUTHENTICATED', 'missing bearer token');
    const claims = await this.tokens.verify(m[1]!);
    const actor = await this.actors.load(claims.userId, claims.sessionId);
    if (!actor) throw new AppError('UNAUTHENTICATED', 'session ended; log in again');
    if (WRITE_METHODS.has(req.method)) await this.limiter.hit('write', `u${actor.userId}`, this.config.RATE_WRITE_PER_MIN);
    // A copy: the loader may hand the same actor to concurrent requests of one session, on other routes.
    req.actor = { ...actor, route: { name: route, permits: permitsOf(spec) } };
    return true;
  }
}
