import { CHINA_BBOX, polygonsOf, type AreaGeometry, type Position } from '@weigrid/shared';

/**
 * Plane geometry on lng/lat for grid boundaries. Pure functions, no allocation in the hot paths
 * (point-in-polygon works on flat Float64Arrays so the routing index can test millions of points
 * a second).
 */

export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Metres per degree of latitude, and of longitude at `lat`. */
const M_PER_DEG = (6371008.8 * Math.PI) / 180;
export function metresPerDegLng(lat: number): number {
  return M_PER_DEG * Math.cos((lat * Math.PI) / 180);
}
export const METRES_PER_DEG_LAT = M_PER_DEG;

/**
 * Even-odd point-in-polygon over rings packed as [x0,y0,x1,y1,…] (each ring closed: last
 * vertex repeats the first). `ringStart[r]` is the vertex index where ring r starts; rings
 * r0..r1-1 belong to one item (all rings of a MultiPolygon count together, which is correct
 * for non-overlapping parts and their holes).
 *
 * Shared edges resolve deterministically: each edge is evaluated with its endpoints in a
 * canonical order (lower y first), so two polygons sharing an edge make the same floating-point
 * decision about it whichever direction their rings run. With the half-open rule (a.y <= y < b.y,
 * strictly left of the edge counts) a point on an edge or vertex shared by a tiling belongs to
 * exactly one polygon: the one to its right (or above it on a horizontal edge).
 */
export function pointInRings(px: number, py: number, c: Float64Array, ringStart: Uint32Array, r0: number, r1: number): boolean {
  let inside = false;
  for (let r = r0; r < r1; r++) {
    const end = ringStart[r + 1]! * 2 - 2;
    for (let k = ringStart[r]! * 2; k < end; k += 2) {
      let ay = c[k + 1]!;
      let by = c[k + 3]!;
      if (ay > py !== by > py) {
        let ax = c[k]!;
        let bx = c[k + 2]!;
        if (ay > by) {
          const tx = ax;
          ax = bx;
          bx = tx;
          const ty = ay;
          ay = by;
          by = ty;
        }
        if ((bx - ax) * (py - ay) - (px - ax) * (by - ay) > 0) inside = !inside;
      }
    }
  }
  return inside;
}

