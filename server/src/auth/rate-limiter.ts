import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { AppConfig } from '../config/config.js';
import { RateWindowRepo } from './rate-window.repo.js';

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per bucket and key (client IP for login, user id for writes); over the
 * limit → 429 RATE_LIMITED with the seconds left in the window (sent as Retry-After).
 *
 * RATE_STORE=memory (default) counts in this process: with several instances each counts on its
 * own, so the effective limit is N× the setting. RATE_STORE=db counts in the `rate_window` table
 * with one atomic upsert per hit, so all instances on the database share one limit.
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = Date.now();
  private readonly shared: RateWindowRepo | null;

  constructor(@Optional() config?: AppConfig, @Optional() @InjectDataSource() ds?: DataSource) {
    this.shared = config?.RATE_STORE === 'db' && ds ? new RateWindowRepo(ds) : null;
  }

  /** Counts one hit; throws 429 RATE_LIMITED (with retryAfter seconds) when over `limit` per minute. */
  async hit(bucket: string, key: string, limit: number, now = Date.now()): Promise<void> {
    if (this.shared) return this.hitShared(this.shared, bucket, key, limit, now);
    const id = `${bucket}:${key}`;
    let w = this.windows.get(id);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, count: 0 };
      this.windows.set(id, w);
    }
    w.count++;
    if (w.count > limit) throw limited(bucket, w.start + WINDOW_MS - now);
    if (now - this.lastSweep > WINDOW_MS) this.sweep(now);
  }

  private async hitShared(repo: RateWindowRepo, bucket: string, key: string, limit: number, now: number): Promise<void> {
    const win = Math.floor(now / WINDOW_MS);
    const id = `${bucket}:${key}`.slice(0, 120);
    const count = await repo.hit(id, win);
    if (now - this.lastSweep > WINDOW_MS) {
      this.lastSweep = now;
      // Any instance may sweep; the previous window is kept for requests that straddle the minute.
      await repo.dropBefore(win - 1);
    }
    if (count > limit) throw limited(bucket, (win + 1) * WINDOW_MS - now);
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= WINDOW_MS) this.windows.delete(k);
  }
}

function limited(bucket: string, msLeft: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(msLeft / 1000));
  return new AppError('RATE_LIMITED', `too many requests (${bucket}); retry in ${retryAfter} s`, { retryAfter, bucket });
}
