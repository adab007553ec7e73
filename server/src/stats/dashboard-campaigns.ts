import type { StatsDto } from '@weigrid/shared';

/**
 * The campaigns a dashboard lists (campaign, campaign_answer and campaign_progress are owned by
 * campaigns). Campaigns imports stats (the rollup levels), so stats declares this and the
 * campaigns module binds it (`campaigns/campaign-figures.module.ts`).
 */
export abstract class DashboardCampaigns {
  /**
   * Campaigns open during [from, to] whose area covers the node or lies under it, newest first (at
   * most 20), with their answers under the node: from campaign_progress when `rolled` (a city,
   * district or street keeps one), else counted from the answers.
   */
  abstract openDuring(node: { code: string; path: string }, rolled: boolean, from: string, to: string): Promise<StatsDto['campaigns']>;
}
