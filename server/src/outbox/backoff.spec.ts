import { backoffMs } from './backoff.js';

describe('backoffMs', () => {
  const mid = () => 0.5; // jitter factor exactly 1

  it('doubles from the base after each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, 1000, 1e9, mid))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('never exceeds the cap, even with jitter', () => {
    expect(backoffMs(30, 1000, 60000, () => 0.999)).toBe(60000);
    expect(backoffMs(100, 1000, 60000, mid)).toBe(60000);
  });

  it('jitters within ±20 %', () => {
    expect(backoffMs(3, 1000, 1e9, () => 0)).toBe(3200);
    expect(backoffMs(3, 1000, 1e9, () => 1)).toBe(4800);
  });
});
