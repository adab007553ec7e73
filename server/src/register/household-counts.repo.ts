import type { EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { addCountersSql } from '../db/dialect.js';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import { generateSqlFor } from '../db/generate-sql.js';

/*
 * reg_grid_households (owned by register): households per micro-grid, kept beside reg_household
 * so a campaign's progress need not count the register. Functions take the caller's
 * EntityManager first (`addHouseholdCounts` runs only inside the transaction that adds them).
 */

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

/** Households per micro-grid path in the subtree under a node's path, from reg_grid_households. */
export async function householdsUnder(em: EntityManager, path: string): Promise<Map<string, number>> {
  const sub = subtreeSql('grid_path', path);
  const rows: { grid_path: string; households: number | string }[] = await em.query(`SELECT grid_path, households FROM reg_grid_households WHERE ${sub.sql}`, sub.params);
  return new Map(rows.map((r) => [r.grid_path, num(r.households)]));
}

generateSqlFor(addHouseholdCounts, { params: [new Map([['5101/510104/510104017/001/', 2], ['5101/510104/510104017/002/', 1]])] });
generateSqlFor(householdsUnder, { params: ['5101/510104/510104017/'] });
