import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GridNodeDto, GridNodeSummary, GridPathItem, Page } from '@weigrid/shared';
import { Auth, CurrentActor, PUBLIC_TREE, Public } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { GridNodeEditBodyDto } from './dto/grid-edit.dto.js';
import { GeoJsonQueryDto, SearchQueryDto } from './dto/grid-queries.dto.js';
import { TokenCursorQueryDto } from '../common/cursor-query.dto.js';
import type { GridFeatureCollection } from './geojson-export.js';
import { GridsService } from './grids.service.js';

/** Largest subtree the API returns as GeoJSON in one response; bigger ones go through the CLI. */
export const GEOJSON_MAX_FEATURES = 20000;

@ApiTags('grids')
@Controller('grids')
export class GridsController {
  constructor(private readonly grids: GridsService) {}

  @Get()
  @Public(PUBLIC_TREE)
  @ApiOperation({ summary: 'Top nodes of the tree' })
  roots(@Query() q: TokenCursorQueryDto): Promise<Page<GridNodeSummary>> {
    return this.grids.children(null, q);
  }

  // GET grids/locate is served by routing/routing.controller.ts.

  @Get('search')
  @Public(PUBLIC_TREE)
  @ApiOperation({ summary: 'Search nodes by name (contains) or code (prefix)' })
  search(@Query() q: SearchQueryDto): Promise<Page<GridNodeSummary & { path: GridPathItem[] }>> {
    return this.grids.search(q);
  }

  @Get(':code')
  @Public(PUBLIC_TREE)
  detail(@Param('code') code: string): Promise<GridNodeDto> {
    return this.grids.detail(code);
  }

  @Get(':code/children')
  @Public(PUBLIC_TREE)
  children(@Param('code') code: string, @Query() q: TokenCursorQueryDto): Promise<Page<GridNodeSummary>> {
    return this.grids.children(code, q);
  }

  @Get(':code/path')
  @Public(PUBLIC_TREE)
  @ApiOperation({ summary: 'Ancestors from the top of the tree down to the node' })
  path(@Param('code') code: string): Promise<GridPathItem[]> {
    return this.grids.path(code);
  }

  @Patch(':code')
  @Auth({ permission: 'grid.edit' })
  @ApiOperation({ summary: 'Edit a node (name, boundary, virtual) — community/street/district/city admins within their subtree' })
  edit(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: GridNodeEditBodyDto): Promise<GridNodeDto> {
    return this.grids.edit(actor, code, body);
  }

  @Get(':code/geojson')
  @Public(PUBLIC_TREE)
  @ApiOperation({ summary: `The node and its subtree as a GeoJSON FeatureCollection (at most ${GEOJSON_MAX_FEATURES} features)` })
  geojson(@Param('code') code: string, @Query() q: GeoJsonQueryDto): Promise<GridFeatureCollection> {
    return this.grids.geojson(code, { ...q, maxFeatures: GEOJSON_MAX_FEATURES });
  }
}
