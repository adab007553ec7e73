import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { HouseholdFileDto } from '@weigrid/shared';
import { HouseholdCampaignAnswers } from '../register/household-file-ports.js';
import { CampaignAnswer } from './campaign.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** campaign_answer reads for the register's household file (bound as HouseholdCampaignAnswers). */
@Injectable()
export class HouseholdAnswersRepo implements HouseholdCampaignAnswers {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @GenerateSql({ params: [1, 20] })
  async ofHousehold(householdId: number, limit: number): Promise<HouseholdFileDto['campaignAnswers']> {
    const rows = await this.ds.manager.find(CampaignAnswer, { select: { id: true, campaignId: true, createdAt: true }, where: { householdId }, order: { id: 'DESC' }, take: limit });
    return rows.map((r) => ({ id: r.id, campaign: String(r.campaignId), at: r.createdAt.toISOString(), summary: '' }));
  }
}