/** Squared distance in the local plane (units: metres², with `kx` metres per degree of lng). */
function segDist2(px: number, py: number, ax: number, ay: number, bx: number, by: number, kx: number, ky: number): number {
  const x0 = (ax - px) * kx;
  const y0 = (ay - py) * ky;
  const dx = (bx - ax) * kx;
  const dy = (by - ay) * ky;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(x0 * dx + y0 * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const x = x0 + t * dx;
  const y = y0 + t * dy;
  return x * x + y * y;
}

/** Distance in metres from a point to the nearest edge of rings r0..r1-1 (equirectangular, fine at grid scale). */
export function distanceToRingsM(px: number, py: number, c: Float64Array, ringStart: Uint32Array, r0: number, r1: number): number {
  const kx = metresPerDegLng(py);
  const ky = METRES_PER_DEG_LAT;
  let best = Infinity;
  for (let r = r0; r < r1; r++) {
    const end = ringStart[r + 1]! * 2 - 2;
    for (let k = ringStart[r]! * 2; k < end; k += 2) {
      const d = segDist2(px, py, c[k]!, c[k + 1]!, c[k + 2]!, c[k + 3]!, kx, ky);
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

export function bboxOf(g: AreaGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of polygonsOf(g)) {
    for (const p of poly[0] ?? []) {
      if (p[0] < minX) minX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] > maxY) maxY = p[1];
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Signed shoelace area of a ring in degrees² (positive when counter-clockwise). */
function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s / 2;
}

/** Area in square metres (outer rings minus holes), good to a fraction of a percent at city scale. */
export function areaM2(g: AreaGeometry): number {
  let deg2 = 0;
  let lat = 0;
  for (const poly of polygonsOf(g)) {
    poly.forEach((ring, i) => {
      const a = Math.abs(ringArea(ring));
      deg2 += i === 0 ? a : -a;
    });
    lat = poly[0]?.[0]?.[1] ?? lat;
  }
  return deg2 * metresPerDegLng(lat) * METRES_PER_DEG_LAT;
}

/** Packs a geometry's rings into the flat arrays pointInRings() reads. */
export function packGeometry(g: AreaGeometry): { coords: Float64Array; ringStart: Uint32Array } {
  const rings = polygonsOf(g).flat();
  let n = 0;
  for (const r of rings) n += r.length;
  const coords = new Float64Array(n * 2);
  const ringStart = new Uint32Array(rings.length + 1);
  let v = 0;
  rings.forEach((r, i) => {
    ringStart[i] = v;
    for (const p of r) {
      coords[v * 2] = p[0];
      coords[v * 2 + 1] = p[1];
      v++;
    }
  });
  ringStart[rings.length] = v;
  return { coords, ringStart };
}

export function containsPoint(g: AreaGeometry, lng: number, lat: number): boolean {
  const { coords, ringStart } = packGeometry(g);
  return pointInRings(lng, lat, coords, ringStart, 0, ringStart.length - 1);
}

// ─── validation ────────────────────────────────────────────────────────────────────────────

export interface GeometryProblem {
  reason: 'bad_geometry' | 'unclosed_ring' | 'too_few_points' | 'bad_coordinate' | 'outside_china' | 'self_intersection' | 'hole_outside';
  message: string;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/** 0: disjoint, 1: touching (an endpoint on the other, or collinear overlap), 2: proper crossing. */
export function segmentsIntersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): 0 | 1 | 2 {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 * o2 < 0 && o3 * o4 < 0) return 2;
  if ((o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) || (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) || (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) || (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by))) return 1;
  return 0;
}

interface Seg {
  ring: number;
  i: number;
  n: number;
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  maxX: number;
}

/**
 * First intersection between edges of one polygon's rings that a valid polygon must not have:
 * two non-adjacent edges of a ring touching or crossing, or edges of different rings crossing.
 * Sort-and-sweep on x keeps it near n·log n for surveyed boundaries with thousands of vertices.
 */
export function findSelfIntersection(rings: Position[][]): { ring: number; edge: number; otherRing: number; otherEdge: number } | null {
  const segs: Seg[] = [];
  rings.forEach((ring, r) => {
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[i + 1]!;
      segs.push({ ring: r, i, n, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx) });
    }
  });
  segs.sort((a, b) => a.minX - b.minX);
  for (let s = 0; s < segs.length; s++) {
    const a = segs[s]!;
    for (let t = s + 1; t < segs.length && segs[t]!.minX <= a.maxX; t++) {
      const b = segs[t]!;
      if (Math.max(a.ay, a.by) < Math.min(b.ay, b.by) || Math.max(b.ay, b.by) < Math.min(a.ay, a.by)) continue;
      const hit = segmentsIntersect(a.ax, a.ay, a.bx, a.by, b.ax, b.ay, b.bx, b.by);
      if (hit === 0) continue;
      if (a.ring === b.ring) {
        const d = Math.abs(a.i - b.i);
        const adjacent = d === 1 || d === a.n - 1;
        // Adjacent edges share a vertex; that is the only contact they may have (unless they fold back).
        if (adjacent && hit === 1) {
          const shared = d === 1 ? Math.max(a.i, b.i) : 0;
          const sx = rings[a.ring]![shared]![0];
          const sy = rings[a.ring]![shared]![1];
          const other = (seg: Seg) => (seg.ax === sx && seg.ay === sy ? [seg.bx, seg.by] : [seg.ax, seg.ay]);
          const [px, py] = other(a);
          const [qx, qy] = other(b);
          // Folding back onto itself: the far ends are collinear with the shared vertex on the same side.
          const folds = orient(sx, sy, px!, py!, qx!, qy!) === 0 && (px! - sx) * (qx! - sx) + (py! - sy) * (qy! - sy) > 0;
          if (!folds) continue;
        }
        return { ring: a.ring, edge: a.i, otherRing: b.ring, otherEdge: b.i };
      }
      if (hit === 2) return { ring: a.ring, edge: a.i, otherRing: b.ring, otherEdge: b.i };
    }
  }
  return null;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks a value is a valid boundary: a GeoJSON Polygon or MultiPolygon whose rings are closed,
 * have at least 4 positions, lie in China's range and do not self-intersect. Returns every
 * problem found (empty when valid), so an import can report them all at once.
 */
