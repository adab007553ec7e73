/**
 * Marks repository queries for `pnpm --filter @weigrid/server sql:generate` (issue 17, "SQL you
 * can review"; after immich's @GenerateSql): the generator calls each marked method with its
 * sample parameters against a fresh MariaDB database and writes the SQL it ran to
 * `src/queries/<repository>.sql`, so a change to a query shows in review (a test fails when the
 * files are stale). See docs/contributing.md, "Where SQL goes".
 */

import type { EntityManager } from 'typeorm';

/**
 * In a sample's parameters, where a method needs a transaction's EntityManager (it locks rows, or
 * takes `m` as a required argument): the generator runs that call inside a transaction and passes
 * its manager here. (Its own START TRANSACTION / COMMIT are not written.)
 */
export const TX: unique symbol = Symbol('the transaction manager of a generated call');

/** One call of a method: its parameters (the EntityManager left out, or TX) and, for a second variant, a name. */
export interface SqlSample {
  /** Shown after the method's name when a method has more than one sample ("byLevel", "scattered"). */
  name?: string;
  params: readonly unknown[];
  /**
   * For a function that answers queries to run later (`subtreeForExport`) or a SELECT to embed
   * (`recipientsSelect`): runs them on its result (with the manager the call was given).
   */
  then?: (result: never, m: EntityManager) => Promise<unknown>;
  /** Run the call inside a transaction (implied by TX in `params`); a function's EntityManager is then the transaction's. */
  tx?: boolean;
  /**
   * Rows a query needs to take its full path (e.g. a claim that only UPDATEs what its SELECT
   * found), written before the call and not recorded. The scratch database starts empty.
   */
  setup?: (m: EntityManager) => Promise<unknown>;
}

const samples = new WeakMap<object, SqlSample[]>();

function add(fn: object, s: readonly SqlSample[], prepend: boolean): void {
  const list = samples.get(fn) ?? [];
  samples.set(fn, prepend ? [...s, ...list] : [...list, ...s]);
}

/**
 * On a repository method: call it with each sample's parameters. Several samples give several
 * variants (e.g. the two shapes of a query); stacked decorators keep their source order.
 *
 *   @GenerateSql({ params: ['510104'] })
 *   byCode(code: string, m?: EntityManager) { … }
 */
export function GenerateSql(...s: SqlSample[]): MethodDecorator {
  return (_target, _key, descriptor) => {
    // Decorators apply bottom-up: prepend, so the first in the source is the first written.
    if (typeof descriptor.value === 'function') add(descriptor.value, s.length ? s : [{ params: [] }], true);
  };
}

/**
 * For a module-level repository function that takes the EntityManager first (`grids.repo.ts`):
 * the generator calls `fn(manager, ...params)` for each sample. Returns `fn`.
 */
export function generateSqlFor<F extends (...args: never[]) => unknown>(fn: F, ...s: SqlSample[]): F {
  add(fn, s.length ? s : [{ params: [] }], false);
  return fn;
}

/** The samples marked on a method or function (empty when it is not marked). */
export function sqlSamplesOf(fn: unknown): readonly SqlSample[] {
  return (typeof fn === 'function' && samples.get(fn)) || [];
}
