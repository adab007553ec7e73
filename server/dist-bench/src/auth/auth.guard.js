var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';
import { ActorLoader } from '../access/actor-loader.js';
import { TokenService } from './token.service.js';
import { RateLimiter } from './rate-limiter.js';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Authenticates `Authorization: Bearer <access token>`: verifies the JWT, then loads the actor
 * (live session, enabled user, live grants) from the database, so revocations apply at once.
 * Writes are rate-limited per user here (429 + Retry-After). Use via `@Auth()` (decorators.ts).
 */
let AuthGuard = class AuthGuard {
    tokens;
    actors;
    limiter;
    config;
    constructor(tokens, actors, limiter, config) {
        this.tokens = tokens;
        this.actors = actors;
        this.limiter = limiter;
        this.config = config;
    }
    async canActivate(ctx) {
        const req = ctx.switchToHttp().getRequest();
        const h = req.headers.authorization;
        const m = typeof h === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(h.trim()) : null;
        if (!m)
            throw new AppError('UNAUTHENTICATED', 'missing bearer token');
        const claims = await this.tokens.verify(m[1]);
        const actor = await this.actors.load(claims.userId, claims.sessionId);
        if (!actor)
            throw new AppError('UNAUTHENTICATED', 'session ended; log in again');
        if (WRITE_METHODS.has(req.method))
            this.limiter.hit('write', `u${actor.userId}`, this.config.RATE_WRITE_PER_MIN);
        req.actor = actor;
        return true;
    }
};
AuthGuard = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [TokenService,
        ActorLoader,
        RateLimiter,
        AppConfig])
], AuthGuard);
export { AuthGuard };
//# sourceMappingURL=auth.guard.js.map