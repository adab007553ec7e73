import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ApiClientAuditDto, ApiClientCreatedDto, ApiClientDto, ExternalContactDto, HotlineOrderDto, Open311AttributesRequest } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { Auth, CurrentActor, Public } from '../auth/decorators.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { ApiClientsService } from './clients.service.js';
import { ApiClientInputDto, HotlineOrderBodyDto, Open311AttributesDto } from './dto.js';
import type { ApiClient } from './entities.js';
import { GeoReportService } from './georeport.service.js';
import { HotlineGuard, HotlineService } from './hotline.service.js';

/** External systems under /api/v1/open311: clients and their keys, service questions, contacts, photos, 12345 intake. */
@ApiTags('open311')
@Controller('open311')
export class Open311Controller {
  constructor(
    private readonly clients: ApiClientsService,
    private readonly georeport: GeoReportService,
    private readonly hotline: HotlineService,
    private readonly uploads: UploadsService,
  ) {}

  @Post('clients')
  @Auth({ permission: 'integration.manage' })
  @ApiOperation({ summary: 'Create an external client (Open311 app or 12345 hotline) scoped to a node; the answer carries its api key and HMAC secret once' })
  createClient(@CurrentActor() actor: Actor, @Body() body: ApiClientInputDto): Promise<ApiClientCreatedDto> {
    return this.clients.create({ actor }, body);
  }

  @Get('clients')
  @Auth({ permission: 'integration.manage' })
  @ApiOperation({ summary: 'External clients under my nodes (keys shown by prefix only)' })
  listClients(@CurrentActor() actor: Actor): Promise<ApiClientDto[]> {
    return this.clients.list({ actor });
  }

  @Post('clients/:id/revoke')
  @Auth({ permission: 'integration.manage' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a client: its key and signature stop working on the next request' })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ApiClientDto> {
    return this.clients.revoke({ actor }, id);
  }

  @Get('clients/:id/audit')
  @Auth({ permission: 'integration.manage' })
  @ApiOperation({ summary: "A client's audit trail: created, revoked, contacts read" })
  audit(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<ApiClientAuditDto[]> {
    return this.clients.auditOf({ actor }, id);
  }

  @Put('services/:code/attributes')
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: "Set a service's extra questions (GeoReport v2 attributes); district or city admins" })
  setAttributes(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: Open311AttributesDto): Promise<Open311AttributesRequest> {
    return this.georeport.setAttributes(actor, code, body);
  }

  @Get('requests/:eventId/contact')
  @Auth({ permission: 'event.read' })
  @ApiOperation({ summary: "The caller's or requester's contact of an externally filed case (staff who see the event; each reading audited)" })
  contact(@CurrentActor() actor: Actor, @Param('eventId', ParseIntPipe) eventId: number): Promise<ExternalContactDto> {
    return this.hotline.contact(actor, eventId);
  }

  /** `c` and `g` come from a URL this API handed to that client (GeoReport media_url, callback photos). */
  @Get('media/:id')
  @Public('a photo URL signed for one external client (PhotoGrants): the grant in ?g is the credential')
  async media(@Param('id') id: string, @Query('c') c: string | undefined, @Query('g') g: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (!c || !/^\d{1,9}$/.test(c)) throw new AppError('NOT_FOUND', 'photo not found');
    const f = await this.uploads.read({ userId: -Number(c), grants: [] }, id, false, g);
    await reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.data);
  }

  @Post('hotline/orders')
  @Public("12345 work orders: the hotline's HMAC signature (HotlineGuard) instead of a user token")
  @UseGuards(HotlineGuard)
  @ApiOperation({ summary: '12345 work order, signed with HMAC-SHA256 like machine intake; idempotent by orderId (see docs/integrations.md)' })
  receive(@Req() req: { apiClient: ApiClient }, @Body() body: HotlineOrderBodyDto): Promise<HotlineOrderDto> {
    return this.hotline.receive(req.apiClient, body);
  }
}
