import { Module } from '@nestjs/common';
import { RoutingModule } from '../routing/routing.module.js';
import { PatrolsController } from './patrols.controller.js';
import { PatrolsService } from './patrols.service.js';

/**
 * Patrol check-ins (巡查打卡), tracks, coverage per grid and the ledger (台账). Findings are filed
 * as events through `PatrolEventFiler` (event-filer.ts) once the events module provides it.
 */
@Module({
  imports: [RoutingModule],
  controllers: [PatrolsController],
  providers: [PatrolsService],
  exports: [PatrolsService],
})
export class PatrolsModule {}
