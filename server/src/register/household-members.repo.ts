import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { householdsUnder } from './household-counts.repo.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * Who belongs to a household, for other modules (campaign answers): the register's own SQL for
 * reg_person and reg_household, kept here. A member is *confirmed* when their account is linked to
 * a reg_person row of the household (`user_id`). A claim that is still waiting for a worker's
 * confirmation must not set that link, so it confers nothing here.
 */

/** Household ids in micro-grid `gridNodeId` where `userId` is a confirmed member. */
export async function confirmedHouseholdsIn(em: EntityManager, userId: number, gridNodeId: number): Promise<number[]> {
  const rows: { household_id: number | string }[] = await em.query('SELECT DISTINCT household_id FROM reg_person WHERE user_id = ? AND grid_node_id = ? ORDER BY household_id', [userId, gridNodeId]);
  return rows.map((r) => num(r.household_id));
}

/** Whether `userId` is a confirmed member of household `householdId`. */
export async function isConfirmedMember(em: EntityManager, userId: number, householdId: number): Promise<boolean> {
  const [r] = await em.query('SELECT 1 AS ok FROM reg_person WHERE user_id = ? AND household_id = ? LIMIT 1', [userId, householdId]);
  return !!r;
}

/** A household's micro-grid, or null when there is no such household. */
export async function householdGrid(em: EntityManager, householdId: number): Promise<{ gridNodeId: number; gridPath: string } | null> {
  const [h] = await em.query('SELECT grid_node_id, grid_path FROM reg_household WHERE id = ?', [householdId]);
  return h ? { gridNodeId: num(h.grid_node_id), gridPath: String(h.grid_path) } : null;
}

/**
 * The same reads bound to the DataSource, for callers outside a transaction (campaign answers check
 * who answers before theirs begins); inside one, pass its manager.
 */
@Injectable()
export class HouseholdMembers {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @GenerateSql({ params: [7, 1] })
  confirmedHouseholdsIn(userId: number, gridNodeId: number, m?: EntityManager): Promise<number[]> {
    return confirmedHouseholdsIn(m ?? this.ds.manager, userId, gridNodeId);
  }

  @GenerateSql({ params: [7, 1] })
  isConfirmedMember(userId: number, householdId: number, m?: EntityManager): Promise<boolean> {
    return isConfirmedMember(m ?? this.ds.manager, userId, householdId);
  }

  @GenerateSql({ params: [1] })
  householdGrid(householdId: number, m?: EntityManager): Promise<{ gridNodeId: number; gridPath: string } | null> {
    return householdGrid(m ?? this.ds.manager, householdId);
  }

  /** Known households per grid path under `path` (register/household-counts.repo.ts). */
  @GenerateSql({ params: ['5101/510104/510104017/'] })
  householdsUnder(path: string, m?: EntityManager): Promise<Map<string, number>> {
    return householdsUnder(m ?? this.ds.manager, path);
  }
}
