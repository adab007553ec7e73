import Flatbush from 'flatbush';
import * as clippingNs from 'polygon-clipping';
import type { DataSource, EntityManager } from 'typeorm';
import { checkGridCode, isAbove, isCrs, isGridLevel, levelOfCode, parentCodeOf, polygonsOf, type AreaGeometry, type Crs, type GridLevel, type Position } from '@weigrid/shared';
import { AppError } from '../common/app-error.js';
import { toGcj02 } from '../geo/crs.js';
import { areaM2, bboxOf, checkGeometry, distanceToRingsM, packGeometry, pointInRings, type BBox } from '../geo/geometry.js';
import { GridNode } from './grid-node.entity.js';
import { bumpGridTreeVersion } from './grid-tree.repo.js';
import { boundedChildren, insertNodes, nodesByCodes, nodesForImport, updateImportedNode } from './grids.repo.js';

// CommonJS module: under Node's ESM loader the functions sit on the default export.
const clipping = ((clippingNs as unknown as { default?: typeof clippingNs }).default ?? clippingNs) as typeof clippingNs;

/** One bad feature: its position in the file, its code when it has one, why, and a sentence. */
export interface ImportProblem {
  index: number;
  code?: string;
  reason:
    | 'not_a_feature_collection'
    | 'bad_feature'
    | 'bad_code'
    | 'bad_name'
    | 'bad_level'
    | 'duplicate_code'
    | 'unknown_parent'
    | 'parent_level'
    | 'moved_node'
    | 'bad_geometry'
    | 'unclosed_ring'
    | 'too_few_points'
    | 'bad_coordinate'
    | 'outside_china'
    | 'self_intersection'
    | 'hole_outside'
    | 'sibling_overlap';
  message: string;
}

export interface ImportOptions {
  /** Datum of the file's coordinates when the collection does not say (`"crs": "wgs84"`). Default gcj02. */
  crs?: Crs;
  /** Overlap between two siblings larger than this (m²) is an error. Default 10 m². */
  overlapToleranceM2?: number;
  /** Mark every imported boundary as synthetic (demo data). */
  synthetic?: boolean;
  /** Progress callback: phase, done, total. */
  onProgress?: (phase: 'validate' | 'write', done: number, total: number) => void;
}

export interface ImportResult {
  features: number;
  created: number;
  updated: number;
  unchanged: number;
}

interface Feature {
  index: number;
  code: string;
  name: string;
  level: GridLevel;
  parent: string | null;
  virtual: boolean;
  synthetic: boolean;
  geometry: AreaGeometry | null;
  /** Canonical JSON of the geometry as stored, to detect a no-op re-import. */
  boundary: string | null;
  bbox: BBox | null;
}

export interface ImportPlan {
  features: Feature[];
  problems: ImportProblem[];
}

export const DEFAULT_OVERLAP_TOLERANCE_M2 = 10;

export function convertGeometry(g: AreaGeometry, crs: Crs): AreaGeometry {
  if (crs === 'gcj02') return g;
  const polys = polygonsOf(g).map((poly) => poly.map((ring) => ring.map((p) => toGcj02(p[0], p[1], crs) as Position)));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
}

/** Only [lng, lat] (drop altitude and foreign members) so equal data gives equal text. */
export function canonical(g: AreaGeometry): AreaGeometry {
  const polys = polygonsOf(g).map((poly) => poly.map((ring) => ring.map((p) => [p[0], p[1]] as Position)));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys };
}

/** A point strictly inside a polygon (the middle of the widest run of a horizontal scan line). */
function interiorPoint(g: AreaGeometry): [number, number] | null {
  const { coords, ringStart } = packGeometry(g);
  const [minX, minY, maxX, maxY] = bboxOf(g);
  for (const f of [0.5, 0.37, 0.63, 0.21, 0.79]) {
    const y = minY + (maxY - minY) * f;
    const xs: number[] = [];
    for (let k = 0; k + 3 < coords.length; k += 2) {
      const ay = coords[k + 1]!;
      const by = coords[k + 3]!;
      // Skip the seam between rings (last vertex of one ring → first of the next).
      if (ringStart.includes((k + 2) / 2) && (k + 2) / 2 !== 0) continue;
      if (ay > y !== by > y) xs.push(coords[k]! + ((y - ay) * (coords[k + 2]! - coords[k]!)) / (by - ay));
    }
    xs.sort((a, b) => a - b);
    let best: [number, number] | null = null;
    let width = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1]! - xs[i]! > width) {
        width = xs[i + 1]! - xs[i]!;
        best = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    }
    if (best && width > (maxX - minX) * 1e-6) return best;
  }
  return null;
}

