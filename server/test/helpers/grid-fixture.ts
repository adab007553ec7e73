import type { Position } from '@weigrid/shared';

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const poly = (...rings: Position[][]) => ({ type: 'Polygon' as const, coordinates: rings });
const feature = (code: string, name: string, level: string, parent: string | null, geometry: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'Feature' as const,
  properties: { code, name, level, parent, ...extra },
  geometry,
});

/**
 * A small tree in GCJ-02 for routing and import tests:
 *   5101 成都市 (no boundary) → 510104 锦江区 [104.00–104.10 × 30.60–30.70]
 *   → street 510104017 [104.00–104.05 × 30.60–30.70] → community 510104017001 [104.00–104.03 × 30.60–30.65]
 *   → grid 510104017001001 [104.00–104.02 × 30.60–30.62]
 *   → micro …001 A [104.00–104.01] with a hole [104.004–104.006 × 30.609–30.611],
 *     micro …002 B [104.01–104.02] (shares the edge lng = 104.01 with A),
 *     micro …003 C: virtual (a market), no boundary.
 */
export const FIXTURE = {
  A: '510104017001001001',
  B: '510104017001001002',
  C: '510104017001001003',
  GRID: '510104017001001',
  COMMUNITY: '510104017001',
  STREET: '510104017',
  DISTRICT: '510104',
  CITY: '5101',
};

export function fixtureCollection() {
  return {
    type: 'FeatureCollection',
    features: [
      feature('5101', '成都市', 'city', null, null),
      feature('510104', '锦江区', 'district', '5101', poly(rect(104.0, 30.6, 104.1, 30.7))),
      feature('510104017', '锦官驿街道', 'street', '510104', poly(rect(104.0, 30.6, 104.05, 30.7))),
      feature('510104017001', '水井坊社区', 'community', '510104017', poly(rect(104.0, 30.6, 104.03, 30.65))),
      feature(FIXTURE.GRID, '第一网格', 'grid', FIXTURE.COMMUNITY, poly(rect(104.0, 30.6, 104.02, 30.62))),
      feature(FIXTURE.A, '一号微网格', 'micro', FIXTURE.GRID, poly(rect(104.0, 30.6, 104.01, 30.62), rect(104.004, 30.609, 104.006, 30.611).reverse())),
      feature(FIXTURE.B, '二号微网格', 'micro', FIXTURE.GRID, poly(rect(104.01, 30.6, 104.02, 30.62))),
      feature(FIXTURE.C, '水井坊市场', 'micro', FIXTURE.GRID, null, { virtual: true }),
    ],
  };
}
