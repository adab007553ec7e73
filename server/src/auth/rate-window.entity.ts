import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One fixed one-minute window of a rate limit, shared by every API instance on the database
 * (RATE_STORE=db). Rows older than the previous window are deleted as they go stale.
 */
@Entity({ name: 'rate_window' })
export class RateWindow {
  /** `bucket:key`, e.g. `login:203.0.113.7` or `write:u42`. */
  @PrimaryColumn({ name: 'bucket_key', type: 'varchar', length: 120 })
  bucketKey: string;

  /** Minutes since the epoch (the window's start). */
  @PrimaryColumn({ type: 'int' })
  win: number;

  @Column({ type: 'int' })
  n: number;
}
