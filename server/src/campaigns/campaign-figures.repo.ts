import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { StatsDto } from '@weigrid/shared';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import { ancestorPaths } from '../grids/tree.js';
import { num } from '../db/rows.js';
import { DashboardCampaigns } from '../stats/dashboard-campaigns.js';
import { GenerateSql } from '../db/generate-sql.js';

/** What the stats dashboards read of campaign, campaign_answer and campaign_progress (owned by campaigns). */
@Injectable()
export class CampaignFiguresRepo implements DashboardCampaigns {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ name: 'rolled-up level', params: [{ code: '510104', path: '5101/510104/' }, true, '2026-01-01', '2026-01-31'] })
  @GenerateSql({ name: 'community', params: [{ code: '510104017', path: '5101/510104/510104017/' }, false, '2026-01-01', '2026-01-31'] })
  async openDuring(node: { code: string; path: string }, rolled: boolean, from: string, to: string, m?: EntityManager): Promise<StatsDto['campaigns']> {
    const ancestors = ancestorPaths(node.path);
    const answers = subtreeSql('a.node_path', node.path);
    const areas = subtreeSql('c.node_path', node.path);
    // Cities, districts and streets read campaign_progress (kept with each answer); smaller nodes
    // count their answers through idx_campaign_answer_node_help alone.
    const counts = rolled
      ? `COALESCE((SELECT p.answered FROM campaign_progress p WHERE p.campaign_id = c.id AND p.node_code = ?), 0) AS answered,
         COALESCE((SELECT p.needs_help FROM campaign_progress p WHERE p.campaign_id = c.id AND p.node_code = ?), 0) AS needs_help`
      : `(SELECT COUNT(*) FROM campaign_answer a WHERE a.campaign_id = c.id AND ${answers.sql}) AS answered,
         (SELECT COUNT(*) FROM campaign_answer a WHERE a.campaign_id = c.id AND ${answers.sql} AND a.needs_help = 1) AS needs_help`;
    const countParams = rolled ? [node.code, node.code] : [...answers.params, ...answers.params];
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT c.id, c.title, c.opens_on, c.closes_on, ${counts}
       FROM campaign c
       WHERE (c.node_path IN (${ancestors.map(() => '?').join(',')}) OR ${areas.sql}) AND c.opens_on <= ? AND c.closes_on >= ?
       ORDER BY c.id DESC LIMIT 20`,
      [...countParams, ...ancestors, ...areas.params, to, from],
    );
    return rows.map((r) => ({ id: num(r.id), title: String(r.title), opensOn: String(r.opens_on), closesOn: String(r.closes_on), answered: num(r.answered), needsHelp: num(r.needs_help) }));
  }
}
