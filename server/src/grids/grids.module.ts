import { Global, Module } from '@nestjs/common';
import { GridTree } from './grid-tree.repo.js';
import { GridsController } from './grids.controller.js';
import { GridsService } from './grids.service.js';

/** The grid tree. Global so every module can read the tree through the GridTree port. */
@Global()
@Module({
  controllers: [GridsController],
  providers: [GridsService, GridTree],
  exports: [GridsService, GridTree],
})
export class GridsModule {}
