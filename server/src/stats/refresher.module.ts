import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { PatrolCoverage } from './patrol-coverage.repo.js';
import { StatsRefresher } from './refresher.service.js';

/**
 * The refresher (and the patrol coverage figures read from its rollups) on their own, so that
 * patrols and stats (dashboards) can both use them; stats does not import patrols.
 */
@Module({
  imports: [EventsModule, RoutingModule],
  providers: [StatsRefresher, PatrolCoverage],
  exports: [StatsRefresher, PatrolCoverage],
})
export class StatsRefresherModule {}
