import { Module } from '@nestjs/common';
import { SenderRegistry } from './sender-registry.js';
import { OutboxWorkerService } from './outbox-worker.service.js';
import { OutboxAdminController } from './outbox-admin.controller.js';
import { OutboxAdminService } from './outbox-admin.service.js';
import { OutboxRepo } from './outbox.repo.js';

/** Import this module to register senders (`SenderRegistry.register(kind, fn)` in onModuleInit). */
@Module({
  controllers: [OutboxAdminController],
  providers: [SenderRegistry, OutboxWorkerService, OutboxAdminService, OutboxRepo],
  exports: [SenderRegistry, OutboxWorkerService],
})
export class OutboxModule {}
