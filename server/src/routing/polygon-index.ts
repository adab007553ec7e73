import Flatbush from 'flatbush';
import { polygonsOf, type AreaGeometry } from '@weigrid/shared';
import { distanceToRingsM, METRES_PER_DEG_LAT, metresPerDegLng, pointInRings } from '../geo/geometry.js';

/**
 * An immutable spatial index of polygons: every ring's vertices in one Float64Array, a uniform
 * cell grid over the bounding boxes for point queries (no allocation per lookup), and a packed
 * Hilbert R-tree (flatbush) for distance queries.
 *
 * Items are numbered in the order given; when several contain a point (overlapping data, or a
 * nested index of parents), queries answer the lowest number, so callers order items by
 * preference (e.g. by code) to make every answer deterministic.
 */
export class PolygonIndex {
  readonly size: number;
  private readonly tree: Flatbush;
  private readonly coords: Float64Array;
  /** Vertex index where ring r starts (+ one sentinel). */
  private readonly ringStart: Uint32Array;
  /** Ring index where item i's rings start (+ one sentinel). */
  private readonly itemRing: Uint32Array;
  /** Items' boxes, [minX,minY,maxX,maxY] per item. */
  private readonly itemBox: Float64Array;
  /** Uniform cell grid over all boxes (CSR: cellStart[c]..cellStart[c+1] into cellItems). */
  private readonly gx0: number;
  private readonly gy0: number;
  private readonly gkx: number;
  private readonly gky: number;
  private readonly gnx: number;
  private readonly gny: number;
  private readonly cellStart: Uint32Array;
  private readonly cellItems: Uint32Array;

  constructor(geometries: readonly AreaGeometry[]) {
    this.size = geometries.length;
    let nRings = 0;
    let nVerts = 0;
    for (const g of geometries) {
      for (const poly of polygonsOf(g)) {
        nRings += poly.length;
        for (const ring of poly) nVerts += ring.length;
      }
    }
    this.coords = new Float64Array(nVerts * 2);
    this.ringStart = new Uint32Array(nRings + 1);
    this.itemRing = new Uint32Array(geometries.length + 1);
    this.tree = new Flatbush(Math.max(1, geometries.length));
    this.itemBox = new Float64Array(geometries.length * 4);
    let v = 0;
    let r = 0;
    const c = this.coords;
    const rs = this.ringStart;
    const ib = this.itemBox;
    // Plain indexed loops: this runs over millions of vertices at boot and on every reload.
    for (let i = 0; i < geometries.length; i++) {
      const g = geometries[i]!;
      this.itemRing[i] = r;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      for (let pi = 0; pi < polys.length; pi++) {
        const poly = polys[pi]!;
        for (let k = 0; k < poly.length; k++) {
          const ring = poly[k]!;
          rs[r++] = v;
          for (let q = 0; q < ring.length; q++) {
            const p = ring[q]!;
            const x = p[0];
            const y = p[1];
            c[v * 2] = x;
            c[v * 2 + 1] = y;
            v++;
            // Holes lie inside the outer ring, so only outer rings make the box.
            if (k === 0) {
              if (x < minX) minX = x;
              if (y < minY) minY = y;
              if (x > maxX) maxX = x;
              if (y > maxY) maxY = y;
            }
          }
        }
      }
      this.tree.add(minX, minY, maxX, maxY);
      ib[i * 4] = minX;
      ib[i * 4 + 1] = minY;
      ib[i * 4 + 2] = maxX;
      ib[i * 4 + 3] = maxY;
    }
    this.ringStart[r] = v;
    this.itemRing[geometries.length] = r;
    // Flatbush needs at least one item; an empty index holds one box nobody can hit.
    if (geometries.length === 0) this.tree.add(Infinity, Infinity, Infinity, Infinity);
    this.tree.finish();

    // Point queries go through a uniform grid of about one cell per item: one division finds the
    // cell, whose short list holds every item whose box touches it. Faster than walking the tree
    // for points, and built in two linear passes; the tree serves range and nearest queries.
    const n = geometries.length;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    const b = this.itemBox;
    for (let i = 0; i < n; i++) {
      if (b[i * 4]! < x0) x0 = b[i * 4]!;
      if (b[i * 4 + 1]! < y0) y0 = b[i * 4 + 1]!;
      if (b[i * 4 + 2]! > x1) x1 = b[i * 4 + 2]!;
      if (b[i * 4 + 3]! > y1) y1 = b[i * 4 + 3]!;
    }
    if (n === 0) {
      x0 = y0 = 0;
      x1 = y1 = 1;
    }
    const w = Math.max(x1 - x0, 1e-9);
    const h = Math.max(y1 - y0, 1e-9);
    const cells = Math.max(1, n);
    this.gnx = Math.max(1, Math.min(4096, Math.round(Math.sqrt((cells * w) / h))));
    this.gny = Math.max(1, Math.min(4096, Math.ceil(cells / this.gnx)));
    this.gx0 = x0;
    this.gy0 = y0;
    this.gkx = this.gnx / w;
    this.gky = this.gny / h;
    const count = new Uint32Array(this.gnx * this.gny + 1);
    const cellRange = new Int32Array(n * 4);
    for (let i = 0; i < n; i++) {
      const ci0 = (cellRange[i * 4] = this.cellX(b[i * 4]!));
      const cj0 = (cellRange[i * 4 + 1] = this.cellY(b[i * 4 + 1]!));
      const ci1 = (cellRange[i * 4 + 2] = this.cellX(b[i * 4 + 2]!));
      const cj1 = (cellRange[i * 4 + 3] = this.cellY(b[i * 4 + 3]!));
      for (let cj = cj0; cj <= cj1; cj++) for (let ci = ci0; ci <= ci1; ci++) count[cj * this.gnx + ci + 1]!++;
    }
    for (let k = 1; k < count.length; k++) count[k]! += count[k - 1]!;
    this.cellStart = count.slice();
    const items = (this.cellItems = new Uint32Array(count[count.length - 1]!));
    // Items go in ascending order, so a cell's list is sorted and `locate` can stop at its first hit.
    for (let i = 0; i < n; i++) {
      for (let cj = cellRange[i * 4 + 1]!; cj <= cellRange[i * 4 + 3]!; cj++) {
        for (let ci = cellRange[i * 4]!; ci <= cellRange[i * 4 + 2]!; ci++) items[count[cj * this.gnx + ci]!++] = i;
      }
    }
  }

