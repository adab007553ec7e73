import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What one event contributes to the figures (stats/kpi.ts `computeFact`), as last computed from
 * its row and audit trail. Kept so that a change to the event can be applied to the rollups as a
 * difference (new fact minus old), and so that small subtrees (a community, a grid) are summed
 * straight from here.
 *
 * The primary key is `(node_path, day, event_id)` so that InnoDB stores a subtree's facts side by
 * side: a street's ~7,000 facts of a year are one contiguous range of pages instead of ~7,000
 * random primary-key lookups through a secondary index (554 → see docs/benchmarks.md "stats").
 * The refresher finds a fact by event through the unique `event_id` index.
 */
@Entity({ name: 'event_fact' })
@Index('uq_event_fact_event', ['eventId'], { unique: true })
export class EventFactRow {
  @PrimaryColumn({ name: 'node_path', type: 'varchar', length: 200 })
  nodePath: string;

  /** Local day the event was reported (the cohort it belongs to). */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ name: 'event_id', type: 'int' })
  eventId: number;

  @Column({ type: 'varchar', length: 32 })
  category: string;

  @Column({ type: 'boolean' })
  accepted: boolean;

  @Column({ type: 'boolean' })
  rejected: boolean;

  @Column({ type: 'boolean' })
  closed: boolean;

  @Column({ name: 'on_time', type: 'boolean' })
  onTime: boolean;

  @Column({ name: 'resolved_ever', type: 'boolean' })
  resolvedEver: boolean;

  @Column({ type: 'boolean' })
  reworked: boolean;

  @Column({ type: 'boolean' })
  extended: boolean;

  @Column({ name: 'response_min', type: 'int', nullable: true })
  responseMin: number | null;

  @Column({ name: 'handling_min', type: 'int', nullable: true })
  handlingMin: number | null;

  @Column({ type: 'int', nullable: true })
  rating: number | null;
}

/**
 * Additive sums (stats/kpi.ts `Sums`) per node and local day (`span` 'd', day 'YYYY-MM-DD') and
 * per calendar month (`span` 'm', day 'YYYY-MM'), for the city, district and street levels: a
 * year's dashboard reads the node's 366 days (for the series) and, per child, the whole months
 * plus the days at both ends — whatever the number of events. Histograms and per-category
 * counts are "key:n,key:n" text.
 */
@Entity({ name: 'stats_rollup' })
@Index('uq_stats_rollup_node_day', ['nodeCode', 'span', 'day'], { unique: true })
@Index('idx_stats_rollup_parent_day', ['parentCode', 'span', 'day'])
export class StatsRollup {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'node_code', type: 'varchar', length: 18 })
  nodeCode: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 18, nullable: true })
  parentCode: string | null;

  @Column({ type: 'varchar', length: 1 })
  span: 'd' | 'm';

  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'int', default: 0 }) reported: number;
  @Column({ type: 'int', default: 0 }) accepted: number;
  @Column({ type: 'int', default: 0 }) rejected: number;
  @Column({ type: 'int', default: 0 }) closed: number;
  @Column({ name: 'on_time', type: 'int', default: 0 }) onTime: number;
  @Column({ type: 'int', default: 0 }) resolved: number;
  @Column({ type: 'int', default: 0 }) reworked: number;
  @Column({ type: 'int', default: 0 }) extended: number;
  @Column({ name: 'resp_n', type: 'int', default: 0 }) respN: number;
  @Column({ name: 'resp_sum', type: 'bigint', default: 0 }) respSum: number;
  @Column({ name: 'hand_n', type: 'int', default: 0 }) handN: number;
  @Column({ name: 'hand_sum', type: 'bigint', default: 0 }) handSum: number;
  @Column({ type: 'int', default: 0 }) rated: number;
  @Column({ name: 'rating_sum', type: 'int', default: 0 }) ratingSum: number;
  @Column({ type: 'int', default: 0 }) good: number;

  @Column({ name: 'resp_hist', type: 'text', nullable: true })
  respHist: string | null;

  @Column({ name: 'hand_hist', type: 'text', nullable: true })
  handHist: string | null;

  /** Reported per category: "road:3,sanitation:1". */
  @Column({ type: 'text', nullable: true })
  categories: string | null;
}

/**
 * Patrol check-ins per grid and local day, as the refresher last counted them from patrol_checkin
 * (coverage = grid-days with at least one). `grid_path` is the grid's path at the time, so a later
 * recount can take the old figure off the right rollups. Clustered by path: a community's or a
 * street's grid-days of a year are one range.
 */
@Entity({ name: 'patrol_day' })
@Index('uq_patrol_day_grid', ['gridId', 'day'], { unique: true })
export class PatrolDay {
  @PrimaryColumn({ name: 'grid_path', type: 'varchar', length: 200 })
  gridPath: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ name: 'grid_id', type: 'int' })
  gridId: number;

  @Column({ type: 'int' })
  checkins: number;
}

/**
 * Per city, district and street and local day: grids patrolled that day and check-ins (sums of
 * patrol_day under the node). A city's year of coverage is 365 rows, however many check-ins.
 */
@Entity({ name: 'patrol_rollup' })
export class PatrolRollup {
  @PrimaryColumn({ name: 'node_code', type: 'varchar', length: 18 })
  nodeCode: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'int' })
  grids: number;

  @Column({ type: 'int' })
  checkins: number;
}

/**
 * The refresher's position in event_audit (one row, id 1). `version` is bumped by every refresh
 * in the same transaction that applies its differences, so two instances never apply one change
 * twice (the loser's conditional UPDATE matches nothing and it rolls back).
 */
@Entity({ name: 'stats_state' })
export class StatsState {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' })
  watermark: number;

  @Column({ type: 'int' })
  version: number;

  /** Position in patrol_checkin (ids up to here are counted in patrol_day and patrol_rollup). */
  @Column({ name: 'patrol_watermark', type: 'int', default: 0 })
  patrolWatermark: number;

  @Column({ name: 'refreshed_at', type: 'datetime', nullable: true })
  refreshedAt: Date | null;
}

export const STATS_ENTITIES = [EventFactRow, StatsRollup, StatsState, PatrolDay, PatrolRollup];
