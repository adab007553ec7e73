import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthTokensDto, SessionDto } from '@weigrid/shared';
import { AppConfig } from '../config/config.js';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { dbIso } from '../db/rows.js';
import { AuthUsers } from './auth-users.js';
import { SessionsRepo } from './sessions.repo.js';
import { TokenService } from './token.service.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * WeChat login and our own sessions: a short-lived JWT for requests plus a rotating refresh token
 * bound to a revocable `auth_session` row. The WeChat session_key goes into the user row and
 * nowhere else (not the response, not a log line).
 */
@Injectable()
export class AuthService {
  private readonly log = new Logger('auth');

  constructor(
    private readonly sessionRows: SessionsRepo,
    private readonly config: AppConfig,
    private readonly wechat: WechatClient,
    private readonly users: AuthUsers,
    private readonly tokens: TokenService,
  ) {}

  async loginWithWechat(code: string): Promise<AuthTokensDto> {
    const s = await this.wechat.code2Session(code);
    const user = await this.users.upsertFromWechat(s.openid, s.unionid, s.sessionKey);
    if (user.disabled) throw new AppError('FORBIDDEN', 'this account is disabled');
    const now = new Date();
    const secret = randomBytes(32).toString('base64url');
    const sessionId = await this.sessionRows.create({
      userId: user.id,
      refreshHash: sha256(secret),
      prevRefreshHash: null,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: this.sessionExpiry(now),
      revokedAt: null,
    });
    this.log.log(`login user ${user.id} session ${sessionId}`);
    return this.issue(user.id, sessionId, secret, this.sessionExpiry(now));
  }

  /** Rotates the refresh token. Replaying an already-rotated token revokes the whole session. */
  async refresh(refreshToken: string): Promise<AuthTokensDto> {
    const m = /^r1\.(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(refreshToken);
    if (!m) throw new AppError('UNAUTHENTICATED', 'malformed refresh token');
    const id = Number(m[1]);
    const hash = sha256(m[2]!);
    const s = await this.sessionRows.byId(id);
    if (!s || s.revokedAt) throw new AppError('UNAUTHENTICATED', 'session ended; log in again');
    if (s.expiresAt.getTime() <= Date.now()) throw new AppError('TOKEN_EXPIRED', 'session expired; log in again');
    if (!safeEq(s.refreshHash, hash)) {
      if (s.prevRefreshHash && safeEq(s.prevRefreshHash, hash)) {
        await this.sessionRows.revoke(id, new Date());
        this.log.warn(`refresh token replayed for session ${id}: session revoked`);
      }
      throw new AppError('UNAUTHENTICATED', 'refresh token no longer valid; log in again');
    }
    if (!(await this.users.isActive(s.userId))) throw new AppError('UNAUTHENTICATED', 'account disabled');
    const now = new Date();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = this.sessionExpiry(now);
    // Conditional on the hash we checked: two concurrent refreshes with one token → one wins.
    if (!(await this.sessionRows.rotate(id, s.refreshHash, { refreshHash: sha256(secret), lastUsedAt: now, expiresAt }))) throw new AppError('UNAUTHENTICATED', 'refresh token already used');
    return this.issue(s.userId, id, secret, expiresAt);
  }

  async revokeSession(actor: Actor, sessionId: number): Promise<void> {
    if (!(await this.sessionRows.revokeOwn(sessionId, actor.userId, new Date()))) throw new AppError('NOT_FOUND', 'session not found');
  }

  async revokeAllSessions(actor: Actor): Promise<number> {
    return this.sessionRows.revokeAll(actor.userId, new Date());
  }

  async sessions(actor: Actor): Promise<SessionDto[]> {
    const rows = await this.sessionRows.live(actor.userId);
    return rows
      .filter((s) => s.expiresAt.getTime() > Date.now())
      .map((s) => ({ id: s.id, createdAt: dbIso(s.createdAt), lastUsedAt: dbIso(s.lastUsedAt), current: s.id === actor.sessionId }));
  }

  private sessionExpiry(from: Date): Date {
    return new Date(from.getTime() + this.config.SESSION_TTL_DAYS * 86_400_000);
  }

  private async issue(userId: number, sessionId: number, secret: string, refreshExpiresAt: Date): Promise<AuthTokensDto> {
    return {
      accessToken: await this.tokens.sign({ userId, sessionId }),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      refreshToken: `r1.${sessionId}.${secret}`,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
      user: await this.users.me(userId),
    };
  }
}

function safeEq(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
