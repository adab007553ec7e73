import { haversineM, trackLegs } from './track.js';

describe('patrol track arithmetic', () => {
  it('measures a degree of latitude as about 111.2 km and a point to itself as 0', () => {
    expect(haversineM(30, 104, 31, 104)).toBeGreaterThan(111_150);
    expect(haversineM(30, 104, 31, 104)).toBeLessThan(111_250);
    expect(haversineM(30.6, 104.05, 30.6, 104.05)).toBe(0);
  });

  it('sums the legs of a walk (0.001° of latitude ≈ 111 m; of longitude at 30.6° ≈ 95.7 m)', () => {
    const { legs, totalM } = trackLegs([
      { lat: 30.6, lng: 104.0 },
      { lat: 30.601, lng: 104.0 },
      { lat: 30.601, lng: 104.001 },
    ]);
    expect(legs[0]).toBe(0);
    expect(legs[1]).toBe(111);
    expect(legs[2]).toBe(96);
    expect(totalM).toBe(207);
    expect(trackLegs([])).toEqual({ legs: [], totalM: 0 });
  });
});
