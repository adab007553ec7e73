import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';

@Module({
  imports: [AccessModule, OutboxModule],
  controllers: [NoticesController],
  providers: [NoticesService],
})
export class NoticesModule {}
