import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify, errors } from 'jose';
import { AppConfig } from '../config/config.js';
import { AppError } from '../common/app-error.js';

const ISSUER = 'weigrid';
const AUDIENCE = 'weigrid-api';

export interface AccessClaims {
  userId: number;
  sessionId: number;
}

/** Verified tokens kept at most; the map is dropped whole when it grows past this. */
const VERIFIED_CACHE_MAX = 20_000;

/** Short-lived access tokens (HS256 JWT with JWT_SECRET from env) naming the user and the session. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /**
   * token → its claims and expiry, for tokens whose signature was already checked. Verification is
   * a pure function of the token, the secret and the clock, so remembering it changes no answer:
   * the expiry is still checked on every use (revocation is the session's business, checked by
   * ActorLoader on every request). It saves the HMAC (async WebCrypto) on every request after a
   * client's first.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; exp: number }>();

  constructor(private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
  }

  get ttlSeconds(): number {
    return this.config.JWT_TTL_SECONDS;
  }

  async sign(claims: AccessClaims): Promise<string> {
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
  async verify(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known) {
      // jose's rule: expired once the current second reaches `exp`.
      if (Math.floor(Date.now() / 1000) >= known.exp) {
        this.verified.delete(token);
        throw new AppError('TOKEN_EXPIRED', 'access token expired; refresh it');
      }
      return known.claims;
    }
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const userId = Number(payload.sub);
      const sessionId = Number((payload as { sid?: unknown }).sid);
      if (!Number.isInteger(userId) || userId <= 0 || !Number.isInteger(sessionId) || sessionId <= 0) throw new AppError('UNAUTHENTICATED', 'malformed token claims');
      const claims = { userId, sessionId };
      if (typeof payload.exp === 'number') {
        if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear();
        this.verified.set(token, { claims, exp: payload.exp });
      }
      return claims;
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'access token expired; refresh it');
      throw new AppError('UNAUTHENTICATED', 'invalid access token');
    }
  }
}
