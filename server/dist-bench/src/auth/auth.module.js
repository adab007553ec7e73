var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Global, Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { AuthGuard } from './auth.guard.js';
import { LoginRateGuard } from './login-rate.guard.js';
import { RateLimiter } from './rate-limiter.js';
import { TokenService } from './token.service.js';
/** Global so any domain module can put `@Auth()` on its controllers without importing anything. */
let AuthModule = class AuthModule {
};
AuthModule = __decorate([
    Global(),
    Module({
        controllers: [AuthController],
        providers: [AuthService, TokenService, RateLimiter, AuthGuard, LoginRateGuard],
        exports: [TokenService, RateLimiter, AuthGuard, LoginRateGuard],
    })
], AuthModule);
export { AuthModule };
//# sourceMappingURL=auth.module.js.map