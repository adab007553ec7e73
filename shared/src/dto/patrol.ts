/** Patrol check-ins (巡查打卡), tracks, coverage and the ledger (台账). */
import type { Crs } from '../geo.js';
import type { GridLevel } from '../grid-code.js';

/** Something found on patrol, to be filed as an event (self-handled when fixed on the spot). */
export interface PatrolFindingInput {
  /** An event category code (GET /categories). */
  category: string;
  description: string;
  /** Fixed on the spot: the event is filed already resolved. */
  selfHandled?: boolean;
}

export interface PatrolCheckinRequest {
  /** Client-generated idempotency key (a UUID): a retry with the same id returns the same check-in. */
  requestId: string;
  /** Where the worker stands (GCJ-02 unless `crs` says wgs84). */
  location: { lat: number; lng: number; crs?: Crs };
  note?: string;
  /** Upload ids (POST /uploads) of the caller's own photos, at most 9. */
  photos?: string[];
  /**
   * When the check-in was made (ISO 8601), for check-ins queued offline and sent later; at most
   * 72 hours ago and not in the future. Default: now.
   */
  at?: string;
  finding?: PatrolFindingInput;
}

export interface PatrolNodeRef {
  code: string;
  name: string;
}

export interface PatrolCheckinDto {
  id: number;
  at: string;
  /** Local (UTC+8) day the check-in counts for. */
  day: string;
  location: { lat: number; lng: number };
  /** The grid the check-in counts for in coverage. */
  grid: PatrolNodeRef;
  /** The micro-grid the point falls in; null when it lies within the tolerance outside every one. */
  microGrid: PatrolNodeRef | null;
  /** 0 inside the grid; otherwise metres outside its boundary (within the tolerance). */
  outsideM: number;
  note: string | null;
  photos: string[];
  /** The finding as filed: its event; null when none was given or it could not be filed (see findingReason). */
  finding: { eventId: number; category: string; selfHandled: boolean } | null;
  /** Why a finding that was given is not (yet) an event; null otherwise. */
  findingReason: string | null;
  /** True when this answer replays an earlier request with the same requestId. */
  replayed: boolean;
}

/** `details` of 422 OUTSIDE_GRID. */
export interface OutsideGridDetails {
  /** Metres from the point to the nearest of the caller's grids (rounded up); null when none has a boundary. */
  distanceM: number | null;
  toleranceM: number;
  /** That nearest grid (or micro-grid, for micro-grid members). */
  nearest: PatrolNodeRef | null;
}

export interface PatrolTrackPoint {
  id: number;
  at: string;
  lat: number;
  lng: number;
  grid: PatrolNodeRef;
  microGrid: PatrolNodeRef | null;
  note: string | null;
  photos: number;
  eventId: number | null;
  /** Metres from the previous point of the day (0 for the first). */
  legM: number;
}

/** GET /patrols/tracks?user=&date= — one person's day, in order. */
export interface PatrolTrackDto {
  user: { id: number; name: string | null };
  date: string;
  points: PatrolTrackPoint[];
  /** Sum of the straight legs between consecutive points, metres. */
  distanceM: number;
  /** Distinct micro-grids visited. */
  microGridsVisited: number;
}

export interface PatrolCoverageDay {
  day: string;
  patrolled: boolean;
  checkins: number;
  microGridsVisited: number;
}

export interface PatrolGridCoverage extends PatrolNodeRef {
  /** Micro-grids with a boundary under this grid (virtual ones cannot be visited by location). */
  microGrids: number;
  patrolledDays: number;
  /** Every day of the period, in order. */
  days: PatrolCoverageDay[];
}

/** GET /patrols/coverage?node=&from=&to= */
export interface PatrolCoverageDto {
  node: PatrolNodeRef & { level: GridLevel };
  from: string;
  to: string;
  days: number;
  /** Over every grid under the node (not only this page). */
  summary: {
    grids: number;
    gridDays: number;
    patrolledGridDays: number;
    /** patrolledGridDays / gridDays, 0–1 (0 when there are no grids). */
    coverage: number;
    checkins: number;
  };
  grids: PatrolGridCoverage[];
  nextCursor: string | null;
}
