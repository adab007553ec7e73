import { Module } from '@nestjs/common';
import { EventFeed } from '../events/event-feed.repo.js';
import { EventsModule } from '../events/events.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { PatrolCoverage } from './patrol-coverage.repo.js';
import { PatrolDaysRepo } from './patrol-days.repo.js';
import { StatsRefresher } from './refresher.service.js';
import { StatsRepo } from './stats.repo.js';

/**
 * The refresher (and the patrol coverage figures read from its rollups) on their own, so that
 * patrols and stats (dashboards) can both use them; stats does not import patrols. The refresher
 * reads check-ins through CheckinSource, which the (global) patrols module binds.
 */
@Module({
  imports: [EventsModule, RoutingModule],
  providers: [StatsRefresher, PatrolCoverage, StatsRepo, PatrolDaysRepo, EventFeed],
  exports: [StatsRefresher, PatrolCoverage, StatsRepo, EventFeed],
})
export class StatsRefresherModule {}
