import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';

/**
 * Fixed-window counters in memory, per bucket and key (client IP for login, user id for writes).
 * With several API instances each counts on its own, so the effective limit is N× the setting;
 * put a shared store (Redis) behind this class when that matters. Windows are one minute.
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = Date.now();

  /** Counts one hit; throws 429 RATE_LIMITED (with retryAfter seconds) when over `limit` per minute. */
  hit(bucket: string, key: string, limit: number, now = Date.now()): void {
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
    if (now - this.lastSweep > 60_000) this.sweep(now);
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
  }
}
