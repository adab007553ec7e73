import { Global, Module } from '@nestjs/common';
import { DashboardCampaigns } from '../stats/dashboard-campaigns.js';
import { CampaignFiguresRepo } from './campaign-figures.repo.js';

/** Global only to hand the stats dashboards their DashboardCampaigns reader (stats cannot import campaigns). */
@Global()
@Module({
  providers: [CampaignFiguresRepo, { provide: DashboardCampaigns, useExisting: CampaignFiguresRepo }],
  exports: [DashboardCampaigns],
})
export class CampaignFiguresModule {}
