import type { EntityManager } from 'typeorm';
import { addCountersSql } from '../db/dialect.js';

/**
 * Adds newly registered households to reg_grid_households. Call it inside the transaction that
 * inserts them, so the counts never disagree with reg_household.
 */
export async function addHouseholdCounts(em: EntityManager, added: Map<string, number>): Promise<void> {
  const rows = [...added].filter(([, n]) => n > 0);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await em.query(addCountersSql(em.connection, 'reg_grid_households', ['grid_path'], ['households'], chunk.length), chunk.flat());
  }
}

/** Households per micro-grid path under a node's path (a prefix), from reg_grid_households. */
export async function householdsUnder(em: EntityManager, pathPrefix: string): Promise<Map<string, number>> {
  const rows: { grid_path: string; households: number | string }[] = await em.query('SELECT grid_path, households FROM reg_grid_households WHERE grid_path LIKE ?', [`${pathPrefix}%`]);
  return new Map(rows.map((r) => [r.grid_path, Number(r.households)]));
}