type Packed = { coords: Float64Array; ringStart: Uint32Array };

function deepInside(p: Packed, x: number, y: number): boolean {
  const r1 = p.ringStart.length - 1;
  return pointInRings(x, y, p.coords, p.ringStart, 0, r1) && distanceToRingsM(x, y, p.coords, p.ringStart, 0, r1) > 0.05;
}

/**
 * Whether any part of A's boundary runs well inside B: every edge of A is cut wherever an edge
 * of B meets it (crossing, touching or running along it), and the middle of each piece is
 * tested. Each piece lies wholly inside, outside or on B, so this finds every overlap whose
 * boundary is not entirely shared — including rectangles that slide over each other with every
 * vertex on the other's edges.
 */
function boundaryInside(a: Packed, b: Packed): boolean {
  const ca = a.coords;
  const cb = b.coords;
  const ts: number[] = [];
  for (let ra = 0; ra + 1 < a.ringStart.length; ra++) {
    for (let i = a.ringStart[ra]! * 2; i < a.ringStart[ra + 1]! * 2 - 2; i += 2) {
      const ax = ca[i]!;
      const ay = ca[i + 1]!;
      const ex = ca[i + 2]! - ax;
      const ey = ca[i + 3]! - ay;
      const len2 = ex * ex + ey * ey;
      if (len2 === 0) continue;
      ts.length = 0;
      ts.push(0, 1);
      for (let rb = 0; rb + 1 < b.ringStart.length; rb++) {
        for (let j = b.ringStart[rb]! * 2; j < b.ringStart[rb + 1]! * 2 - 2; j += 2) {
          const cx = cb[j]!;
          const cy = cb[j + 1]!;
          const fx = cb[j + 2]! - cx;
          const fy = cb[j + 3]! - cy;
          const den = ex * fy - ey * fx;
          const qx = cx - ax;
          const qy = cy - ay;
          if (den !== 0) {
            const t = (qx * fy - qy * fx) / den;
            const u = (qx * ey - qy * ex) / den;
            if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
          } else if (qx * ey - qy * ex === 0) {
            // Collinear: B's edge ends cut A's edge where they fall on it.
            for (const [px, py] of [
              [qx, qy],
              [qx + fx, qy + fy],
            ] as const) {
              const t = (px * ex + py * ey) / len2;
              if (t > 0 && t < 1) ts.push(t);
            }
          }
        }
      }
      ts.sort((x, y) => x - y);
      for (let k = 0; k + 1 < ts.length; k++) {
        if (ts[k + 1]! - ts[k]! < 1e-12) continue;
        const m = (ts[k]! + ts[k + 1]!) / 2;
        if (deepInside(b, ax + ex * m, ay + ey * m)) return true;
      }
    }
  }
  return false;
}

/**
 * Whether two siblings may overlap by more than a sliver: part of one's boundary runs well
 * inside the other, or one lies inside the other (an interior point test catches equal or
 * nested shapes). Tilings that share edges exactly (the normal case) never trip it, so the
 * exact (slow) clipping only runs on suspicious pairs.
 */
function mayOverlap(a: AreaGeometry, b: AreaGeometry): boolean {
  const pa = packGeometry(a);
  const pb = packGeometry(b);
  if (boundaryInside(pa, pb) || boundaryInside(pb, pa)) return true;
  const ia = interiorPoint(a);
  if (ia && deepInside(pb, ia[0], ia[1])) return true;
  const ib = interiorPoint(b);
  return !!ib && deepInside(pa, ib[0], ib[1]);
}

