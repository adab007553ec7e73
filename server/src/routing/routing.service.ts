import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { levelIndex, type AreaGeometry, type Crs, type GridLevel, type GridPathItem, type LocateResultDto } from '@weigrid/shared';
import { AppConfig } from '../config/config.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { toGcj02 } from '../geo/crs.js';
import { areaM2 } from '../geo/geometry.js';
import { PolygonIndex } from './polygon-index.js';

/** What `locate()` takes: a point, in GCJ-02 unless `crs` says 'wgs84' (GPS, Open311). */
export interface LocateInput {
  lat: number;
  lng: number;
  crs?: Crs;
}

/** An immutable picture of the tree, swapped whole on reload so lookups never see half a build. */
interface Snapshot {
  version: number;
  /** Per node (array position = node slot). */
  ids: Int32Array;
  codes: string[];
  names: string[];
  levels: GridLevel[];
  parent: Int32Array;
  virtual: Uint8Array;
  bySlotId: Map<number, number>;
  byCode: Map<string, number>;
  /** Micro-grids with a boundary (not virtual), in code order → node slot. */
  micro: PolygonIndex;
  microSlot: Int32Array;
  /** Every other node with a boundary, deepest and smallest first → node slot. */
  enclosing: PolygonIndex;
  enclosingSlot: Int32Array;
  /** Node slot → its item in `micro` or `enclosing` (-1: no boundary there). */
  microItem: Int32Array;
  enclosingItem: Int32Array;
  builtMs: number;
}

/**
 * Routes a point to the micro-grid that owns it, from an in-memory index built at boot and
 * rebuilt whenever the grid tree changes (here: `reload()` after a local change; elsewhere: the
 * `grid_tree_state.version` poll every GRID_ROUTING_POLL_MS). Lookups are synchronous and take
 * about a microsecond; they never touch the database.
 *
 * For the events module: `locate({lat, lng, crs})` at intake, `byCode(code)` when the resident
 * chose a virtual micro-grid (a building, market, trade) by code or QR.
 */
