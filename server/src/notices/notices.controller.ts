import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NoticeDto, NoticeRecipientDto, NoticeStatsDto, Page } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor, OWN } from '../auth/decorators.js';
import { NoticesService } from './notices.service.js';
import { CreateNoticeDto, PendingQueryDto } from './dto.js';
import { CursorQueryDto } from '../common/cursor-query.dto.js';

@ApiTags('notices')
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post()
  @Auth({ permission: 'notice.send' })
  @ApiOperation({ summary: 'Send an instruction to a subtree (optionally some roles), with attachments and an ack deadline' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateNoticeDto): Promise<NoticeDto> {
    return this.notices.create(actor, body);
  }

  @Get('inbox')
  @Auth({ anyUser: OWN })
  @ApiOperation({ summary: 'Notices addressed to me, newest first, with my read/ack state' })
  inbox(@CurrentActor() actor: Actor, @Query() q: CursorQueryDto): Promise<Page<NoticeDto>> {
    return this.notices.inbox(actor, q);
  }

  @Get('sent')
  @Auth({ permission: 'notice.send' })
  @ApiOperation({ summary: 'Notices sent within my scope' })
  sent(@CurrentActor() actor: Actor, @Query() q: CursorQueryDto): Promise<Page<NoticeDto>> {
    return this.notices.sent(actor, q);
  }

  @Get(':id')
  @Auth({ permission: 'notice.send', anyUser: 'its recipients and its sender' })
  detail(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<NoticeDto> {
    return this.notices.detail(actor, id);
  }

  @Post(':id/read')
  @Auth({ permission: 'notice.send', anyUser: 'its recipients' })
  @HttpCode(200)
  read(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<NoticeDto> {
    return this.notices.markRead(actor, id, false);
  }

  @Post(':id/ack')
  @Auth({ permission: 'notice.send', anyUser: 'its recipients' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge (确认收到); also marks it read' })
  ack(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<NoticeDto> {
    return this.notices.markRead(actor, id, true);
  }

  @Get(':id/stats')
  @Auth({ permission: 'notice.send' })
  @ApiOperation({ summary: 'Read and ack rates per child node of the target' })
  stats(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<NoticeStatsDto> {
    return this.notices.stats(actor, id);
  }

  @Get(':id/pending')
  @Auth({ permission: 'notice.send' })
  @ApiOperation({ summary: 'Who has not read (or with unacked=true, not acknowledged) it' })
  pending(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: PendingQueryDto): Promise<Page<NoticeRecipientDto>> {
    return this.notices.pending(actor, id, q);
  }

  @Post(':id/remind')
  @Auth({ permission: 'notice.send' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Push again to everyone who has not read it (at most every 10 minutes)' })
  remind(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<{ unread: number; queued: boolean }> {
    return this.notices.remind(actor, id);
  }
}
