import type { AppConfig } from '../config/config.js';
import { PhotoGrants } from './uploads.service.js';

describe('PhotoGrants', () => {
  const grants = new PhotoGrants({ JWT_SECRET: 'a-test-secret-a-test-secret-0123456789' } as AppConfig);
  const id = '0123456789abcdef01234567';
  const now = Date.UTC(2026, 10, 27, 12, 30);

  it('lets the viewer it was made for read that photo until it expires, a day and under an hour later', () => {
    const g = grants.grant(id, 7, now);
    expect(grants.valid(id, 7, g, now)).toBe(true);
    expect(grants.valid(id, 7, g, now + 24 * 3_600_000)).toBe(true);
    expect(grants.valid(id, 7, g, now + 25 * 3_600_000)).toBe(false);
    // Same hour, same URL: images stay cacheable while a page is open.
    expect(grants.grant(id, 7, now + 60_000)).toBe(g);
  });

  it('refuses another viewer, another photo, a tampered expiry or signature, another key, and garbage', () => {
    const g = grants.grant(id, 7, now);
    const [exp, mac] = g.split('.') as [string, string];
    expect(grants.valid(id, 8, g, now)).toBe(false);
    expect(grants.valid('fedcba9876543210fedcba98', 7, g, now)).toBe(false);
    expect(grants.valid(id, 7, `${Number(exp) + 3600}.${mac}`, now)).toBe(false);
    expect(grants.valid(id, 7, `${exp}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, now)).toBe(false);
    expect(new PhotoGrants({ JWT_SECRET: 'another-secret-another-secret-0123456' } as AppConfig).valid(id, 7, g, now)).toBe(false);
    for (const bad of [undefined, '', 'x', `${exp}`, `${exp}.`, `-1.${mac}`]) expect(grants.valid(id, 7, bad, now)).toBe(false);
  });
});
