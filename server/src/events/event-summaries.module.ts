import { Global, Module } from '@nestjs/common';
import { HouseholdEvents } from '../register/household-file-ports.js';
import { EventSummaries } from './event-summaries.repo.js';

/** Global only to hand the register its HouseholdEvents reader (register cannot import events). */
@Global()
@Module({
  providers: [EventSummaries, { provide: HouseholdEvents, useExisting: EventSummaries }],
  exports: [HouseholdEvents],
})
export class EventSummariesModule {}
