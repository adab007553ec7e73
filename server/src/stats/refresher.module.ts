import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { StatsRefresher } from './refresher.service.js';

/**
 * The refresher on its own, so that patrols (coverage figures) and stats (dashboards) can both
 * bring the rollups up to date before reading them; stats imports patrols, so it cannot live there.
 */
@Module({
  imports: [EventsModule],
  providers: [StatsRefresher],
  exports: [StatsRefresher],
})
export class StatsRefresherModule {}
