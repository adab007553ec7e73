import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { StatsDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { bulletinHtml, bulletinXlsx } from './bulletin.js';
import { BulletinQuery, StatsQuery } from './dto.js';
import { StatsService } from './stats.service.js';

@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get()
  @Auth({ permission: 'stats.read' })
  @ApiOperation({ summary: 'Dashboard of a subtree: KPIs, each child, time series, top categories, overdue, patrol coverage, campaigns' })
  dashboard(@CurrentActor() actor: Actor, @Query() q: StatsQuery): Promise<StatsDto> {
    return this.stats.dashboard(actor, q);
  }

  @Get('bulletin')
  @Auth({ permission: 'stats.read' })
  @ApiOperation({ summary: '月通报: child nodes ranked by score for a month, as JSON, XLSX or a printable HTML page' })
  async bulletin(@CurrentActor() actor: Actor, @Query() q: BulletinQuery, @Res() reply: FastifyReply): Promise<void> {
    const b = await this.stats.bulletin(actor, q);
    const name = `bulletin-${b.node.code}-${b.month}`;
    if (q.format === 'xlsx') {
      await reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`).header('cache-control', 'no-store').send(await bulletinXlsx(b));
    } else if (q.format === 'html') {
      await reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(bulletinHtml(b));
    } else {
      await reply.header('cache-control', 'no-store').send(b);
    }
  }
}
