var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { createParamDecorator, Injectable } from '@nestjs/common';
import { jwtVerify, errors as joseErrors } from 'jose';
import { isRole } from '@weigrid/shared';
import { AppConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';
/**
 * Bridge until the accounts module's guard lands: verifies the access token (HS256, JWT_SECRET)
 * and takes the actor from its claims `{sub, grants}`. Controllers only see `@CurrentActor()`,
 * so switching to the accounts guard is a change of import.
 */
let ActorGuard = class ActorGuard {
    key;
    constructor(config) {
        this.key = new TextEncoder().encode(config.JWT_SECRET);
    }
    async canActivate(ctx) {
        const req = ctx.switchToHttp().getRequest();
        const m = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(req.headers.authorization ?? '');
        if (!m)
            throw new AppError('UNAUTHENTICATED');
        try {
            const { payload } = await jwtVerify(m[1], this.key, { algorithms: ['HS256'] });
            const userId = Number(payload.sub);
            if (!Number.isInteger(userId) || userId <= 0)
                throw new AppError('UNAUTHENTICATED');
            const raw = Array.isArray(payload.grants) ? payload.grants : [];
            const grants = raw.flatMap((g) => {
                const x = g;
                return isRole(x.role) && Number.isInteger(x.nodeId) && typeof x.nodePath === 'string' ? [{ role: x.role, nodeId: x.nodeId, nodePath: x.nodePath, departmentId: x.departmentId ?? null }] : [];
            });
            req.actor = { userId, grants };
            return true;
        }
        catch (e) {
            if (e instanceof AppError)
                throw e;
            if (e instanceof joseErrors.JWTExpired)
                throw new AppError('TOKEN_EXPIRED');
            throw new AppError('UNAUTHENTICATED');
        }
    }
};
ActorGuard = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [AppConfig])
], ActorGuard);
export { ActorGuard };
export const CurrentActor = createParamDecorator((_, ctx) => {
    const actor = ctx.switchToHttp().getRequest().actor;
    if (!actor)
        throw new AppError('UNAUTHENTICATED');
    return actor;
});
//# sourceMappingURL=actor-guard.js.map