import type { DataSource } from 'typeorm';
import { isMysql } from './dialect.js';
import { isDeadlock } from './errors.js';

/**
 * Every transaction begun through `ds.transaction` / `ds.manager.transaction` is run again, from
 * the start, when MariaDB rolled it back as a deadlock victim — which on a Galera cluster is also
 * how a certification conflict is reported at COMMIT (two nodes changed the same rows at once;
 * the later one is refused). Nothing of the failed attempt was written, so running the function
 * again is correct as long as it has no effect outside its EntityManager — which the transaction
 * guard (tx-guard.ts) already demands of every transaction body. Up to `attempts` tries, with
 * jittered exponential backoff so two nodes that collided do not collide again in step.
 */
export const TX_ATTEMPTS = 8;
const RETRIED = Symbol('txRetry');

export interface TxRetryStats {
  /** Transactions that needed more than one try, and the extra tries they took. */
  retried: number;
  extraTries: number;
  /** Transactions still refused after the last try (the error reached the caller). */
  gaveUp: number;
}

export const txRetryStats: TxRetryStats = { retried: 0, extraTries: 0, gaveUp: 0 };

export function retryTransactions(ds: DataSource, attempts = TX_ATTEMPTS): DataSource {
  if (!isMysql(ds)) return ds; // SQLite: one writer at a time (sqlite-serialize.ts), no deadlocks to retry
  const state = ds as DataSource & { [RETRIED]?: true };
  if (state[RETRIED]) return ds;
  state[RETRIED] = true;
  const m = ds.manager;
  const transaction = m.transaction.bind(m) as (...args: unknown[]) => Promise<unknown>;
  (m as { transaction: unknown }).transaction = async (...args: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await transaction(...args);
        if (attempt > 1) {
          txRetryStats.retried++;
          txRetryStats.extraTries += attempt - 1;
        }
        return result;
      } catch (e) {
        if (!isDeadlock(e)) throw e;
        if (attempt >= attempts) {
          txRetryStats.gaveUp++;
          throw e;
        }
        await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      }
    }
  };
  return ds;
}

/** 10, 40, 160, then 500 ms (±50 %): short, because a conflict is over once the other commit is. */
export function backoffMs(attempt: number): number {
  return Math.round(Math.min(500, 10 * 4 ** (attempt - 1)) * (0.5 + Math.random()));
}
