import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { CareService } from './care.service.js';
import { CreateScheduleDto, CreateVisitDto, NodeQuery, ScheduleQuery, UpdateScheduleDto, VisitQuery } from './dto.js';

@ApiTags('care')
@Controller('care')
export class CareController {
  constructor(private readonly care: CareService) {}

  @Post('schedules')
  @Auth({ permission: 'care.plan' })
  createSchedule(@CurrentActor() actor: Actor, @Body() dto: CreateScheduleDto) {
    return this.care.createSchedule(actor, dto);
  }

  /** Another interval or next due date for an active schedule (its visits stay as they are). */
  @Patch('schedules/:id')
  @Auth({ permission: 'care.plan' })
  updateSchedule(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateScheduleDto) {
    return this.care.updateSchedule(actor, id, dto);
  }

  @Post('schedules/:id/stop')
  @Auth({ permission: 'care.plan' })
  @HttpCode(200)
  stopSchedule(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.care.stopSchedule(actor, id);
  }

  /** `?overdue=true` for the overdue list. */
  @Get('schedules')
  @Auth({ permission: 'care.read' })
  schedules(@CurrentActor() actor: Actor, @Query() q: ScheduleQuery) {
    return this.care.listSchedules(actor, { ...q, limit: q.limit ?? 50 });
  }

  /** Overdue visits counted per micro-grid under `node` (default: the caller's scope). */
  @Get('overdue-by-grid')
  @Auth({ permission: 'care.read' })
  overdueByGrid(@CurrentActor() actor: Actor, @Query() q: NodeQuery) {
    return this.care.overdueByGrid(actor, q);
  }

  @Post('visits')
  @Auth({ permission: ['care.visit', 'event.read'] })
  visit(@CurrentActor() actor: Actor, @Body() dto: CreateVisitDto) {
    return this.care.recordVisit(actor, dto);
  }

  @Get('visits')
  @Auth({ permission: 'care.read' })
  visits(@CurrentActor() actor: Actor, @Query() q: VisitQuery) {
    return this.care.listVisits(actor, { ...q, limit: q.limit ?? 50 });
  }
}
