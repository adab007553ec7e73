import { HouseholdMembers } from '../register/household-members.repo.js';
import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsRepo } from './campaigns.repo.js';
import { CampaignsService } from './campaigns.service.js';
import { CampaignHelpFiler } from './help-event-filer.js';
import { HelpEventFiler } from './help-events.js';

/** Resident campaigns (三询问一完善, 返乡报备): forms, one answer per household, progress. */
@Module({
  imports: [EventsModule],
  controllers: [CampaignsController],
  providers: [CampaignsService, CampaignsRepo, HouseholdMembers, { provide: HelpEventFiler, useClass: CampaignHelpFiler }],
  exports: [CampaignsService],
})
export class CampaignsModule {}
