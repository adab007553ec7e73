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

/** Short-lived access tokens (HS256 JWT with JWT_SECRET from env) naming the user and the session. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

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
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      const userId = Number(payload.sub);
      const sessionId = Number((payload as { sid?: unknown }).sid);
      if (!Number.isInteger(userId) || userId <= 0 || !Number.isInteger(sessionId) || sessionId <= 0) throw new AppError('UNAUTHENTICATED', 'malformed token claims');
      return { userId, sessionId };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'access token expired; refresh it');
      throw new AppError('UNAUTHENTICATED', 'invalid access token');
    }
  }
}
