import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { RegisterModule } from '../register/register.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { CallbackRelay } from './callbacks.js';
import { ApiClientsRepo } from './clients.repo.js';
import { ApiClientsService } from './clients.service.js';
import { GeoReportController } from './georeport.controller.js';
import { GeoReportService } from './georeport.service.js';
import { HotlineGuard, HotlineService } from './hotline.service.js';
import { Open311Controller } from './open311.controller.js';
import { Open311Repo } from './requests.repo.js';

/**
 * Other systems file and follow cases here: Open311 GeoReport v2 at /open311/v2 (outside /api/v1),
 * 12345 work orders (HMAC-signed intake) and status callbacks through the outbox, API keys per
 * external client. Built on events (intake, readers), register (the PII cipher) and the outbox.
 */
@Module({
  imports: [EventsModule, OutboxModule, RegisterModule, RoutingModule, UploadsModule],
  controllers: [GeoReportController, Open311Controller],
  providers: [ApiClientsRepo, Open311Repo, ApiClientsService, GeoReportService, HotlineService, HotlineGuard, CallbackRelay],
  exports: [ApiClientsService],
})
export class Open311Module {}
