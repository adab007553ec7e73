import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GridNode } from './grid-node.entity.js';
import { GridsService } from './grids.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([GridNode])],
  providers: [GridsService],
  exports: [GridsService],
})
export class GridsModule {}
