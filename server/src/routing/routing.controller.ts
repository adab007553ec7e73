import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LocateResultDto } from '@weigrid/shared';
import { AppError } from '../common/app-error.js';
import { LocateQueryDto } from '../grids/dto/grid-queries.dto.js';
import { RoutingService } from './routing.service.js';
import { PUBLIC_TREE, Public } from '../auth/decorators.js';

/** GET /grids/locate — under the grids tag and path, served by routing (grids do not import routing). */
@ApiTags('grids')
@Controller('grids')
export class RoutingController {
  constructor(private readonly routing: RoutingService) {}

  @Get('locate')
  @Public(PUBLIC_TREE)
  @ApiOperation({ summary: 'The micro-grid owning a point, with its path (fallback: nearest within GRID_NEAREST_MAX_M, else smallest enclosing node)' })
  locate(@Query() q: LocateQueryDto): LocateResultDto {
    const r = this.routing.locate(q);
    if (!r) throw new AppError('LOCATION_OUT_OF_AREA', 'the point is outside every grid this deployment serves', { lat: q.lat, lng: q.lng, crs: q.crs ?? 'gcj02' });
    return r;
  }
}
