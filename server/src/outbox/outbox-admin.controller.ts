import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { OutboxAdminService, type OutboxRowDto, type OutboxStatsDto } from './outbox-admin.service.js';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox.entity.js';
import { CursorQueryDto } from '../common/cursor-query.dto.js';

export class OutboxListQuery extends CursorQueryDto {
  @IsOptional()
  @IsIn(OUTBOX_STATUSES as unknown as string[])
  status: OutboxStatus = 'dead';

  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_.-]{0,63}$/)
  kind?: string;
}

@ApiTags('admin')
@Controller('admin/outbox')
export class OutboxAdminController {
  constructor(private readonly admin: OutboxAdminService) {}

  @Get('stats')
  @Auth({ permission: 'outbox.admin' })
  @ApiOperation({ summary: 'Outbox rows by status and kind, with the oldest waiting row (city admins)' })
  stats(@CurrentActor() actor: Actor): Promise<OutboxStatsDto> {
    return this.admin.stats(actor);
  }

  @Get()
  @Auth({ permission: 'outbox.admin' })
  @ApiOperation({ summary: 'Outbox rows of a status (default: dead letters), newest first' })
  list(@CurrentActor() actor: Actor, @Query() q: OutboxListQuery): Promise<{ items: OutboxRowDto[]; nextCursor: string | null }> {
    return this.admin.list(actor, q);
  }

  @Post(':id/retry')
  @Auth({ permission: 'outbox.admin' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Requeue a dead row with fresh attempts' })
  retry(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<{ id: number; status: OutboxStatus }> {
    return this.admin.retry(actor, id);
  }
}
