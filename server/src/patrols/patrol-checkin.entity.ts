import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One patrol check-in (巡查打卡). Written once, never edited: the ledger (台账) is these rows.
 *
 * - `(user_id, request_id)` is unique, so a retried or replayed offline check-in is stored once.
 * - `node_path` is the path of the micro-grid the point falls in (or of the grid when it lies in
 *   the tolerance band outside every micro-grid): scope filters and subtree ledgers are one
 *   `node_path LIKE 'prefix%'` range, and `(node_path, day)` serves the ledger and coverage totals;
 *   `(grid_id, day)` serves coverage of one page of grids.
 * - `grid_id` is the grid the check-in counts for in coverage; `micro_id` the micro-grid visited.
 */
@Entity({ name: 'patrol_checkin' })
@Index('uq_patrol_checkin_request', ['userId', 'requestId'], { unique: true })
@Index('idx_patrol_checkin_user_day', ['userId', 'day', 'at'])
@Index('idx_patrol_checkin_path_day', ['nodePath', 'day'])
@Index('idx_patrol_checkin_grid_day', ['gridId', 'day'])
export class PatrolCheckin {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'request_id', type: 'varchar', length: 64 })
  requestId: string;

  /** Local (UTC+8) day of `at`. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  /** When the worker checked in (may precede `created_at` for check-ins queued offline). */
  @Column({ type: 'datetime' })
  at: Date;

  /** GCJ-02. */
  @Column({ type: 'double' })
  lat: number;

  @Column({ type: 'double' })
  lng: number;

  /** The node of the role the check-in was made under (the worker's grid, the member's micro-grid). */
  @Column({ name: 'grant_node_id', type: 'int' })
  grantNodeId: number;

  @Column({ name: 'grid_id', type: 'int' })
  gridId: number;

  @Column({ name: 'micro_id', type: 'int', nullable: true })
  microId: number | null;

  @Column({ name: 'node_path', type: 'varchar', length: 200 })
  nodePath: string;

  /** 0 inside; else whole metres outside the grant node's boundary (within the tolerance). */
  @Column({ name: 'outside_m', type: 'int', default: 0 })
  outsideM: number;

  @Column({ type: 'varchar', length: 500, charset: 'utf8mb4', nullable: true })
  note: string | null;

  /** JSON array of upload public ids; null when none. */
  @Column({ type: 'varchar', length: 400, nullable: true })
  photos: string | null;

  @Column({ name: 'finding_category', type: 'varchar', length: 32, nullable: true })
  findingCategory: string | null;

  @Column({ name: 'finding_description', type: 'varchar', length: 500, charset: 'utf8mb4', nullable: true })
  findingDescription: string | null;

  @Column({ name: 'finding_self_handled', type: 'boolean', nullable: true })
  findingSelfHandled: boolean | null;

  /** The event the finding was filed as; null until filed (or without a finding). */
  @Column({ name: 'event_id', type: 'int', nullable: true })
  eventId: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
