import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { emptyTableSql } from '../db/dialect.js';
import { num } from '../db/rows.js';
import { PatrolDay, PatrolRollup } from './stats.entities.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * patrol_day and patrol_rollup (owned by stats) as the refresher keeps them: read, replaced and
 * rebuilt. What the dashboards read of them is `PatrolCoverage`. Methods take the caller's
 * EntityManager last.
 */
@Injectable()
export class PatrolDaysRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** patrol_day rows of these grids on these days (every combination: the caller picks its pairs). */
  @GenerateSql({ params: [[1, 2], ['2026-01-15', '2026-01-16']] })
  async days(gridIds: readonly number[], days: readonly string[], m?: EntityManager): Promise<PatrolDay[]> {
    if (gridIds.length === 0 || days.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT grid_id, day, grid_path, checkins FROM patrol_day WHERE grid_id IN (${gridIds.map(() => '?').join(',')}) AND day IN (${days.map(() => '?').join(',')})`,
      [...gridIds, ...days],
    );
    return rows.map((r) => ({ gridId: num(r.grid_id), day: String(r.day), gridPath: String(r.grid_path), checkins: num(r.checkins) }));
  }

  @GenerateSql({ params: [[{ gridId: 1, day: '2026-01-15' }, { gridId: 2, day: '2026-01-15' }]] })
  async deleteDays(pairs: readonly { gridId: number; day: string }[], m?: EntityManager): Promise<void> {
    if (pairs.length) await this.mm(m).query(`DELETE FROM patrol_day WHERE ${pairs.map(() => '(grid_id = ? AND day = ?)').join(' OR ')}`, pairs.flatMap((p) => [p.gridId, p.day]));
  }

  /** One multi-row INSERT (callers page). */
  @GenerateSql({ params: [[{ gridPath: '5101/510104/510104017/', day: '2026-01-15', gridId: 1, checkins: 2 }]] })
  async insertDays(rows: readonly PatrolDay[], m?: EntityManager): Promise<void> {
    if (rows.length) await this.mm(m).createQueryBuilder().insert().into(PatrolDay).values([...rows]).updateEntity(false).execute();
  }

  /** patrol_rollup rows of these nodes on these days (every combination). */
  @GenerateSql({ params: [['5101', '510104'], ['2026-01-15']] })
  async rollups(codes: readonly string[], days: readonly string[], m?: EntityManager): Promise<PatrolRollup[]> {
    if (codes.length === 0 || days.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT node_code, day, grids, checkins FROM patrol_rollup WHERE node_code IN (${codes.map(() => '?').join(',')}) AND day IN (${days.map(() => '?').join(',')})`,
      [...codes, ...days],
    );
    return rows.map((r) => ({ nodeCode: String(r.node_code), day: String(r.day), grids: num(r.grids), checkins: num(r.checkins) }));
  }

  @GenerateSql({ params: [[{ nodeCode: '510104', day: '2026-01-15' }]] })
  async deleteRollups(keys: readonly { nodeCode: string; day: string }[], m?: EntityManager): Promise<void> {
    if (keys.length) await this.mm(m).query(`DELETE FROM patrol_rollup WHERE ${keys.map(() => '(node_code = ? AND day = ?)').join(' OR ')}`, keys.flatMap((k) => [k.nodeCode, k.day]));
  }

  /** One multi-row INSERT (callers page). */
  @GenerateSql({ params: [[{ nodeCode: '510104', day: '2026-01-15', grids: 1, checkins: 2 }]] })
  async insertRollups(rows: readonly PatrolRollup[], m?: EntityManager): Promise<void> {
    if (rows.length) await this.mm(m).createQueryBuilder().insert().into(PatrolRollup).values([...rows]).updateEntity(false).execute();
  }

  /** Both tables emptied (a rebuild recounts them). */
  @GenerateSql({ params: [] })
  async emptyAll(m?: EntityManager): Promise<void> {
    const q = this.mm(m);
    await q.query(emptyTableSql(q, 'patrol_day'));
    await q.query(emptyTableSql(q, 'patrol_rollup'));
  }
}