export function checkGeometry(value: unknown): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const g = value as { type?: unknown; coordinates?: unknown };
  if (!g || typeof g !== 'object' || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
    return [{ reason: 'bad_geometry', message: 'geometry must be a GeoJSON Polygon or MultiPolygon' }];
  }
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  if (polys.length === 0) return [{ reason: 'bad_geometry', message: 'geometry has no polygon' }];
  polys.forEach((poly, pi) => {
    const where = (r: number) => (g.type === 'Polygon' ? `ring ${r}` : `polygon ${pi} ring ${r}`);
    if (!Array.isArray(poly) || poly.length === 0) {
      problems.push({ reason: 'bad_geometry', message: `polygon ${pi} has no rings` });
      return;
    }
    let shapeOk = true;
    poly.forEach((ring: unknown, r) => {
      if (!Array.isArray(ring) || !ring.every((p) => Array.isArray(p) && p.length >= 2 && isNum(p[0]) && isNum(p[1]))) {
        problems.push({ reason: 'bad_coordinate', message: `${where(r)}: every position must be [lng, lat] numbers` });
        shapeOk = false;
        return;
      }
      const pts = ring as Position[];
      if (pts.length < 4) {
        problems.push({ reason: 'too_few_points', message: `${where(r)}: a ring needs at least 4 positions, has ${pts.length}` });
        shapeOk = false;
      }
      const first = pts[0];
      const last = pts[pts.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
        problems.push({ reason: 'unclosed_ring', message: `${where(r)}: not closed (first position ${JSON.stringify(first)} ≠ last ${JSON.stringify(last)})` });
        shapeOk = false;
      }
      const out = pts.findIndex((p) => p[0] < CHINA_BBOX.minLng || p[0] > CHINA_BBOX.maxLng || p[1] < CHINA_BBOX.minLat || p[1] > CHINA_BBOX.maxLat);
      if (out >= 0) {
        problems.push({ reason: 'outside_china', message: `${where(r)}: position ${out} ${JSON.stringify(pts[out])} is outside China's range (is it [lat, lng] instead of [lng, lat]?)` });
        shapeOk = false;
      }
    });
    if (!shapeOk) return;
    const rings = poly as Position[][];
    const x = findSelfIntersection(rings);
    if (x) {
      problems.push({
        reason: 'self_intersection',
        message: x.ring === x.otherRing ? `${where(x.ring)}: edges ${x.edge} and ${x.otherEdge} intersect` : `${where(x.ring)} edge ${x.edge} crosses ${where(x.otherRing)} edge ${x.otherEdge}`,
      });
      return;
    }
    for (let r = 1; r < rings.length; r++) {
      const outer = packGeometry({ type: 'Polygon', coordinates: [rings[0]!] });
      // Any vertex strictly inside will do: a hole may touch the outer ring at a vertex.
      if (!rings[r]!.some(([hx, hy]) => pointInRings(hx, hy, outer.coords, outer.ringStart, 0, 1))) {
        problems.push({ reason: 'hole_outside', message: `${where(r)}: hole is not inside the outer ring` });
      }
    }
  });
  return problems;
}
