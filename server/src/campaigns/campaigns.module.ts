import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsService } from './campaigns.service.js';

/** Resident campaigns (三询问一完善, 返乡报备): forms, one answer per household, progress. */
@Module({
  imports: [EventsModule],
  controllers: [CampaignsController],
  providers: [CampaignsService],
  exports: [CampaignsService],
})
export class CampaignsModule {}
