import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { PatrolsModule } from '../patrols/patrols.module.js';
import { StatsRefresher } from './refresher.service.js';
import { StatsController } from './stats.controller.js';
import { StatsService } from './stats.service.js';

/** Dashboards and the monthly bulletin, from per-event facts and per-day rollups (docs/stats.md). */
@Module({
  imports: [EventsModule, PatrolsModule],
  controllers: [StatsController],
  providers: [StatsService, StatsRefresher],
  exports: [StatsRefresher],
})
export class StatsModule {}