@Injectable()
export class RoutingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('routing');
  private snap: Snapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reloading: Promise<void> | null = null;
  private destroyed = false;
  private counts: { version: number; map: Map<string, number> } | null = null;

  constructor(
    private readonly tree: GridTree,
    private readonly config: AppConfig,
  ) {
    // An edit through this instance is routable before its response (grids do not import routing).
    tree.onChange(() => this.reload());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    const every = this.config.GRID_ROUTING_POLL_MS;
    if (every > 0) {
      this.timer = setInterval(() => void this.checkVersion(), every);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    this.destroyed = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** The tree version the index was built from. */
  get version(): number {
    return this.snap?.version ?? -1;
  }

  /** Size of the current index, for health and logs. */
  stats(): { version: number; nodes: number; microGrids: number; bounded: number; builtMs: number } {
    const s = this.snap;
    return { version: s?.version ?? -1, nodes: s?.ids.length ?? 0, microGrids: s?.micro.size ?? 0, bounded: s?.enclosing.size ?? 0, builtMs: s?.builtMs ?? 0 };
  }

  /**
   * The micro-grid owning a point, with its path from the top of the tree.
   * - Inside a micro-grid's boundary → that micro-grid, `fallback: null`. A point on an edge
   *   shared by two micro-grids always gets the same one (see `pointInRings`).
   * - Else the micro-grid whose boundary is nearest, if within GRID_NEAREST_MAX_M metres →
   *   `fallback: 'nearest'`, `distanceM` set.
   * - Else the smallest node with a boundary containing the point (a grid, community, …) →
   *   `fallback: 'enclosing'`.
   * - Else null: the point is outside the area this deployment serves.
   * Virtual micro-grids are never returned here (use `byCode`). Input must be finite numbers;
   * validate at the edge (the HTTP DTO does).
   */
  locate(input: LocateInput): LocateResultDto | null {
    const s = this.snap;
    if (!s) return null;
    const [lng, lat] = toGcj02(input.lng, input.lat, input.crs);
    const point = { lat, lng, crs: 'gcj02' as const };
    const hit = s.micro.locate(lng, lat);
    if (hit >= 0) return this.result(s, s.microSlot[hit]!, null, 0, point);
    const near = s.micro.nearest(lng, lat, this.config.GRID_NEAREST_MAX_M);
    if (near) return this.result(s, s.microSlot[near.item]!, 'nearest', Math.round(near.distanceM * 10) / 10, point);
    const encl = s.enclosing.locate(lng, lat);
    if (encl >= 0) return this.result(s, s.enclosingSlot[encl]!, 'enclosing', 0, point);
    return null;
  }

  /** A node chosen explicitly (a virtual micro-grid by code or QR), with its path; null if unknown. */
  byCode(code: string): LocateResultDto | null {
    const s = this.snap;
    const slot = s?.byCode.get(code);
    if (!s || slot === undefined) return null;
    return this.result(s, slot, null, 0, null);
  }

  /** Path from the top of the tree down to the node with this id (empty if unknown). */
  pathOf(nodeId: number): GridPathItem[] {
    const s = this.snap;
    const slot = s?.bySlotId.get(nodeId);
    return s && slot !== undefined ? this.path(s, slot) : [];
  }

  /** A node by id with its materialized path (as grid_node.path) and parent id; null if unknown. */
  nodeRef(nodeId: number): { id: number; code: string; name: string; level: GridLevel; virtual: boolean; path: string; parentId: number | null } | null {
    const s = this.snap;
    const slot = s?.bySlotId.get(nodeId);
    if (!s || slot === undefined) return null;
    const p = s.parent[slot]!;
    return { id: s.ids[slot]!, code: s.codes[slot]!, name: s.names[slot]!, level: s.levels[slot]!, virtual: s.virtual[slot] === 1, path: `${this.path(s, slot).map((x) => x.code).join('/')}/`, parentId: p >= 0 ? s.ids[p]! : null };
  }

  /**
   * How far a point (GCJ-02 unless `crs` says wgs84) lies outside one node's own boundary: 0
   * inside, else metres to its nearest edge. null when the node has no boundary (virtual, not
   * drawn yet) or is unknown. For "is this inside my grid" checks (patrol check-ins).
   */
  distanceOutsideM(nodeId: number, input: LocateInput): number | null {
    const s = this.snap;
    const slot = s?.bySlotId.get(nodeId);
    if (!s || slot === undefined) return null;
    const [lng, lat] = toGcj02(input.lng, input.lat, input.crs);
    const mi = s.microItem[slot]!;
    const ei = s.enclosingItem[slot]!;
    const [index, item] = mi >= 0 ? [s.micro, mi] : ei >= 0 ? [s.enclosing, ei] : [null, -1];
    if (!index) return null;
    return index.contains(item, lng, lat) ? 0 : index.distanceM(item, lng, lat);
  }

  /**
   * How many nodes of `level` lie under the node with `code` (itself included when at that level),
   * from the in-memory tree; memoized per tree version. For dashboards that would otherwise read a
   * city's whole tree to count its grids.
   */
  countUnder(code: string, level: GridLevel): number {
    const s = this.snap;
    if (!s) return 0;
    if (this.counts?.version !== s.version) this.counts = { version: s.version, map: new Map() };
    const key = `${code}|${level}`;
    let n = this.counts.map.get(key);
    if (n === undefined) {
      n = 0;
      const root = s.byCode.get(code);
      if (root !== undefined) {
        // Walk up from every node of the level: cheap next to reading the rows from the database.
        for (let i = 0; i < s.levels.length; i++) {
          if (s.levels[i] !== level) continue;
          for (let j = i, guard = 0; j >= 0 && guard < 16; j = s.parent[j]!, guard++) {
            if (j === root) {
              n++;
              break;
            }
          }
        }
      }
      this.counts.map.set(key, n);
    }
    return n;
  }

  /** Rebuilds the index from the database now; concurrent calls share one rebuild. */
  reload(): Promise<void> {
    if (!this.reloading) {
      this.reloading = this.build()
        .then((snap) => {
          this.snap = snap;
          this.log.log(`routing index v${snap.version}: ${snap.micro.size} micro-grids, ${snap.enclosing.size} other bounded nodes, built in ${snap.builtMs} ms`);
        })
        .finally(() => {
          this.reloading = null;
        });
    }
    return this.reloading;
  }

  /** The poll: one primary-key read; rebuild when another instance or the CLI changed the tree. */
  async checkVersion(): Promise<boolean> {
    if (this.destroyed || this.reloading) return false;
    try {
      const v = await this.tree.version();
      if (v === this.version) return false;
      await this.reload();
      return true;
    } catch (e) {
      this.log.warn(`grid version check failed: ${(e as Error).message}`);
      return false;
    }
  }

  private async build(): Promise<Snapshot> {
    const t0 = Date.now();
    // Version first: a change committed while we read is caught by the next poll.
    const version = await this.tree.version();
    const rows = await this.tree.routingRows();
    const n = rows.length;
    const ids = new Int32Array(n);
    const parent = new Int32Array(n).fill(-1);
    const virtual = new Uint8Array(n);
    const bySlotId = new Map<number, number>();
    const byCode = new Map<string, number>();
    rows.forEach((r, i) => {
      ids[i] = r.id;
      virtual[i] = r.virtual ? 1 : 0;
      bySlotId.set(ids[i]!, i);
      byCode.set(r.code, i);
    });
    rows.forEach((r, i) => {
      if (r.parentId !== null) parent[i] = bySlotId.get(r.parentId) ?? -1;
    });
    const micro: { slot: number; g: AreaGeometry }[] = [];
    const other: { slot: number; g: AreaGeometry; depth: number; area: number }[] = [];
    rows.forEach((r, i) => {
      if (!r.boundary || virtual[i]) return;
      let g: AreaGeometry;
      try {
        g = JSON.parse(r.boundary) as AreaGeometry;
      } catch {
        this.log.warn(`grid ${r.code}: boundary is not JSON; not routable`);
        return;
      }
      if (r.level === 'micro') micro.push({ slot: i, g });
      else other.push({ slot: i, g, depth: levelIndex(r.level), area: areaM2(g) });
    });
    // Rows are in code order already; the enclosing fallback prefers the deepest, then smallest.
    other.sort((a, b) => b.depth - a.depth || a.area - b.area || a.slot - b.slot);
    const snap: Snapshot = {
      version,
      ids,
      codes: rows.map((r) => r.code),
      names: rows.map((r) => r.name),
      levels: rows.map((r) => r.level),
      parent,
      virtual,
      bySlotId,
      byCode,
      micro: new PolygonIndex(micro.map((m) => m.g)),
      microSlot: Int32Array.from(micro.map((m) => m.slot)),
      enclosing: new PolygonIndex(other.map((m) => m.g)),
      enclosingSlot: Int32Array.from(other.map((m) => m.slot)),
      microItem: new Int32Array(n).fill(-1),
      enclosingItem: new Int32Array(n).fill(-1),
      builtMs: 0,
    };
    micro.forEach((m, i) => (snap.microItem[m.slot] = i));
    other.forEach((m, i) => (snap.enclosingItem[m.slot] = i));
    snap.builtMs = Date.now() - t0;
    return snap;
  }

  private path(s: Snapshot, slot: number): GridPathItem[] {
    const out: GridPathItem[] = [];
    for (let i = slot, guard = 0; i >= 0 && guard < 16; i = s.parent[i]!, guard++) out.push({ code: s.codes[i]!, name: s.names[i]!, level: s.levels[i]! });
    return out.reverse();
  }

  private result(s: Snapshot, slot: number, fallback: LocateResultDto['fallback'], distanceM: number, point: LocateResultDto['point'] | null): LocateResultDto {
    return {
      node: { id: s.ids[slot]!, code: s.codes[slot]!, name: s.names[slot]!, level: s.levels[slot]!, virtual: s.virtual[slot] === 1 },
      path: this.path(s, slot),
      fallback,
      distanceM,
      point,
    };
  }
}
