import { Module } from '@nestjs/common';
import { RoutingController } from './routing.controller.js';
import { RoutingService } from './routing.service.js';

/**
 * Point → micro-grid routing. Import this module and inject `RoutingService`:
 *   const r = routing.locate({ lat, lng, crs: 'gcj02' }); // null: outside the served area
 *   r.node (the micro-grid, or a fallback node), r.path (top → node), r.fallback (null | 'nearest' | 'enclosing')
 */
@Module({
  controllers: [RoutingController],
  providers: [RoutingService],
  exports: [RoutingService],
})
export class RoutingModule {}
