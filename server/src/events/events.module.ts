import { Module } from '@nestjs/common';
import { AccountReads } from '../accounts/account-reads.repo.js';
import { UserContacts } from '../accounts/user-contacts.repo.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { UploadReads } from '../uploads/upload-reads.repo.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { EventQueriesService } from './event-queries.service.js';
import { EventRulesController, EventsController, WebhooksController } from './events.controller.js';
import { EventsRepo } from './events.repo.js';
import { ExternalEventReads } from './public-events.repo.js';
import { EventsService } from './events.service.js';
import { OverdueService } from './overdue.service.js';
import { ResponsibilityRepo } from './responsibility.repo.js';
import { ResponsibilityService } from './responsibility.service.js';
import { SlaRepo } from './sla.repo.js';
import { SlaService } from './sla.service.js';
import { WebhookSourcesRepo } from './webhook-sources.repo.js';
import { WebhookGuard, WebhooksService } from './webhooks.js';
import { AppConfig } from '../config/config.js';
import { PiiCipher } from '../register/pii-cipher.js';
import { CasePolicy, EVENT_PII } from './case-policy.js';
import { TemplatesRepo } from './templates.repo.js';
import { TemplatesService } from './templates.service.js';

/**
 * The event closed loop 发现—上报—处置—解决: intake, workflow, deadlines, 吹哨, machine intake.
 * AccountReads and UploadReads (narrow readers of accounts' and uploads' tables) are provided here
 * and exported for the modules built on events (campaigns).
 */
@Module({
  imports: [RoutingModule, UploadsModule, OutboxModule],
  controllers: [EventsController, EventRulesController, WebhooksController],
  providers: [
    CasePolicy,
    TemplatesRepo,
    TemplatesService,
    { provide: EVENT_PII, inject: [AppConfig], useFactory: (cfg: AppConfig) => PiiCipher.fromConfig(cfg) },
    EventsService,
    EventQueriesService, SlaService, OverdueService, ResponsibilityService, WebhooksService, WebhookGuard, EventsRepo, ResponsibilityRepo, SlaRepo, WebhookSourcesRepo, AccountReads, UserContacts, UploadReads, ExternalEventReads],
  // ExternalEventReads and AccountReads: the open311 module's readers (public listing, callbacks, agency names).
  exports: [EventsService, EventQueriesService, SlaService, EventsRepo, UploadReads, CasePolicy, TemplatesService, ExternalEventReads, AccountReads],
})
export class EventsModule {}
