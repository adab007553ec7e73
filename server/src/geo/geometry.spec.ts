import type { AreaGeometry, Position } from '@weigrid/shared';
import { areaM2, checkGeometry, containsPoint, findSelfIntersection } from './geometry.js';
import { overlapAreaM2 } from '../grids/import.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const poly = (...rings: Position[][]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });

describe('point in polygon', () => {
  const withHole = poly(rect(104, 30, 104.01, 30.01), rect(104.004, 30.004, 104.006, 30.006).reverse());

  it('is inside the outer ring and outside the hole', () => {
    expect(containsPoint(withHole, 104.002, 30.002)).toBe(true);
    expect(containsPoint(withHole, 104.005, 30.005)).toBe(false);
    expect(containsPoint(withHole, 104.02, 30.005)).toBe(false);
  });

  it('handles MultiPolygons (two islands)', () => {
    const mp: AreaGeometry = { type: 'MultiPolygon', coordinates: [[rect(104, 30, 104.01, 30.01)], [rect(104.02, 30, 104.03, 30.01)]] };
    expect(containsPoint(mp, 104.005, 30.005)).toBe(true);
    expect(containsPoint(mp, 104.025, 30.005)).toBe(true);
    expect(containsPoint(mp, 104.015, 30.005)).toBe(false);
  });

  it('gives a point on a shared edge or vertex to exactly one of the polygons that share it, whatever the ring direction', () => {
    // Four cells around (104.01, 30.01), two of them wound clockwise.
    const cells = [poly(rect(104, 30, 104.01, 30.01)), poly(rect(104.01, 30, 104.02, 30.01).reverse()), poly(rect(104, 30.01, 104.01, 30.02).reverse()), poly(rect(104.01, 30.01, 104.02, 30.02))];
    const onEdges: [number, number][] = [
      [104.01, 30.005],
      [104.005, 30.01],
      [104.015, 30.01],
      [104.01, 30.015],
      [104.01, 30.01],
      [104.01, 30.0037],
      [104.0063, 30.01],
    ];
    for (const [x, y] of onEdges) {
      const owners = cells.map((c, i) => (containsPoint(c, x, y) ? i : -1)).filter((i) => i >= 0);
      expect(owners).toHaveLength(1);
    }
    // The documented rule: the cell to the right of a vertical edge, above a horizontal one.
    expect(containsPoint(cells[1]!, 104.01, 30.005)).toBe(true);
    expect(containsPoint(cells[2]!, 104.005, 30.01)).toBe(true);
  });
});

describe('geometry validation', () => {
  it('accepts a valid polygon with a hole', () => {
    expect(checkGeometry(poly(rect(104, 30, 104.01, 30.01), rect(104.004, 30.004, 104.006, 30.006)))).toEqual([]);
  });

  it('names each problem', () => {
    const reasons = (g: unknown) => checkGeometry(g).map((p) => p.reason);
    expect(reasons({ type: 'Point', coordinates: [104, 30] })).toEqual(['bad_geometry']);
    expect(reasons(poly(rect(104, 30, 104.01, 30.01).slice(0, 4)))).toEqual(['unclosed_ring']);
    expect(reasons(poly([[104, 30], [104.01, 30], [104, 30]]))).toEqual(['too_few_points']);
    expect(reasons(poly(rect(30, 104, 30.01, 104.01)))).toEqual(['outside_china']);
    expect(reasons(poly([[104, 30], [104.01, 30.01], [104.01, 30], [104, 30.01], [104, 30]]))).toEqual(['self_intersection']);
    expect(reasons(poly([[104, 30], ['x', 30], [104.01, 30.01], [104, 30]] as never))).toEqual(['bad_coordinate']);
    expect(reasons(poly(rect(104, 30, 104.01, 30.01), rect(104.02, 30.02, 104.03, 30.03)))).toEqual(['hole_outside']);
  });

  it('finds a ring that folds back on itself or touches itself', () => {
    expect(findSelfIntersection([[[104, 30], [104.02, 30], [104.01, 30], [104.01, 30.01], [104, 30]]])).not.toBeNull();
    expect(findSelfIntersection([rect(104, 30, 104.01, 30.01)])).toBeNull();
  });
});

describe('areas and overlaps', () => {
  it('measures area in square metres', () => {
    // 0.01° × 0.01° at 30°N ≈ 963 m × 1112 m.
    expect(areaM2(poly(rect(104, 30, 104.01, 30.01)))).toBeGreaterThan(1.06e6);
    expect(areaM2(poly(rect(104, 30, 104.01, 30.01)))).toBeLessThan(1.08e6);
  });

  it('sees no overlap between neighbours sharing an edge, and the real overlap otherwise', () => {
    expect(overlapAreaM2(poly(rect(104, 30, 104.01, 30.01)), poly(rect(104.01, 30, 104.02, 30.01)))).toBe(0);
    // Half of one cell inside another (all vertices on the other's boundary).
    const half = overlapAreaM2(poly(rect(104, 30, 104.02, 30.01)), poly(rect(104, 30, 104.01, 30.01)));
    expect(half).toBeGreaterThan(1.06e6);
    // A plus sign: no vertex inside the other, edges cross.
    const plus = overlapAreaM2(poly(rect(104, 30.004, 104.01, 30.006)), poly(rect(104.004, 30, 104.006, 30.01)));
    expect(plus).toBeGreaterThan(0.04e6);
  });
});
