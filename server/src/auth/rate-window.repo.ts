import type { DataSource } from 'typeorm';
import { bumpCounter } from '../db/dialect.js';
import { GenerateSql } from '../db/generate-sql.js';

/** The `rate_window` table (RATE_STORE=db): one counter per bucket key and minute. */
export class RateWindowRepo {
  constructor(private readonly ds: DataSource) {}

  /** Counts one hit in (key, window) and answers the count after it — atomic across instances. */
  @GenerateSql({ params: ['login:7', 29000000] })
  hit(key: string, win: number): Promise<number> {
    return bumpCounter(this.ds, 'rate_window', { bucket_key: key, win }, 'n');
  }

  /** Drops windows before `win`. */
  @GenerateSql({ params: [28999990] })
  async dropBefore(win: number): Promise<void> {
    await this.ds.query('DELETE FROM rate_window WHERE win < ?', [win]);
  }
}
