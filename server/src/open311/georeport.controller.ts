import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators.js';
import { AppError } from '../common/app-error.js';
import { CONTENT_TYPE, jsonList, jsonObject, xmlList, xmlObject, XML_SHAPES, type Open311Format, type Open311Record } from './georeport-format.js';
import { GeoReportService } from './georeport.service.js';
import { formatOf, Open311ErrorFilter } from './open311-error.filter.js';

/** The path prefix of the GeoReport v2 API: outside /api/v1, where Open311 clients look for it. */
export const OPEN311_PATH = 'open311/v2';

/** `<id>.json` / `<id>.xml` → the id and the format; 404 for anything else. */
function idAndFormat(file: string): { id: string; format: Open311Format } {
  const m = /^(.{1,64})\.(json|xml)$/i.exec(file);
  if (!m) throw new AppError('NOT_FOUND', 'add .json or .xml to the resource');
  return { id: m[1]!, format: m[2]!.toLowerCase() as Open311Format };
}

function send(reply: FastifyReply, format: Open311Format, body: string): void {
  void reply.header('content-type', CONTENT_TYPE[format]).send(body);
}

const list = (reply: FastifyReply, format: Open311Format, shape: { root: string; item: string }, records: Open311Record[]) => send(reply, format, format === 'xml' ? xmlList(shape, records) : jsonList(records));

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): services, service definitions, POST and
 * GET requests, tokens; each as .json and .xml. Form-encoded POSTs with an api_key; GETs are
 * public (the public view of others' cases) or with an api_key (the client's own cases in full).
 * Not in the /api/v1 OpenAPI document: the specification is the contract (docs/integrations.md).
 */
@ApiExcludeController()
@UseFilters(Open311ErrorFilter)
@Controller(OPEN311_PATH)
export class GeoReportController {
  constructor(private readonly georeport: GeoReportService) {}

  @Get(['services.json', 'services.xml'])
  @Public('GeoReport v2: the list of services (categories) is public')
  async services(@Req() req: FastifyRequest, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    await this.georeport.viewer(typeof q.api_key === 'string' ? q.api_key : undefined, req.ip);
    list(reply, formatOf(req.url), XML_SHAPES.services, await this.georeport.services());
  }

  @Get('services/:file')
  @Public('GeoReport v2: a service definition (its extra questions) is public')
  async definition(@Req() req: FastifyRequest, @Param('file') file: string, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const { id, format } = idAndFormat(file);
    await this.georeport.viewer(typeof q.api_key === 'string' ? q.api_key : undefined, req.ip);
    const def = await this.georeport.definition(id);
    send(reply, format, format === 'xml' ? xmlObject('service_definition', def) : jsonObject(def));
  }

  @Post(['requests.json', 'requests.xml'])
  @Public('GeoReport v2: the api_key form field identifies the client (ApiClientsService.authenticate)')
  @HttpCode(200)
  async create(@Req() req: FastifyRequest, @Body() body: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError('VALIDATION_FAILED', 'send the fields form-encoded (application/x-www-form-urlencoded)');
    list(reply, formatOf(req.url), XML_SHAPES.requests, await this.georeport.create(body));
  }

  @Get(['requests.json', 'requests.xml'])
  @Public('GeoReport v2: the public view of cases (no reporter, no held content, coarse location); an api_key adds its own cases in full')
  async requests(@Req() req: FastifyRequest, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.georeport.viewer(typeof q.api_key === 'string' ? q.api_key : undefined, req.ip);
    list(reply, formatOf(req.url), XML_SHAPES.requests, await this.georeport.list(viewer, q));
  }

  @Get('requests/:file')
  @Public('GeoReport v2: one case, public view (or in full for the client that filed it)')
  async request(@Req() req: FastifyRequest, @Param('file') file: string, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const { id, format } = idAndFormat(file);
    const viewer = await this.georeport.viewer(typeof q.api_key === 'string' ? q.api_key : undefined, req.ip);
    list(reply, format, XML_SHAPES.requests, await this.georeport.one(viewer, id));
  }

  @Get('tokens/:file')
  @Public('GeoReport v2: a token (random, handed to the client that posted) names its service_request_id only')
  async token(@Req() req: FastifyRequest, @Param('file') file: string, @Query() q: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const { id, format } = idAndFormat(file);
    await this.georeport.viewer(typeof q.api_key === 'string' ? q.api_key : undefined, req.ip);
    list(reply, format, XML_SHAPES.requests, await this.georeport.token(id));
  }
}
