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
import { SignJWT, jwtVerify, errors } from 'jose';
import { AppConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';
const ISSUER = 'weigrid';
const AUDIENCE = 'weigrid-api';
/** Short-lived access tokens (HS256 JWT with JWT_SECRET from env) naming the user and the session. */
let TokenService = class TokenService {
    config;
    key;
    constructor(config) {
        this.config = config;
        this.key = new TextEncoder().encode(config.JWT_SECRET);
    }
    get ttlSeconds() {
        return this.config.JWT_TTL_SECONDS;
    }
    async sign(claims) {
        return new SignJWT({ sid: claims.sessionId })
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setSubject(String(claims.userId))
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setIssuedAt()
            .setExpirationTime(Math.floor(Date.now() / 1000) + this.config.JWT_TTL_SECONDS)
            .sign(this.key);
    }
    /** Throws 401 TOKEN_EXPIRED for an expired token, 401 UNAUTHENTICATED for anything else wrong. */
    async verify(token) {
        try {
            const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
            const userId = Number(payload.sub);
            const sessionId = Number(payload.sid);
            if (!Number.isInteger(userId) || userId <= 0 || !Number.isInteger(sessionId) || sessionId <= 0)
                throw new AppError('UNAUTHENTICATED', 'malformed token claims');
            return { userId, sessionId };
        }
        catch (e) {
            if (e instanceof AppError)
                throw e;
            if (e instanceof errors.JWTExpired)
                throw new AppError('TOKEN_EXPIRED', 'access token expired; refresh it');
            throw new AppError('UNAUTHENTICATED', 'invalid access token');
        }
    }
};
TokenService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [AppConfig])
], TokenService);
export { TokenService };
//# sourceMappingURL=token.service.js.map