import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { VolunteersService } from './volunteers.service.js';
import { AssignTaskDto, CompleteTaskDto, RegisterVolunteerDto, TaskQuery, TotalsQuery, UpdateVolunteerDto, VolunteerQuery } from './dto.js';

@ApiTags('volunteers')
@Auth()
@Controller('volunteers')
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  /** 双报到: register yourself to the micro-grid where you live. */
  @Post()
  register(@CurrentActor() actor: Actor, @Body() dto: RegisterVolunteerDto) {
    return this.volunteers.register(actor, dto);
  }

  @Get('me')
  mine(@CurrentActor() actor: Actor) {
    return this.volunteers.mine(actor);
  }

  @Get('me/tasks')
  myTasks(@CurrentActor() actor: Actor, @Query() q: TaskQuery) {
    return this.volunteers.tasks(actor, { mine: true, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  @Patch('me/:id')
  updateMine(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateVolunteerDto) {
    return this.volunteers.updateMine(actor, id, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: VolunteerQuery) {
    return this.volunteers.list(actor, { ...q, limit: q.limit ?? 50 });
  }

  @Get('totals')
  totals(@CurrentActor() actor: Actor, @Query() q: TotalsQuery) {
    return this.volunteers.totals(actor, q);
  }

  @Post(':id/tasks')
  assign(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: AssignTaskDto) {
    return this.volunteers.assign(actor, id, dto);
  }

  @Get(':id/tasks')
  tasks(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: TaskQuery) {
    return this.volunteers.tasks(actor, { volunteerId: id, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  @Post('tasks/:taskId/complete')
  @HttpCode(200)
  complete(@CurrentActor() actor: Actor, @Param('taskId', ParseIntPipe) taskId: number, @Body() dto: CompleteTaskDto) {
    return this.volunteers.complete(actor, taskId, dto);
  }

  @Post('tasks/:taskId/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('taskId', ParseIntPipe) taskId: number) {
    return this.volunteers.cancel(actor, taskId);
  }
}