/** Area (m²) shared by two polygons. */
export function overlapAreaM2(a: AreaGeometry, b: AreaGeometry): number {
  if (!mayOverlap(a, b)) return 0;
  const inter = clipping.intersection(polygonsOf(a) as clippingNs.MultiPolygon, polygonsOf(b) as clippingNs.MultiPolygon);
  return inter.length ? areaM2({ type: 'MultiPolygon', coordinates: inter as Position[][][] }) : 0;
}

/**
 * Reads and checks a whole FeatureCollection against itself and the database, without writing.
 * Every problem is collected (not just the first), each with the feature's index in the file.
 */
export async function planImport(m: EntityManager, input: unknown, opts: ImportOptions = {}): Promise<ImportPlan> {
  const problems: ImportProblem[] = [];
  const fc = input as { type?: unknown; features?: unknown; crs?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { features: [], problems: [{ index: -1, reason: 'not_a_feature_collection', message: 'the file must be a GeoJSON FeatureCollection' }] };
  }
  const crs: Crs = isCrs(fc.crs) ? fc.crs : (opts.crs ?? 'gcj02');
  const raw = fc.features as unknown[];
  const total = raw.length;
  const features: Feature[] = [];
  const byCode = new Map<string, Feature>();

  // 1. Each feature on its own: shape, code, name, level, geometry.
  raw.forEach((f, index) => {
    const ft = f as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    if (!ft || typeof ft !== 'object' || ft.type !== 'Feature' || !ft.properties || typeof ft.properties !== 'object') {
      problems.push({ index, reason: 'bad_feature', message: 'not a GeoJSON Feature with properties' });
      return;
    }
    const p = ft.properties;
    const code = p.code;
    const before = problems.length;
    const levelRaw = p.level ?? (typeof code === 'string' ? levelOfCode(code) : undefined);
    if (!isGridLevel(levelRaw)) {
      problems.push({ index, code: typeof code === 'string' ? code : undefined, reason: 'bad_level', message: `level must be one of city, district, street, community, grid, micro (got ${JSON.stringify(p.level)})` });
      return;
    }
    const level = levelRaw;
    const parentRaw = p.parent ?? p.parentCode ?? p.parent_code;
    if (parentRaw !== undefined && parentRaw !== null && typeof parentRaw !== 'string') {
      problems.push({ index, reason: 'bad_code', message: 'parent must be a code string or null' });
    }
    const parent = typeof parentRaw === 'string' ? parentRaw : parentRaw === null ? null : undefined;
    const cc = checkGridCode(code, level, parent ?? undefined);
    if (!cc.ok) problems.push({ index, code: typeof code === 'string' ? code : undefined, reason: 'bad_code', message: `code ${JSON.stringify(code)}: ${cc.reason}` });
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    if (!name || name.length > 100) problems.push({ index, code: typeof code === 'string' ? code : undefined, reason: 'bad_name', message: 'name must be 1–100 characters' });
    const virtual = p.virtual === true;
    let geometry: AreaGeometry | null = null;
    if (ft.geometry !== null && ft.geometry !== undefined) {
      for (const gp of checkGeometry(ft.geometry)) problems.push({ index, code: typeof code === 'string' ? code : undefined, reason: gp.reason, message: gp.message });
      if (problems.length === before) geometry = canonical(convertGeometry(ft.geometry as AreaGeometry, crs));
    }
    if (virtual && geometry) problems.push({ index, code: code as string, reason: 'bad_geometry', message: 'a virtual node (building, market, trade) has no boundary; drop the geometry or virtual:true' });
    if (problems.length !== before) return;
    const c = code as string;
    if (byCode.has(c)) {
      problems.push({ index, code: c, reason: 'duplicate_code', message: `code ${c} also at feature ${byCode.get(c)!.index}` });
      return;
    }
    const feat: Feature = {
      index,
      code: c,
      name,
      level,
      // undefined parent: filled in below from the code's prefix.
      parent: parent === undefined ? (undefined as unknown as null) : parent,
      virtual,
      synthetic: p.synthetic === true || opts.synthetic === true,
      geometry,
      boundary: geometry ? JSON.stringify(geometry) : null,
      bbox: geometry ? bboxOf(geometry) : null,
    };
    features.push(feat);
    byCode.set(c, feat);
    if (index % 500 === 0) opts.onProgress?.('validate', index, total);
  });

  // 2. Parents: in the file or already in the database, and above the child.
  const existing = new Map<string, { id: number; code: string; level: GridLevel; path: string; parentId: number | null; name: string; boundary: string | null; virtual: boolean; synthetic: boolean }>();
  const wanted = new Set<string>();
  for (const f of features) {
    wanted.add(f.code);
    if (f.parent) wanted.add(f.parent);
    else if (f.parent === undefined) for (let c = parentCodeOf(f.code); c; c = parentCodeOf(c)) wanted.add(c);
  }
  const list = [...wanted];
  for (let i = 0; i < list.length; i += 500) {
    const rows = await nodesForImport(m, list.slice(i, i + 500));
    for (const r of rows) existing.set(r.code, { ...r, virtual: !!r.virtual, synthetic: !!r.synthetic });
  }
  const levelOf = (code: string) => byCode.get(code)?.level ?? existing.get(code)?.level;
  for (const f of features) {
    if (f.parent === undefined) {
      // No parent given: the nearest prefix that exists (a deployment may skip levels); none → a root.
      let p: string | null = null;
      for (let c = parentCodeOf(f.code); c; c = parentCodeOf(c)) {
        if (levelOf(c)) {
          p = c;
          break;
        }
      }
      f.parent = p;
    }
  }
  const bad = new Set<number>();
  for (const f of features) {
    if (f.parent !== null) {
      const pl = levelOf(f.parent);
      if (!pl) {
        problems.push({ index: f.index, code: f.code, reason: 'unknown_parent', message: `parent ${f.parent} is neither in the file nor in the database` });
        bad.add(f.index);
      } else if (!isAbove(pl, f.level)) {
        problems.push({ index: f.index, code: f.code, reason: 'parent_level', message: `parent ${f.parent} is a ${pl}, not above a ${f.level}` });
        bad.add(f.index);
      }
    }
    const old = existing.get(f.code);
    if (old) {
      const oldParent = old.path.split('/').filter(Boolean).slice(-2, -1)[0] ?? null;
      if (oldParent !== f.parent) {
        problems.push({ index: f.index, code: f.code, reason: 'moved_node', message: `${f.code} exists under ${oldParent ?? '(top)'}; import cannot move it under ${f.parent ?? '(top)'}` });
        bad.add(f.index);
      }
      if (old.level !== f.level) {
        problems.push({ index: f.index, code: f.code, reason: 'bad_level', message: `${f.code} exists as a ${old.level}, not a ${f.level}` });
        bad.add(f.index);
      }
    }
  }

  // 3. Siblings must not overlap: features of the same parent, plus that parent's children
  //    already stored (unless the file replaces them).
  const groups = new Map<string, { code: string; index: number; g: AreaGeometry; bbox: BBox }[]>();
  for (const f of features) {
    if (!f.geometry || bad.has(f.index)) continue;
    const key = f.parent ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push({ code: f.code, index: f.index, g: f.geometry, bbox: f.bbox! });
  }
  for (const [parentCode, members] of groups) {
    const parentRow = existing.get(parentCode);
    if (parentRow) {
      const stored = await boundedChildren(m, parentRow.id);
      for (const s of stored) {
        if (byCode.has(s.code) || !s.boundary) continue;
        const g = JSON.parse(s.boundary) as AreaGeometry;
        members.push({ code: s.code, index: -1, g, bbox: bboxOf(g) });
      }
    }
    if (members.length < 2) continue;
    const tree = new Flatbush(members.length);
    for (const mb of members) tree.add(...mb.bbox);
    tree.finish();
    const tol = opts.overlapToleranceM2 ?? DEFAULT_OVERLAP_TOLERANCE_M2;
    members.forEach((a, i) => {
      for (const j of tree.search(...a.bbox)) {
        if (j <= i) continue;
        const b = members[j]!;
        if (a.index < 0 && b.index < 0) continue;
        const area = overlapAreaM2(a.g, b.g);
        if (area > tol) {
          const [later, other] = a.index > b.index ? [a, b] : [b, a];
          problems.push({ index: later.index, code: later.code, reason: 'sibling_overlap', message: `overlaps sibling ${other.code}${other.index >= 0 ? ` (feature ${other.index})` : ' (stored)'} by ${Math.round(area)} m² (tolerance ${tol} m²)` });
        }
      }
    });
  }
  opts.onProgress?.('validate', total, total);
  problems.sort((a, b) => a.index - b.index);
  return { features, problems };
}

