import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor, OWN } from '../auth/decorators.js';
import { VolunteersService } from './volunteers.service.js';
import { AssignTaskDto, CompleteTaskDto, RegisterVolunteerDto, TaskQuery, TotalsQuery, UpdateVolunteerDto, VolunteerQuery } from './dto.js';

@ApiTags('volunteers')
@Controller('volunteers')
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  /** 双报到: register yourself to the micro-grid where you live. */
  @Post()
  @Auth({ anyUser: 'registers oneself (双报到)' })
  register(@CurrentActor() actor: Actor, @Body() dto: RegisterVolunteerDto) {
    return this.volunteers.register(actor, dto);
  }

  @Get('me')
  @Auth({ anyUser: OWN })
  mine(@CurrentActor() actor: Actor) {
    return this.volunteers.mine(actor);
  }

  @Get('me/tasks')
  @Auth({ anyUser: OWN })
  myTasks(@CurrentActor() actor: Actor, @Query() q: TaskQuery) {
    return this.volunteers.tasks(actor, { mine: true, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  @Patch('me/:id')
  @Auth({ anyUser: OWN })
  updateMine(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateVolunteerDto) {
    return this.volunteers.updateMine(actor, id, dto);
  }

  @Get()
  @Auth({ permission: 'volunteer.manage' })
  list(@CurrentActor() actor: Actor, @Query() q: VolunteerQuery) {
    return this.volunteers.list(actor, { ...q, limit: q.limit ?? 50 });
  }

  @Get('totals')
  @Auth({ permission: 'volunteer.manage' })
  totals(@CurrentActor() actor: Actor, @Query() q: TotalsQuery) {
    return this.volunteers.totals(actor, q);
  }

  @Post(':id/tasks')
  @Auth({ permission: ['volunteer.manage', 'event.read'] })
  assign(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: AssignTaskDto) {
    return this.volunteers.assign(actor, id, dto);
  }

  @Get(':id/tasks')
  @Auth({ permission: 'volunteer.manage' })
  tasks(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: TaskQuery) {
    return this.volunteers.tasks(actor, { volunteerId: id, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  @Post('tasks/:taskId/complete')
  @Auth({ permission: 'volunteer.manage', anyUser: 'the volunteer the task is for' })
  @HttpCode(200)
  complete(@CurrentActor() actor: Actor, @Param('taskId', ParseIntPipe) taskId: number, @Body() dto: CompleteTaskDto) {
    return this.volunteers.complete(actor, taskId, dto);
  }

  @Post('tasks/:taskId/cancel')
  @Auth({ permission: 'volunteer.manage' })
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('taskId', ParseIntPipe) taskId: number) {
    return this.volunteers.cancel(actor, taskId);
  }
}
