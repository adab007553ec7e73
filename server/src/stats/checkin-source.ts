import type { EntityManager } from 'typeorm';

/** Check-ins of one grid on one local day. */
export interface GridDayCheckins {
  gridId: number;
  day: string;
  checkins: number;
}

/**
 * What the stats refresher reads of patrol_checkin (owned by patrols) to keep patrol_day and
 * patrol_rollup. Patrols imports stats (the refresher, the coverage figures), so stats declares
 * this and the patrols module binds it to its repository (`{ provide: CheckinSource, useExisting:
 * CheckinsRepo }`); the CLI passes a CheckinsRepo.
 */
export abstract class CheckinSource {
  /** Check-ins per (grid, day) of these grids on these days; pairs without any are absent. */
  abstract countByGridDay(gridIds: readonly number[], days: readonly string[], m?: EntityManager): Promise<GridDayCheckins[]>;
  /** Check-ins per (grid, day) of these grids, every day. */
  abstract countByGridDayAll(gridIds: readonly number[], m?: EntityManager): Promise<GridDayCheckins[]>;
  /** Every grid with a check-in. */
  abstract checkedGrids(m?: EntityManager): Promise<number[]>;
  /** The newest `limit` check-ins' ids and creation times, newest first. */
  abstract newest(limit: number, m?: EntityManager): Promise<{ id: number; createdAt: Date }[]>;
}
