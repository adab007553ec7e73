import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { NotifyController } from './notify.controller.js';
import { NotifyService } from './notify.service.js';
import { SubscribeSender } from './subscribe.sender.js';
import { EventSenders } from './event.senders.js';

/** The inbox, subscribe credits, and the senders that turn outbox rows into messages to people. */
@Module({
  imports: [OutboxModule],
  controllers: [NotifyController],
  providers: [NotifyService, SubscribeSender, EventSenders],
  exports: [NotifyService],
})
export class NotifyModule {}
