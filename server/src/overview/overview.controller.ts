import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OverviewDto } from '@weigrid/shared';
import { CatalogService } from '../catalog/catalog.service.js';
import { GridsService } from '../grids/grids.service.js';
import { APP_VERSION } from '../version.js';
import { Public } from '../auth/decorators.js';

/** Public, cacheable facts the home page shows before login. */
@ApiTags('overview')
@Controller('overview')
export class OverviewController {
  constructor(
    private readonly grids: GridsService,
    private readonly catalog: CatalogService,
  ) {}

  @Get()
  @Public('region name, grid counts and categories for the home page before login')
  async get(): Promise<OverviewDto> {
    const [region, gridCounts, categories] = await Promise.all([
      this.grids.root(),
      this.grids.countsByLevel(),
      this.catalog.listCategories(),
    ]);
    return { appName: '微网格', version: APP_VERSION, region, gridCounts, categories };
  }
}
