import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { GridsModule } from '../grids/grids.module.js';
import { OverviewController } from './overview.controller.js';

@Module({ imports: [GridsModule, CatalogModule], controllers: [OverviewController] })
export class OverviewModule {}