/** Parents before children: sort by level, then code. */
function topoOrder(fs: Feature[]): Feature[] {
  const order = ['city', 'district', 'street', 'community', 'grid', 'micro'];
  return [...fs].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || (a.code < b.code ? -1 : 1));
}

/**
 * Validates the whole file, then writes it in one transaction (all or nothing). Features equal
 * to what is stored are left alone, so importing the same file twice changes nothing (and does
 * not bump the tree version). Throws GRID_IMPORT_INVALID with every problem when invalid.
 */
export async function importGrids(ds: DataSource, input: unknown, opts: ImportOptions = {}): Promise<ImportResult> {
  return ds.transaction(async (m) => {
    const plan = await planImport(m, input, opts);
    if (plan.problems.length) {
      throw new AppError('GRID_IMPORT_INVALID', `${plan.problems.length} problem(s) in the file; nothing was imported`, { problems: plan.problems });
    }
    const result: ImportResult = { features: plan.features.length, created: 0, updated: 0, unchanged: 0 };
    const ordered = topoOrder(plan.features);
    const known = new Map<string, GridNode>();
    const codes = ordered.flatMap((f) => [f.code, ...(f.parent ? [f.parent] : [])]);
    const uniq = [...new Set(codes)];
    for (let i = 0; i < uniq.length; i += 500) {
      for (const r of await nodesByCodes(m, uniq.slice(i, i + 500))) known.set(r.code, r);
    }
    const now = new Date();
    const toInsert: Partial<GridNode>[] = [];
    const flush = async () => {
      if (!toInsert.length) return;
      const batch = toInsert.splice(0);
      for (let i = 0; i < batch.length; i += 200) await insertNodes(m, batch.slice(i, i + 200));
    };
    let done = 0;
    let currentLevel: GridLevel | null = null;
    for (const f of ordered) {
      if (currentLevel !== f.level) {
        // Children need their parents' ids and paths: write one level before reading the next.
        await flush();
        if (currentLevel !== null) {
          const fresh = ordered.filter((x) => x.level === currentLevel && !known.get(x.code)?.id).map((x) => x.code);
          for (let i = 0; i < fresh.length; i += 500) {
            for (const r of await nodesByCodes(m, fresh.slice(i, i + 500))) known.set(r.code, r);
          }
        }
        currentLevel = f.level;
      }
      const parent = f.parent ? known.get(f.parent)! : null;
      const bbox = f.bbox;
      const values = {
        name: f.name,
        level: f.level,
        virtual: f.virtual,
        boundary: f.boundary,
        crs: 'gcj02',
        minLng: bbox?.[0] ?? null,
        minLat: bbox?.[1] ?? null,
        maxLng: bbox?.[2] ?? null,
        maxLat: bbox?.[3] ?? null,
        synthetic: f.synthetic,
      };
      const old = known.get(f.code);
      if (!old) {
        toInsert.push({ code: f.code, parentId: parent?.id ?? null, path: `${parent?.path ?? ''}${f.code}/`, depth: parent ? parent.depth + 1 : 0, version: 1, updatedAt: now, ...values });
        known.set(f.code, { code: f.code } as GridNode);
        result.created++;
      } else if (old.name !== f.name || !!old.virtual !== f.virtual || old.boundary !== f.boundary || !!old.synthetic !== f.synthetic) {
        await updateImportedNode(m, old.id, values, now);
        result.updated++;
      } else {
        result.unchanged++;
      }
      if (++done % 500 === 0) opts.onProgress?.('write', done, ordered.length);
    }
    await flush();
    opts.onProgress?.('write', ordered.length, ordered.length);
    if (result.created || result.updated) await bumpGridTreeVersion(m);
    return result;
  });
}
