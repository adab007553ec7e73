var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
/**
 * Fixed-window counters in memory, per bucket and key (client IP for login, user id for writes).
 * With several API instances each counts on its own, so the effective limit is N× the setting;
 * put a shared store (Redis) behind this class when that matters. Windows are one minute.
 */
let RateLimiter = class RateLimiter {
    windows = new Map();
    lastSweep = Date.now();
    /** Counts one hit; throws 429 RATE_LIMITED (with retryAfter seconds) when over `limit` per minute. */
    hit(bucket, key, limit, now = Date.now()) {
        const id = `${bucket}:${key}`;
        let w = this.windows.get(id);
        if (!w || now - w.start >= 60_000) {
            w = { start: now, count: 0 };
            this.windows.set(id, w);
        }
        w.count++;
        if (w.count > limit) {
            const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000));
            throw new AppError('RATE_LIMITED', `too many requests (${bucket}); retry in ${retryAfter} s`, { retryAfter, bucket });
        }
        if (now - this.lastSweep > 60_000)
            this.sweep(now);
    }
    sweep(now) {
        this.lastSweep = now;
        for (const [k, w] of this.windows)
            if (now - w.start >= 60_000)
                this.windows.delete(k);
    }
};
RateLimiter = __decorate([
    Injectable()
], RateLimiter);
export { RateLimiter };
//# sourceMappingURL=rate-limiter.js.map