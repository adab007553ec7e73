import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoutingModule } from '../routing/routing.module.js';
import { GridNode } from './grid-node.entity.js';
import { GridsController } from './grids.controller.js';
import { GridsService } from './grids.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([GridNode]), RoutingModule],
  controllers: [GridsController],
  providers: [GridsService],
  exports: [GridsService, RoutingModule],
})
export class GridsModule {}
