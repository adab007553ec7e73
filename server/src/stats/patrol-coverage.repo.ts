import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import { num } from '../db/rows.js';
import { RoutingService } from '../routing/routing.service.js';
import { ROLLUP_LEVELS } from './rollup.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * Patrol coverage figures from stats' tables (patrol_rollup, patrol_day). Here, in stats, so that
 * the dashboards need not import patrols (which imports the stats refresher): issue 17's
 * stats ↔ patrols cycle.
 */
@Injectable()
export class PatrolCoverage {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly routing: RoutingService,
  ) {}

  /**
   * Coverage of every grid under a node over a period (the caller has checked access and brought
   * the figures up to date with `StatsRefresher.refresh`): grid-days in the period and how many of
   * them saw at least one check-in. Cities, districts and streets read patrol_rollup (a row per
   * day), smaller nodes patrol_day (a row per grid and day) — never the check-ins themselves.
   */
  @GenerateSql({ name: 'rolled-up level', params: [{ code: '510104', path: '5101/510104/', level: 'district' }, '2026-01-01', '2026-01-31', 31, 18000] })
  @GenerateSql({ name: 'community', params: [{ code: '510104017', path: '5101/510104/510104017/', level: 'community' }, '2026-01-01', '2026-01-31', 31, 40] })
  async summary(node: { code: string; path: string; level: string }, from: string, to: string, days: number, gridCount?: number): Promise<{ grids: number; gridDays: number; patrolledGridDays: number; coverage: number; checkins: number }> {
    // By default from the routing module's in-memory tree: a city has ~150,000 nodes to count otherwise.
    const grids = gridCount ?? this.routing.countUnder(node.code, 'grid');
    const sub = subtreeSql('grid_path', node.path);
    const [p] = (ROLLUP_LEVELS as readonly string[]).includes(node.level)
      ? await this.ds.query('SELECT COALESCE(SUM(grids), 0) AS g, COALESCE(SUM(checkins), 0) AS n FROM patrol_rollup WHERE node_code = ? AND day >= ? AND day <= ?', [node.code, from, to])
      : await this.ds.query(`SELECT COUNT(*) AS g, COALESCE(SUM(checkins), 0) AS n FROM patrol_day WHERE ${sub.sql} AND day >= ? AND day <= ?`, [...sub.params, from, to]);
    const gridDays = grids * days;
    const patrolled = num(p?.g ?? 0);
    return { grids, gridDays, patrolledGridDays: patrolled, coverage: gridDays ? Math.round((patrolled / gridDays) * 10000) / 10000 : 0, checkins: num(p?.n ?? 0) };
  }
}
