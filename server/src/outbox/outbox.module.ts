import { Module } from '@nestjs/common';
import { SenderRegistry } from './sender-registry.js';
import { OutboxWorkerService } from './outbox-worker.service.js';

/** Import this module to register senders (`SenderRegistry.register(kind, fn)` in onModuleInit). */
@Module({
  providers: [SenderRegistry, OutboxWorkerService],
  exports: [SenderRegistry, OutboxWorkerService],
})
export class OutboxModule {}
