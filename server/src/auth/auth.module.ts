import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { SessionsRepo } from './sessions.repo.js';
import { AuthGuard } from './auth.guard.js';
import { LoginRateGuard } from './login-rate.guard.js';
import { RateLimiter } from './rate-limiter.js';
import { TokenService } from './token.service.js';

/** Global so any domain module can put `@Auth()` on its controllers without importing anything. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, SessionsRepo, TokenService, RateLimiter, AuthGuard, LoginRateGuard],
  exports: [TokenService, RateLimiter, AuthGuard, LoginRateGuard],
})
export class AuthModule {}
