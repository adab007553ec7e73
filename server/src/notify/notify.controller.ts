import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { InboxPageDto, SubscribeTemplateDto, UnreadCountDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor, OWN } from '../auth/decorators.js';
import { NotifyService } from './notify.service.js';
import { InboxQueryDto, SubscriptionReportDto } from './dto.js';

@ApiTags('notify')
@Controller()
export class NotifyController {
  constructor(private readonly notify: NotifyService) {}

  @Get('inbox')
  @Auth({ anyUser: OWN })
  @ApiOperation({ summary: 'My in-app notifications, newest first (cursor pagination)' })
  inbox(@CurrentActor() actor: Actor, @Query() q: InboxQueryDto): Promise<InboxPageDto> {
    return this.notify.inbox(actor, { cursor: q.cursor === undefined ? undefined : String(q.cursor), limit: q.limit, unread: q.unread });
  }

  @Get('inbox/unread-count')
  @Auth({ anyUser: OWN })
  unread(@CurrentActor() actor: Actor): Promise<UnreadCountDto> {
    return this.notify.unread(actor);
  }

  @Post('inbox/read-all')
  @Auth({ anyUser: OWN })
  @HttpCode(200)
  readAll(@CurrentActor() actor: Actor): Promise<UnreadCountDto> {
    return this.notify.markAllRead(actor);
  }

  @Post('inbox/:id/read')
  @Auth({ anyUser: OWN })
  @HttpCode(200)
  read(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<UnreadCountDto> {
    return this.notify.markRead(actor, id);
  }

  @Get('subscriptions')
  @Auth({ anyUser: OWN })
  @ApiOperation({ summary: 'Subscribe templates (ids for wx.requestSubscribeMessage) and my credits' })
  templates(@CurrentActor() actor: Actor): Promise<SubscribeTemplateDto[]> {
    return this.notify.templatesFor(actor);
  }

  @Post('subscriptions')
  @Auth({ anyUser: OWN })
  @HttpCode(200)
  @ApiOperation({ summary: 'Report what wx.requestSubscribeMessage answered; each accept is one send credit' })
  report(@CurrentActor() actor: Actor, @Body() body: SubscriptionReportDto): Promise<SubscribeTemplateDto[]> {
    return this.notify.report(actor, body);
  }
}
