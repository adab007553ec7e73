import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { StatsRefresherModule } from '../stats/refresher.module.js';
import { PatrolEventFiler } from './event-filer.js';
import { EventIntakePatrolFiler } from './event-intake-filer.js';
import { PatrolsController } from './patrols.controller.js';
import { PatrolsService } from './patrols.service.js';

/**
 * Patrol check-ins (巡查打卡), tracks, coverage per grid and the ledger (台账). Findings are filed
 * as events through `PatrolEventFiler`, bound here to the events module's intake.
 */
@Module({
  imports: [RoutingModule, EventsModule, StatsRefresherModule],
  controllers: [PatrolsController],
  providers: [PatrolsService, { provide: PatrolEventFiler, useClass: EventIntakePatrolFiler }],
  exports: [PatrolsService],
})
export class PatrolsModule {}
