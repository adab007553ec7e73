/** Request/response shapes shared by the server's DTOs (which `implements` them) and the mini-program client. */
import type { GridLevel } from '../grid-code.js';
import type { AreaGeometry, Crs } from '../geo.js';

export interface HealthStatus {
  status: 'ok' | 'error';
  /** `pool`: the MariaDB/MySQL connection pool at the time of the check (absent on SQLite). */
  checks?: Record<string, { ok: boolean; ms?: number; error?: string; pool?: { size: number; inUse: number; waiting: number } }>;
}

export interface CategoryDto {
  code: string;
  name: string;
  icon: string;
  sort: number;
}

/** A category as its editors see it (GET /categories/all): with whether residents are offered it. */
export interface CategoryAdminDto extends CategoryDto {
  active: boolean;
}

/** PUT /categories/:code — creates or replaces a category; omitted fields take their defaults. */
export interface CategoryInputRequest {
  name: string;
  icon?: string;
  sort?: number;
  /** false stops offering it (categories are never deleted: events keep their code). */
  active?: boolean;
}

export interface GridNodeSummary {
  code: string;
  name: string;
  level: GridLevel;
  childCount?: number;
}

/** What the mini-program's home page shows before anyone logs in. */
export interface OverviewDto {
  appName: string;
  version: string;
  region: GridNodeSummary | null;
  gridCounts: Partial<Record<GridLevel, number>>;
  categories: CategoryDto[];
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null when this is the last page. */
  nextCursor: string | null;
}
export * from './events.js';
export * from './accounts.js';
export * from './notify.js';
export * from './open311.js';

/** One node of a path from the top of the tree down to a node. */
export interface GridPathItem {
  code: string;
  name: string;
  level: GridLevel;
}

/** A node as the tree browser and node pages show it. */
export interface GridNodeDto extends GridNodeSummary {
  parentCode: string | null;
  /** True for buildings, markets or trades without a polygon: chosen by code/QR, never by location. */
  virtual: boolean;
  hasBoundary: boolean;
  /** Generated demo boundary, not a surveyed one. */
  synthetic: boolean;
  /** [minLng, minLat, maxLng, maxLat] in GCJ-02, or null without a boundary. */
  bbox: [number, number, number, number] | null;
  /** Increases on every edit; send it back when editing (optimistic concurrency). */
  version: number;
  childCount: number;
  path: GridPathItem[];
}

/** How a point was matched to a node. */
export type LocateFallback = 'nearest' | 'enclosing';

/** `GET /grids/locate` and `RoutingService.locate()`. */
export interface LocateResultDto {
  /** The micro-grid that owns the point, or the fallback node. */
  node: GridPathItem & { id: number; virtual: boolean };
  /** From the top of the tree down to and including `node`. */
  path: GridPathItem[];
  /** null: the point lies inside `node`. 'nearest': outside every micro-grid but within the
   * configured distance of `node`. 'enclosing': no micro-grid near enough; `node` is the smallest
   * bounded node containing the point. */
  fallback: LocateFallback | null;
  /** Metres from the point to `node`'s boundary ('nearest' only; 0 otherwise). */
  distanceM: number;
  /** The point in GCJ-02 (converted when the request was WGS-84); null when chosen by code. */
  point: { lat: number; lng: number; crs: 'gcj02' } | null;
}

/** Admin edit of one node (PATCH). Omitted fields stay as they are. */
export interface GridNodeEditDto {
  /** The version the editor saw; a stale one is refused with CONFLICT. */
  version: number;
  name?: string;
  /** A new boundary (GCJ-02 unless `crs` says wgs84); null removes it. */
  boundary?: AreaGeometry | null;
  crs?: Crs;
  virtual?: boolean;
}
export * from './register.js';
export * from './patrol.js';
export * from './stats.js';
