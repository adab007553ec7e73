import type { AreaGeometry, Position } from '@weigrid/shared';

/**
 * Deterministic synthetic micro-grids for the routing benchmark: a jittered lattice of
 * `nx × ny` cells over a city-sized area, each cell an irregular polygon of 20–28 vertices whose
 * edges wiggle (and are shared exactly with the neighbour, so the cells tile the area with no gap
 * or overlap), and about one cell in sixteen has a hole (a courtyard belonging to no micro-grid).
 */
export interface GenOptions {
  nx: number;
  ny: number;
  /** [minLng, minLat, maxLng, maxLat] of the area (GCJ-02). */
  area: [number, number, number, number];
  seed?: number;
}

/** 126,000 cells over ~48 km × 44 km around central Chengdu. */
export const CITY: GenOptions = { nx: 360, ny: 350, area: [103.85, 30.45, 104.35, 30.85], seed: 20260101 };

/** A small integer hash → [0, 1): the same inputs always give the same value. */
export function hash01(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h ^= x | 0;
    h = Math.imul(h, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return (h >>> 0) / 4294967296;
}

/** mulberry32: a seeded PRNG for the random query points. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCells(o: GenOptions): AreaGeometry[] {
  const { nx, ny, area } = o;
  const seed = o.seed ?? 1;
  const cw = (area[2] - area[0]) / nx;
  const ch = (area[3] - area[1]) / ny;
  // Lattice corners, jittered inside the area (the outer frame stays straight).
  const vx = new Float64Array((nx + 1) * (ny + 1));
  const vy = new Float64Array((nx + 1) * (ny + 1));
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const k = j * (nx + 1) + i;
      const jx = i === 0 || i === nx ? 0 : (hash01(seed, 1, i, j) - 0.5) * 0.4;
      const jy = j === 0 || j === ny ? 0 : (hash01(seed, 2, i, j) - 0.5) * 0.4;
      vx[k] = area[0] + (i + jx) * cw;
      vy[k] = area[1] + (j + jy) * ch;
    }
  }
  const corner = (i: number, j: number): Position => [vx[j * (nx + 1) + i]!, vy[j * (nx + 1) + i]!];
  // Interior points of an edge from corner a to corner b (4–6 of them), wiggling perpendicular to
  // the chord with an amplitude that vanishes at the corners so neighbouring edges never cross.
  const edgeCache = new Map<number, Position[]>();
  const edge = (kind: 0 | 1, i: number, j: number): Position[] => {
    const key = (kind * (ny + 2) + j) * (nx + 2) + i;
    const hit = edgeCache.get(key);
    if (hit) return hit;
    const a = corner(i, j);
    const b = kind === 0 ? corner(i + 1, j) : corner(i, j + 1);
    const onFrame = kind === 0 ? j === 0 || j === ny : i === 0 || i === nx;
    const n = 4 + Math.floor(hash01(seed, 3, kind, i, j) * 3);
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const pts: Position[] = [];
    for (let s = 1; s <= n; s++) {
      const t = s / (n + 1);
      const amp = onFrame ? 0 : (hash01(seed, 4, kind, i, j, s) - 0.5) * 0.12 * Math.sin(Math.PI * t);
      // Perpendicular offset scaled in cell units of each axis.
      pts.push([a[0] + dx * t - (dy / ch) * amp * cw, a[1] + dy * t + (dx / cw) * amp * ch]);
    }
    edgeCache.set(key, pts);
    return pts;
  };
  const out: AreaGeometry[] = new Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const ring: Position[] = [corner(i, j), ...edge(0, i, j), corner(i + 1, j), ...edge(1, i + 1, j), corner(i + 1, j + 1), ...edge(0, i, j + 1).slice().reverse(), corner(i, j + 1), ...edge(1, i, j).slice().reverse()];
      ring.push(ring[0]!);
      const rings = [ring];
      if (hash01(seed, 5, i, j) < 1 / 16) {
        // A courtyard: an octagon around the cell's centre, clockwise (a hole).
        const cx = (corner(i, j)[0] + corner(i + 1, j + 1)[0]) / 2;
        const cy = (corner(i, j)[1] + corner(i + 1, j + 1)[1]) / 2;
        const hole: Position[] = [];
        for (let s = 0; s < 8; s++) {
          const a = (-s * Math.PI) / 4;
          hole.push([cx + Math.cos(a) * 0.15 * cw, cy + Math.sin(a) * 0.15 * ch]);
        }
        hole.push(hole[0]!);
        rings.push(hole);
      }
      out[j * nx + i] = { type: 'Polygon', coordinates: rings };
    }
  }
  return out;
}
