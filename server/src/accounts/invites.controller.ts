import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DepartmentDto, InviteDto, MeDto, UserGrantDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { InvitesService } from './invites.service.js';
import { GrantsService } from './grants.service.js';
import { CreateDepartmentDto, CreateInviteDto, GrantsQueryDto, NodeQueryDto } from './dto.js';

@ApiTags('accounts')
@Controller('invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Post()
  @Auth({ permission: 'user.invite' })
  @ApiOperation({ summary: 'Invite someone to a role at a node in your scope (one-time code + QR)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateInviteDto): Promise<InviteDto> {
    return this.invites.create(actor, body);
  }

  @Get()
  @Auth({ permission: 'role.read' })
  @ApiOperation({ summary: 'Invites at nodes within nodeCode’s subtree' })
  list(@CurrentActor() actor: Actor, @Query() q: NodeQueryDto): Promise<InviteDto[]> {
    return this.invites.list(actor, q.nodeCode, q.limit);
  }

  @Get(':code/qr')
  @Auth({ permission: 'user.invite' })
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'Mini-program code (getwxacodeunlimit) that opens the accept page' })
  async qr(@CurrentActor() actor: Actor, @Param('code') code: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const png = await this.invites.qr(actor, code);
    // Set only on success: an error must still go out as the JSON envelope.
    void reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=300');
    return new StreamableFile(png);
  }

  @Post(':code/accept')
  @Auth({ anyUser: 'the one-time invite code is the credential' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the role the invite offers (the caller, after logging in)' })
  accept(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<MeDto> {
    return this.invites.accept(actor, code);
  }

  @Delete(':code')
  @Auth({ permission: 'role.revoke' })
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an unused invite' })
  async revoke(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<void> {
    await this.invites.revoke(actor, code);
  }
}

@ApiTags('accounts')
@Controller('grants')
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Get()
  @Auth({ permission: 'role.read' })
  @ApiOperation({ summary: 'Who holds which role within nodeCode’s subtree (phones masked)' })
  list(@CurrentActor() actor: Actor, @Query() q: GrantsQueryDto): Promise<UserGrantDto[]> {
    return this.grants.list(actor, q.nodeCode, q.limit, q.before);
  }

  @Delete(':id')
  @Auth({ permission: 'role.revoke' })
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a role (effective on the holder’s next request)' })
  async revoke(@CurrentActor() actor: Actor, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.grants.revoke(actor, id);
  }
}

@ApiTags('accounts')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly grants: GrantsService) {}

  @Post()
  @Auth({ permission: 'department.manage' })
  @ApiOperation({ summary: 'Create a department of a district or city with the categories it owns' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.grants.createDepartment(actor, body);
  }

  @Get()
  @Auth({ permission: 'role.read' })
  @ApiOperation({ summary: 'Departments serving nodeCode (at it or above)' })
  list(@CurrentActor() actor: Actor, @Query() q: NodeQueryDto): Promise<DepartmentDto[]> {
    return this.grants.listDepartments(actor, q.nodeCode);
  }
}
