import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/config.js';
import { RateLimiter } from './rate-limiter.js';

/** Limits logins and refreshes per client IP (429 + Retry-After): code guessing and floods. */
@Injectable()
export class LoginRateGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    await this.limiter.hit('login', req.ip ?? 'unknown', this.config.RATE_LOGIN_PER_MIN);
    return true;
  }
}