  private cellX(x: number): number {
    const c = Math.floor((x - this.gx0) * this.gkx);
    return c < 0 ? 0 : c >= this.gnx ? this.gnx - 1 : c;
  }

  private cellY(y: number): number {
    const c = Math.floor((y - this.gy0) * this.gky);
    return c < 0 ? 0 : c >= this.gny ? this.gny - 1 : c;
  }

  /** Exact test of one item. */
  contains(i: number, lng: number, lat: number): boolean {
    return pointInRings(lng, lat, this.coords, this.ringStart, this.itemRing[i]!, this.itemRing[i + 1]!);
  }

  /** Metres from the point to item i's nearest edge (inside or out). */
  distanceM(i: number, lng: number, lat: number): number {
    return distanceToRingsM(lng, lat, this.coords, this.ringStart, this.itemRing[i]!, this.itemRing[i + 1]!);
  }

  /** The lowest-numbered item containing the point, or -1. */
  locate(lng: number, lat: number): number {
    const fx = (lng - this.gx0) * this.gkx;
    const fy = (lat - this.gy0) * this.gky;
    // Outside the grid (or NaN): no item's box can contain the point.
    if (!(fx >= 0 && fy >= 0 && fx <= this.gnx && fy <= this.gny)) return -1;
    const ci = fx >= this.gnx ? this.gnx - 1 : fx | 0;
    const cj = fy >= this.gny ? this.gny - 1 : fy | 0;
    const c = cj * this.gnx + ci;
    const b = this.itemBox;
    const items = this.cellItems;
    for (let k = this.cellStart[c]!, end = this.cellStart[c + 1]!; k < end; k++) {
      const i = items[k]!;
      const o = i * 4;
      if (lng < b[o]! || lat < b[o + 1]! || lng > b[o + 2]! || lat > b[o + 3]!) continue;
      if (pointInRings(lng, lat, this.coords, this.ringStart, this.itemRing[i]!, this.itemRing[i + 1]!)) return i;
    }
    return -1;
  }

  /** Every item containing the point, ascending. */
  containing(lng: number, lat: number): number[] {
    const out: number[] = [];
    const fx = (lng - this.gx0) * this.gkx;
    const fy = (lat - this.gy0) * this.gky;
    if (!(fx >= 0 && fy >= 0 && fx <= this.gnx && fy <= this.gny)) return out;
    const c = this.cellY(lat) * this.gnx + this.cellX(lng);
    for (let k = this.cellStart[c]!, end = this.cellStart[c + 1]!; k < end; k++) {
      const i = this.cellItems[k]!;
      if (this.boxHas(i, lng, lat) && this.contains(i, lng, lat)) out.push(i);
    }
    return out;
  }

  /** Every item, by brute force over all boxes: the reference the index is checked against. */
  containingBruteForce(lng: number, lat: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (this.boxHas(i, lng, lat) && this.contains(i, lng, lat)) out.push(i);
    return out;
  }

  private boxHas(i: number, lng: number, lat: number): boolean {
    const b = this.itemBox;
    return lng >= b[i * 4]! && lat >= b[i * 4 + 1]! && lng <= b[i * 4 + 2]! && lat <= b[i * 4 + 3]!;
  }

  /**
   * The item whose boundary is nearest the point within `maxM` metres (ties: lowest number), or
   * null. Meant for points outside every item; a containing item is at distance 0 to its inside
   * but this measures distance to the boundary.
   */
  nearest(lng: number, lat: number, maxM: number): { item: number; distanceM: number } | null {
    if (!(maxM > 0) || this.size === 0) return null;
    const dLat = maxM / METRES_PER_DEG_LAT;
    const dLng = maxM / metresPerDegLng(Math.min(89, Math.abs(lat) + dLat));
    let best: { item: number; distanceM: number } | null = null;
    for (const i of this.tree.search(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
      if (i >= this.size) continue;
      const d = distanceToRingsM(lng, lat, this.coords, this.ringStart, this.itemRing[i]!, this.itemRing[i + 1]!);
      if (d <= maxM && (!best || d < best.distanceM || (d === best.distanceM && i < best.item))) best = { item: i, distanceM: d };
    }
    return best;
  }

  /** Bytes held by the index (coordinates, ring tables, tree). */
  get bytes(): number {
    const t = this.tree as unknown as { data: ArrayBuffer };
    return this.coords.byteLength + this.ringStart.byteLength + this.itemRing.byteLength + this.itemBox.byteLength + this.cellStart.byteLength + this.cellItems.byteLength + t.data.byteLength;
  }
}
