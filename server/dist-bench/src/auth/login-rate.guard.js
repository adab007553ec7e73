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
import { RateLimiter } from './rate-limiter.js';
/** Limits logins and refreshes per client IP (429 + Retry-After): code guessing and floods. */
let LoginRateGuard = class LoginRateGuard {
    limiter;
    config;
    constructor(limiter, config) {
        this.limiter = limiter;
        this.config = config;
    }
    canActivate(ctx) {
        const req = ctx.switchToHttp().getRequest();
        this.limiter.hit('login', req.ip ?? 'unknown', this.config.RATE_LOGIN_PER_MIN);
        return true;
    }
};
LoginRateGuard = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [RateLimiter,
        AppConfig])
], LoginRateGuard);
export { LoginRateGuard };
//# sourceMappingURL=login-rate.guard.js.map