import { RateLimiter } from './rate-limiter.js';
import { AppError } from '../common/app-error.js';

describe('RateLimiter', () => {
  it('allows `limit` hits per minute per key, then 429 with the seconds left in the window', async () => {
    const r = new RateLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) await r.hit('login', 'ip1', 3, t0 + i);
    let err: unknown;
    try {
      await r.hit('login', 'ip1', 3, t0 + 15_000);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('RATE_LIMITED');
    expect((err as AppError).details).toMatchObject({ retryAfter: 45 });
    // Another key and another bucket are independent; a new window starts after a minute.
    await expect(r.hit('login', 'ip2', 3, t0 + 15_000)).resolves.toBeUndefined();
    await expect(r.hit('write', 'ip1', 3, t0 + 15_000)).resolves.toBeUndefined();
    await expect(r.hit('login', 'ip1', 3, t0 + 60_000)).resolves.toBeUndefined();
  });
});
