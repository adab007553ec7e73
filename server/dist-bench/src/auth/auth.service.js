var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull } from 'typeorm';
import { AppConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { UsersService, toIso } from '../accounts/users.service.js';
import { User } from '../accounts/user.entity.js';
import { AuthSession } from './session.entity.js';
import { TokenService } from './token.service.js';
const sha256 = (s) => createHash('sha256').update(s).digest('hex');
/**
 * WeChat login and our own sessions: a short-lived JWT for requests plus a rotating refresh token
 * bound to a revocable `auth_session` row. The WeChat session_key goes into the user row and
 * nowhere else (not the response, not a log line).
 */
let AuthService = class AuthService {
    ds;
    config;
    wechat;
    users;
    tokens;
    log = new Logger('auth');
    constructor(ds, config, wechat, users, tokens) {
        this.ds = ds;
        this.config = config;
        this.wechat = wechat;
        this.users = users;
        this.tokens = tokens;
    }
    async loginWithWechat(code) {
        const s = await this.wechat.code2Session(code);
        const user = await this.users.upsertFromWechat(s.openid, s.unionid, s.sessionKey);
        if (user.disabled)
            throw new AppError('FORBIDDEN', 'this account is disabled');
        const now = new Date();
        const secret = randomBytes(32).toString('base64url');
        const res = await this.ds.getRepository(AuthSession).insert({
            userId: user.id,
            refreshHash: sha256(secret),
            prevRefreshHash: null,
            createdAt: now,
            lastUsedAt: now,
            expiresAt: this.sessionExpiry(now),
            revokedAt: null,
        });
        const sessionId = Number(res.identifiers[0].id);
        this.log.log(`login user ${user.id} session ${sessionId}`);
        return this.issue(user.id, sessionId, secret, this.sessionExpiry(now));
    }
    /** Rotates the refresh token. Replaying an already-rotated token revokes the whole session. */
    async refresh(refreshToken) {
        const m = /^r1\.(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(refreshToken);
        if (!m)
            throw new AppError('UNAUTHENTICATED', 'malformed refresh token');
        const id = Number(m[1]);
        const hash = sha256(m[2]);
        const repo = this.ds.getRepository(AuthSession);
        const s = await repo.findOneBy({ id });
        if (!s || s.revokedAt)
            throw new AppError('UNAUTHENTICATED', 'session ended; log in again');
        if (s.expiresAt.getTime() <= Date.now())
            throw new AppError('TOKEN_EXPIRED', 'session expired; log in again');
        if (!safeEq(s.refreshHash, hash)) {
            if (s.prevRefreshHash && safeEq(s.prevRefreshHash, hash)) {
                await repo.update({ id }, { revokedAt: new Date() });
                this.log.warn(`refresh token replayed for session ${id}: session revoked`);
            }
            throw new AppError('UNAUTHENTICATED', 'refresh token no longer valid; log in again');
        }
        const user = await this.ds.getRepository(User).findOneBy({ id: s.userId });
        if (!user || user.disabled)
            throw new AppError('UNAUTHENTICATED', 'account disabled');
        const now = new Date();
        const secret = randomBytes(32).toString('base64url');
        const expiresAt = this.sessionExpiry(now);
        // Conditional on the hash we checked: two concurrent refreshes with one token → one wins.
        const upd = await repo
            .createQueryBuilder()
            .update()
            .set({ refreshHash: sha256(secret), prevRefreshHash: s.refreshHash, lastUsedAt: now, expiresAt })
            .where('id = :id AND refresh_hash = :h AND revoked_at IS NULL', { id, h: s.refreshHash })
            .execute();
        if (upd.affected !== 1)
            throw new AppError('UNAUTHENTICATED', 'refresh token already used');
        return this.issue(user.id, id, secret, expiresAt);
    }
    async revokeSession(actor, sessionId) {
        const r = await this.ds.getRepository(AuthSession).update({ id: sessionId, userId: actor.userId, revokedAt: IsNull() }, { revokedAt: new Date() });
        if (!r.affected)
            throw new AppError('NOT_FOUND', 'session not found');
    }
    async revokeAllSessions(actor) {
        const r = await this.ds.getRepository(AuthSession).update({ userId: actor.userId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return r.affected ?? 0;
    }
    async sessions(actor) {
        const rows = await this.ds.getRepository(AuthSession).find({ where: { userId: actor.userId, revokedAt: IsNull() }, order: { id: 'DESC' }, take: 100 });
        return rows
            .filter((s) => s.expiresAt.getTime() > Date.now())
            .map((s) => ({ id: s.id, createdAt: toIso(s.createdAt), lastUsedAt: toIso(s.lastUsedAt), current: s.id === actor.sessionId }));
    }
    sessionExpiry(from) {
        return new Date(from.getTime() + this.config.SESSION_TTL_DAYS * 86_400_000);
    }
    async issue(userId, sessionId, secret, refreshExpiresAt) {
        return {
            accessToken: await this.tokens.sign({ userId, sessionId }),
            tokenType: 'Bearer',
            expiresIn: this.tokens.ttlSeconds,
            refreshToken: `r1.${sessionId}.${secret}`,
            refreshExpiresAt: refreshExpiresAt.toISOString(),
            user: await this.users.me(userId),
        };
    }
};
AuthService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [Function, AppConfig,
        WechatClient,
        UsersService,
        TokenService])
], AuthService);
export { AuthService };
function safeEq(a, b) {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
//# sourceMappingURL=auth.service.js.map