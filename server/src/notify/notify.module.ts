import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { UserReads } from '../accounts/user-reads.repo.js';
import { NotifyController } from './notify.controller.js';
import { NotifyService } from './notify.service.js';
import { SubscribeSender } from './subscribe.sender.js';
import { EventSenders } from './event.senders.js';
import { NotificationsRepo } from './notifications.repo.js';
import { SubscribeCreditsRepo } from './subscribe-credits.repo.js';

/**
 * The inbox, subscribe credits, and the senders that turn outbox rows into messages to people.
 * NoticeReads comes from the (global) NoticesModule, NotifyEventReads from the events module's
 * global EventSummariesModule.
 */
@Module({
  imports: [OutboxModule],
  controllers: [NotifyController],
  providers: [NotifyService, SubscribeSender, EventSenders, NotificationsRepo, SubscribeCreditsRepo, UserReads],
  exports: [NotifyService],
})
export class NotifyModule {}
