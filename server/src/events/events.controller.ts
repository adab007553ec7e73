import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventCreatedDto, EventDetailDto, EventSummaryDto, EventViewDto, NearbyEventDto, Page, ReporterCallDto, ResponseTemplateDto, ResponsibilityDto, SlaPolicyDto, SupportEventDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor, Public } from '../auth/decorators.js';
import type { WorkCalendar } from '../sla/clock.js';
import { CreateEventDto, EventActionDto, EventListQueryDto, NearbyQueryDto, ResponseTemplateInputDto, ResponseTemplateQueryDto, ResponsibilityInputDto, ResponsibilityQueryDto, SlaPolicyInputDto, SupportEventBodyDto, WebhookEventDto, WebhookSourceInputDto, WorkCalendarDto } from './dto.js';
import type { WebhookSource } from './event.entity.js';
import { EventQueriesService } from './event-queries.service.js';
import { EventsService } from './events.service.js';
import { ResponsibilityService } from './responsibility.service.js';
import { SlaService } from './sla.service.js';
import { TemplatesService } from './templates.service.js';
import { WebhookGuard, WebhooksService, type WebhookSourceDto } from './webhooks.js';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly queries: EventQueriesService,
    private readonly templatesService: TemplatesService,
  ) {}

  @Post()
  @Auth({ anyUser: 'anyone reports; grid staff of the micro-grid report straight into accepted' })
  @ApiOperation({ summary: 'Report a problem (idempotent by requestId); routed to its micro-grid at intake' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateEventDto): Promise<EventCreatedDto> {
    return this.events.report(actor, body);
  }

  @Get()
  @Auth({ permission: ['event.read', 'event.act'], anyUser: "scope=my: one's own reports" })
  @ApiOperation({ summary: 'My reports, my task inbox, the verify queue or an admin subtree, newest first (cursor pagination)' })
  list(@CurrentActor() actor: Actor, @Query() q: EventListQueryDto): Promise<Page<EventSummaryDto>> {
    return this.queries.list(actor, q);
  }

  @Get('nearby')
  @Auth({ anyUser: 'open events near a point, without people or notes (to say "me too")' })
  @ApiOperation({ summary: 'Open events of a category near a point ("me too" before reporting)' })
  nearby(@Query() q: NearbyQueryDto): Promise<NearbyEventDto[]> {
    return this.queries.nearby(q);
  }

  @Get('templates')
  @Auth({ anyUser: 'staff pick replies from them when acting; nothing in them is private' })
  @ApiOperation({ summary: '常用语: reply templates for a category and state (exact ones first, then the ones for any)' })
  templates(@Query() q: ResponseTemplateQueryDto): Promise<ResponseTemplateDto[]> {
    return this.templatesService.list(q.category, q.state);
  }

  @Post('templates')
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: 'Add a reply template (district or city admins); state "reported" templates are the acknowledgement a reporter gets' })
  addTemplate(@CurrentActor() actor: Actor, @Body() body: ResponseTemplateInputDto): Promise<ResponseTemplateDto> {
    return this.templatesService.add(actor, body);
  }

  @Delete('templates/:id')
  @Auth({ permission: 'department.manage' })
  @HttpCode(204)
  async removeTemplate(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.templatesService.remove(actor, id);
  }

  @Get(':id')
  @Auth({ permission: 'event.read', anyUser: 'the reporter, the handler, and supporters (public view)' })
  @ApiOperation({ summary: 'Event detail with timeline, photos and the actions open to me; a supporter who is nothing else to the event gets the public view (view: "public")' })
  detail(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<EventViewDto> {
    return this.queries.view(actor, id);
  }

  @Post(':id/actions/:action')
  @Auth({ permission: ['event.act', 'event.read'], anyUser: 'the reporter and the handler, where the workflow table lets them' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Take a workflow action (verify, claim, resolve, check, transfer, merge, reopen, …) at the version last seen' })
  async act(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Param('action') action: string, @Body() body: EventActionDto): Promise<EventViewDto> {
    await this.events.act(actor, id, action, body);
    // 转办 and 改位置 may hand the event to people the actor is not; a supporter who reopened gets the public view.
    return action === 'transfer' || action === 'relocate' ? this.queries.detailAfterHandOff(actor, id) : this.queries.view(actor, id);
  }

  @Post(':id/reporter-call')
  @Auth({ permission: 'event.read', anyUser: "the event's handler or assignee calls its reporter (the number is theirs alone; each call goes on the timeline)" })
  @HttpCode(200)
  @ApiOperation({ summary: "The reporter's verified phone for the handler's call button (403 for anyone else or an anonymous report); the call is written to the timeline" })
  callReporter(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ReporterCallDto> {
    return this.events.callReporter(actor, id);
  }

  @Post(':id/supporters')
  @Auth({ anyUser: '"me too" on an open event nearby' })
  @HttpCode(200)
  @ApiOperation({ summary: '"Me too": support an open event instead of reporting it again, from within the nearby radius (422 SUPPORT_TOO_FAR otherwise)' })
  support(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() body: SupportEventBodyDto): Promise<SupportEventDto> {
    return this.events.support(actor, id, body);
  }
}

@ApiTags('events')
@Controller()
export class EventRulesController {
  constructor(
    private readonly responsibilities: ResponsibilityService,
    private readonly sla: SlaService,
    private readonly webhooks: WebhooksService,
  ) {}

  @Get('responsibilities')
  @Auth({ permission: 'event.read' })
  @ApiOperation({ summary: 'The responsibility list (category → department) under a node' })
  listResponsibilities(@CurrentActor() actor: Actor, @Query() q: ResponsibilityQueryDto): Promise<ResponsibilityDto[]> {
    return this.responsibilities.list(actor, q.node);
  }

  @Put('responsibilities')
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: 'Set which department handles a category under a node' })
  putResponsibility(@CurrentActor() actor: Actor, @Body() body: ResponsibilityInputDto): Promise<ResponsibilityDto> {
    return this.responsibilities.put(actor, body);
  }

  @Delete('responsibilities/:id')
  @Auth({ permission: 'department.manage' })
  @HttpCode(204)
  async deleteResponsibility(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.responsibilities.remove(actor, id);
  }

  @Get('sla/policies')
  @Auth({ anyUser: 'the deadlines every worker works to' })
  @ApiOperation({ summary: 'Deadlines per category and stage' })
  policies(): Promise<SlaPolicyDto[]> {
    return this.sla.listPolicies();
  }

  @Put('sla/policies')
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: 'Set a deadline (district or city admins)' })
  setPolicy(@CurrentActor() actor: Actor, @Body() body: SlaPolicyInputDto): Promise<SlaPolicyDto[]> {
    return this.sla.setPolicy(actor, body);
  }

  @Get('sla/calendar')
  @Auth({ anyUser: 'the work calendar every deadline counts in' })
  calendar(): Promise<WorkCalendar> {
    return this.sla.calendar();
  }

  @Put('sla/calendar')
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: 'Set the work calendar (working days, windows, holidays, make-up days)' })
  setCalendar(@CurrentActor() actor: Actor, @Body() body: WorkCalendarDto): Promise<WorkCalendar> {
    return this.sla.setCalendar(actor, body);
  }

  @Post('webhooks/sources')
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: 'Register a machine source; the answer carries its HMAC key once' })
  createSource(@CurrentActor() actor: Actor, @Body() body: WebhookSourceInputDto): Promise<WebhookSourceDto> {
    return this.webhooks.createSource(actor, body);
  }

  @Get('webhooks/sources')
  @Auth({ permission: 'department.manage' })
  listSources(@CurrentActor() actor: Actor): Promise<WebhookSourceDto[]> {
    return this.webhooks.listSources(actor);
  }
}

/** Machine intake: no user token; the HMAC guard authenticates the source. */
@ApiTags('events')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('events')
  @Public("machine intake: the source's HMAC signature (WebhookGuard) instead of a user token")
  @UseGuards(WebhookGuard)
  @ApiOperation({ summary: 'Sensor / video-AI alert, signed with HMAC-SHA256 (see docs/events.md)' })
  receive(@Req() req: { webhookSource: WebhookSource }, @Body() body: WebhookEventDto): Promise<EventCreatedDto> {
    return this.webhooks.receive(req.webhookSource, body);
  }
}
