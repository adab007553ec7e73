import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { Auth, CurrentActor, OWN } from '../auth/decorators.js';
import { AccessLogService } from './access-log.service.js';
import { RegisterService } from './register.service.js';
import { ClaimsService } from './claims.service.js';
import { buildTemplate } from './import/xlsx.js';
import {
  AccessLogQuery,
  ClaimBodyDto,
  ClaimsQuery,
  CreateHouseholdDto,
  CreatePlaceDto,
  ExportQuery,
  OrganizationDtoIn,
  PageQuery,
  PeopleQuery,
  PersonDtoIn,
  RejectClaimDto,
  RevealQuery,
  RiskDtoIn,
  RiskQuery,
  UpdateHouseholdDto,
  UpdateOrganizationDto,
  UpdatePlaceDto,
  UpdatePersonDto,
  UpdateRiskDto,
} from './dto.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

@ApiTags('register')
@Controller('register')
export class RegisterController {
  constructor(
    private readonly register: RegisterService,
    private readonly accessLog: AccessLogService,
    private readonly claims: ClaimsService,
  ) {}

  @Get('template')
  @Auth({ anyUser: 'the blank import template: no data' })
  async template(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="register-template.xlsx"').send(await buildTemplate());
  }

  /** multipart/form-data with one part named `file` (.xlsx from the template). All rows or none. */
  @Post('import')
  @Auth({ permission: 'register.import' })
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  async import(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with a part named "file"');
    let data: Buffer;
    try {
      const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 2, parts: 3 } });
      if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', 'a part named "file" is required', { fields: { file: 'required' } });
      data = await part.toBuffer();
    } catch (e) {
      if (e instanceof AppError) throw e;
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', `file is larger than ${MAX_IMPORT_BYTES} bytes`);
      throw new AppError('MALFORMED_REQUEST', 'could not read the upload');
    }
    return this.register.importXlsx(actor, data);
  }

  @Get('export')
  @Auth({ permission: 'register.export' })
  async export(@CurrentActor() actor: Actor, @Query() q: ExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.register.exportXlsx(actor, q.node);
    await reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').header('x-row-count', String(f.rows)).send(f.data);
  }

  @Get('access-log')
  @Auth({ permission: 'register.audit' })
  accessLogList(@CurrentActor() actor: Actor, @Query() q: AccessLogQuery) {
    return this.accessLog.query(actor, { userId: q.userId, action: q.action, allowed: q.allowed, targetType: q.targetType, targetId: q.targetId, before: q.cursor, limit: q.limit ?? 50 });
  }

  @Post('places')
  @Auth({ permission: 'register.write' })
  createPlace(@CurrentActor() actor: Actor, @Body() dto: CreatePlaceDto) {
    return this.register.createPlace(actor, dto);
  }

  @Patch('places/:id')
  @Auth({ permission: 'register.write' })
  updatePlace(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdatePlaceDto) {
    return this.register.updatePlace(actor, id, dto);
  }

  @Get('places')
  @Auth({ permission: 'register.read' })
  listPlaces(@CurrentActor() actor: Actor, @Query() q: PageQuery) {
    return this.register.listPlaces(actor, { node: q.node, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  @Post('households')
  @Auth({ permission: ['register.write', 'register.read_full'] })
  createHousehold(@CurrentActor() actor: Actor, @Body() dto: CreateHouseholdDto) {
    return this.register.createHousehold(actor, dto);
  }

  /** The 一户一档 file: people (masked), place, organizations, risks, visits, events, campaign answers, timeline. */
  @Get('households/:id')
  @Auth({ permission: ['register.read', 'register.read_full'] })
  household(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.register.householdFile(actor, id);
  }

  @Patch('households/:id')
  @Auth({ permission: ['register.write', 'register.read_full'] })
  updateHousehold(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateHouseholdDto) {
    return this.register.updateHousehold(actor, id, dto);
  }

  @Post('households/:id/people')
  @Auth({ permission: 'register.write' })
  addPerson(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: PersonDtoIn) {
    return this.register.addPerson(actor, id, dto);
  }

  @Get('people')
  @Auth({ permission: 'register.read' })
  searchPeople(@CurrentActor() actor: Actor, @Query() q: PeopleQuery) {
    return this.register.searchPeople(actor, { ...q, limit: q.limit ?? 20 });
  }

  /** Masked; `?reveal=true` shows full phone and ID number to roles that may, and is logged. */
  @Get('people/:id')
  @Auth({ permission: ['register.read', 'register.read_full'] })
  person(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Query() q: RevealQuery) {
    return this.register.getPerson(actor, id, q.reveal === true);
  }

  @Patch('people/:id')
  @Auth({ permission: 'register.write' })
  updatePerson(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdatePersonDto) {
    return this.register.updatePerson(actor, id, dto);
  }

  @Delete('people/:id')
  @Auth({ permission: 'register.write' })
  @HttpCode(204)
  async deletePerson(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.register.deletePerson(actor, id);
  }

  @Post('organizations')
  @Auth({ permission: 'register.write' })
  createOrganization(@CurrentActor() actor: Actor, @Body() dto: OrganizationDtoIn) {
    return this.register.createOrganization(actor, dto);
  }

  @Patch('organizations/:id')
  @Auth({ permission: 'register.write' })
  updateOrganization(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateOrganizationDto) {
    return this.register.updateOrganization(actor, id, dto);
  }

  @Delete('organizations/:id')
  @Auth({ permission: 'register.write' })
  @HttpCode(204)
  async deleteOrganization(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.register.deleteOrganization(actor, id);
  }

  @Get('organizations')
  @Auth({ permission: 'register.read' })
  listOrganizations(@CurrentActor() actor: Actor, @Query() q: PageQuery) {
    return this.register.listOrganizations(actor, { node: q.node, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  @Post('risks')
  @Auth({ permission: 'register.write' })
  createRisk(@CurrentActor() actor: Actor, @Body() dto: RiskDtoIn) {
    return this.register.createRisk(actor, dto);
  }

  @Patch('risks/:id')
  @Auth({ permission: 'register.write' })
  updateRisk(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateRiskDto) {
    return this.register.updateRisk(actor, id, dto);
  }

  @Get('risks')
  @Auth({ permission: 'register.read' })
  listRisks(@CurrentActor() actor: Actor, @Query() q: RiskQuery) {
    return this.register.listRisks(actor, { node: q.node, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  // Residents: their own household.
  /** The households the caller is a confirmed member of, in the resident view (no staff-only fields); each view is logged. */
  @Get('mine')
  @Auth({ anyUser: OWN })
  mine(@CurrentActor() actor: Actor) {
    return this.register.myHouseholds(actor);
  }

  /** Asks to be linked to the register entry with this name and ID number: pending until the micro-grid's staff confirm it (at once when the caller's WeChat-verified phone is the record's). */
  @Post('mine/claim')
  @Auth({ anyUser: 'asks to be linked to the entry whose name and ID number one knows; staff confirm' })
  @HttpCode(200)
  claim(@CurrentActor() actor: Actor, @Body() dto: ClaimBodyDto) {
    return this.claims.claim(actor, dto);
  }

  /** The caller's own claims and their state, newest first. */
  @Get('mine/claims')
  @Auth({ anyUser: OWN })
  myClaims(@CurrentActor() actor: Actor) {
    return this.claims.myClaims(actor);
  }

  // Staff: claims to decide.
  @Get('claims')
  @Auth({ permission: 'register.write' })
  listClaims(@CurrentActor() actor: Actor, @Query() q: ClaimsQuery) {
    return this.claims.list(actor, { node: q.node, state: q.state, cursor: q.cursor, limit: q.limit ?? 50 });
  }

  @Post('claims/:id/confirm')
  @Auth({ permission: 'register.write' })
  @HttpCode(200)
  confirmClaim(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number) {
    return this.claims.confirm(actor, id);
  }

  @Post('claims/:id/reject')
  @Auth({ permission: 'register.write' })
  @HttpCode(200)
  rejectClaim(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: RejectClaimDto) {
    return this.claims.reject(actor, id, dto.reason);
  }

  @Patch('mine/people/:id')
  @Auth({ anyUser: "a confirmed member corrects their own household's people" })
  correctMine(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdatePersonDto) {
    return this.register.correctMine(actor, id, dto);
  }
}
