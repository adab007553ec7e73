import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Catches the pool wedge before it ships. A flow that holds a transaction (one pooled connection)
 * and then queries through the DataSource or a repository bound to it asks the pool for a second
 * connection; with N such flows at once on a pool of N, every connection is held by a flow that
 * waits for another, and the API stops (issue 16: 50 reports at once on MariaDB wedged it). SQLite
 * hides this — its one connection lets the inner query through — so tests on SQLite never saw it.
 *
 * While the guard is on, the callback of `ds.transaction(…)` / `ds.manager.transaction(…)` runs in
 * an async context marked as holding a transaction; any new query runner the DataSource makes from
 * that context (a `ds.query`, a repository or query builder not bound to the transaction's
 * manager, a nested `ds.transaction`) throws TxGuardError, whose stack is the offending call site
 * and whose message says where the transaction began. The mark ends when the callback settles, so
 * work that outlives the transaction is not flagged.
 *
 * On in development and tests (NODE_ENV ≠ production); production skips the bookkeeping.
 * Transactions started by hand (`qr.startTransaction()`) carry no mark: the outbox worker's claim is
 * the only one, and it uses nothing but its own runner.
 */
export class TxGuardError extends Error {
  override readonly name = 'TxGuardError';
}

interface Held {
  open: boolean;
  /** Where the transaction began (first frame outside TypeORM and this file). */
  site: string;
}

const held = new AsyncLocalStorage<Held>();

/**
 * Every refusal of this process, kept so a test run can fail on one that a caller swallowed (an
 * outbox sender's error is only logged and retried, so it would otherwise go unseen).
 */
export const txGuardViolations: string[] = [];
const GUARDED: unique symbol = Symbol('weigrid.txGuard');

export function txGuardEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production' && env.WEIGRID_TX_GUARD !== 'off';
}

export function guardTransactions(ds: DataSource): DataSource {
  const state = ds as DataSource & { [GUARDED]?: true };
  if (state[GUARDED]) return ds;
  state[GUARDED] = true;

  const createQueryRunner = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>) => {
    const h = held.getStore();
    if (h?.open) {
      const e = new TxGuardError(
        `a query asked the pool for a second connection while this flow holds a transaction (begun at ${h.site}); ` +
          `run it through the transaction's EntityManager instead — with the pool full of such flows the API wedges`,
      );
      if (txGuardViolations.length < 100) txGuardViolations.push(e.stack ?? e.message);
      throw e;
    }
    return createQueryRunner(...args);
  };

  // ds.transaction delegates to ds.manager.transaction; repositories share ds.manager.
  const m = ds.manager;
  const transaction = m.transaction.bind(m) as (...args: unknown[]) => Promise<unknown>;
  (m as { transaction: unknown }).transaction = (...args: unknown[]) => {
    const i = typeof args[0] === 'function' ? 0 : 1;
    const fn = args[i] as (em: unknown) => Promise<unknown>;
    if (typeof fn !== 'function') return transaction(...args);
    const site = callSite(new Error().stack);
    args[i] = (em: unknown) => {
      const h: Held = { open: true, site };
      return held.run(h, async () => {
        try {
          return await fn(em);
        } finally {
          h.open = false;
        }
      });
    };
    return transaction(...args);
  };
  return ds;
}

function callSite(stack: string | undefined): string {
  const frames = (stack ?? '').split('\n').slice(1).map((l) => l.trim());
  const own = frames.find((f) => !f.includes('node_modules') && !f.includes('/db/tx-guard.') && !f.includes('/db/tx-retry.') && !f.includes('/db/sqlite-serialize.') && !f.includes('node:internal'));
  return (own ?? frames[0] ?? 'unknown').replace(/^at /, '');
}
