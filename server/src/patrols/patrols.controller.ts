import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { PatrolCheckinDto, PatrolCoverageDto, PatrolTrackDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { CoverageQuery, CreateCheckinDto, LedgerQuery, TrackQuery } from './dto.js';
import { PatrolsService } from './patrols.service.js';

@ApiTags('patrols')
@Controller('patrols')
export class PatrolsController {
  constructor(private readonly patrols: PatrolsService) {}

  @Post('checkins')
  @Auth({ permission: 'patrol.checkin' })
  @ApiOperation({ summary: 'Check in on patrol, inside one of your grids (422 OUTSIDE_GRID with the distance otherwise)' })
  checkin(@CurrentActor() actor: Actor, @Body() body: CreateCheckinDto): Promise<PatrolCheckinDto> {
    return this.patrols.checkin(actor, body);
  }

  @Get('tracks')
  @Auth({ permission: 'patrol.read', anyUser: "one's own track" })
  @ApiOperation({ summary: "A day's check-ins of one person, in order, with the distance walked" })
  track(@CurrentActor() actor: Actor, @Query() q: TrackQuery): Promise<PatrolTrackDto> {
    return this.patrols.track(actor, q);
  }

  @Get('coverage')
  @Auth({ permission: 'patrol.read' })
  @ApiOperation({ summary: 'Per grid and day: patrolled or not, micro-grids visited' })
  coverage(@CurrentActor() actor: Actor, @Query() q: CoverageQuery): Promise<PatrolCoverageDto> {
    return this.patrols.coverage(actor, q);
  }

  @Get('ledger')
  @Auth({ permission: 'patrol.read' })
  @ApiOperation({ summary: 'The patrol ledger (台账) of a subtree and period, as XLSX or CSV' })
  async ledger(@CurrentActor() actor: Actor, @Query() q: LedgerQuery, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.patrols.ledger(actor, q);
    await reply.header('content-type', f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').header('x-row-count', String(f.rows)).send(f.data);
  }
}
