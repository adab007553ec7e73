import { Module } from '@nestjs/common';
import { DepartmentCategories } from '../accounts/department-categories.repo.js';
import { CategoryNames } from '../catalog/category-names.repo.js';
import { EventsModule } from '../events/events.module.js';
import { StatsRefresherModule } from './refresher.module.js';
import { StatsController } from './stats.controller.js';
import { StatsService } from './stats.service.js';

/** Dashboards and the monthly bulletin, from per-event facts and per-day rollups (docs/stats.md). */
@Module({
  imports: [EventsModule, StatsRefresherModule],
  controllers: [StatsController],
  providers: [StatsService, DepartmentCategories, CategoryNames],
  exports: [StatsRefresherModule],
})
export class StatsModule {}
