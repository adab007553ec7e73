import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { UserReads } from '../accounts/user-reads.repo.js';
import { EventReadsRepo } from '../events/event-reads.repo.js';
import { NotifyController } from './notify.controller.js';
import { NotifyService } from './notify.service.js';
import { SubscribeSender } from './subscribe.sender.js';
import { EventSenders } from './event.senders.js';
import { NotificationsRepo } from './notifications.repo.js';
import { SubscribeCreditsRepo } from './subscribe-credits.repo.js';
import { NotifyEventReads } from './event-reads.js';

/**
 * The inbox, subscribe credits, and the senders that turn outbox rows into messages to people.
 * NoticeReads comes from the (global) NoticesModule; NotifyEventReads is bound here to the events
 * module's reader until the events module binds it itself.
 */
@Module({
  imports: [OutboxModule],
  controllers: [NotifyController],
  providers: [NotifyService, SubscribeSender, EventSenders, NotificationsRepo, SubscribeCreditsRepo, UserReads, { provide: NotifyEventReads, useClass: EventReadsRepo }],
  exports: [NotifyService],
})
export class NotifyModule {}
