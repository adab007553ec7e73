import { Global, Module } from '@nestjs/common';
import { HouseholdEvents } from '../register/household-file-ports.js';
import { NotifyEventReads } from '../notify/event-reads.js';
import { EventSummaries } from './event-summaries.repo.js';
import { EventReadsRepo } from './event-reads.repo.js';

/**
 * Global only to hand readers of events to modules that cannot import events without a cycle:
 * register's HouseholdEvents and notify's NotifyEventReads (register and notify are below events).
 */
@Global()
@Module({
  providers: [EventSummaries, { provide: HouseholdEvents, useExisting: EventSummaries }, { provide: NotifyEventReads, useClass: EventReadsRepo }],
  exports: [HouseholdEvents, NotifyEventReads],
})
export class EventSummariesModule {}
