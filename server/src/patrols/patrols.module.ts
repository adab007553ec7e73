import { Global, Module } from '@nestjs/common';
import { UserNames } from '../accounts/user-names.repo.js';
import { CategoryNames } from '../catalog/category-names.repo.js';
import { EventsModule } from '../events/events.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { CheckinSource } from '../stats/checkin-source.js';
import { StatsRefresherModule } from '../stats/refresher.module.js';
import { UploadOwners } from '../uploads/upload-owners.repo.js';
import { CheckinsRepo } from './checkins.repo.js';
import { PatrolEventFiler } from './event-filer.js';
import { EventIntakePatrolFiler } from './event-intake-filer.js';
import { PatrolsController } from './patrols.controller.js';
import { PatrolsService } from './patrols.service.js';

/**
 * Patrol check-ins (巡查打卡), tracks, coverage per grid and the ledger (台账). Findings are filed
 * as events through `PatrolEventFiler`, bound here to the events module's intake. Global only to
 * hand the stats refresher its CheckinSource (stats cannot import patrols).
 */
@Global()
@Module({
  imports: [RoutingModule, EventsModule, StatsRefresherModule],
  controllers: [PatrolsController],
  providers: [PatrolsService, CheckinsRepo, UserNames, CategoryNames, UploadOwners, { provide: CheckinSource, useExisting: CheckinsRepo }, { provide: PatrolEventFiler, useClass: EventIntakePatrolFiler }],
  exports: [PatrolsService, CheckinSource],
})
export class PatrolsModule {}
