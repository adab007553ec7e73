import { Global, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { NotifyModule } from '../notify/notify.module.js';
import { NoticeReads } from '../notify/notice-reads.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { UserReads } from '../accounts/user-reads.repo.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';
import { NoticesRepo } from './notices.repo.js';

/** Global only to hand notify its NoticeReads reader (notify cannot import notices, which uses it). */
@Global()
@Module({
  imports: [AccessModule, OutboxModule, NotifyModule, UploadsModule],
  controllers: [NoticesController],
  providers: [NoticesService, NoticesRepo, UserReads, { provide: NoticeReads, useExisting: NoticesRepo }],
  exports: [NoticeReads],
})
export class NoticesModule {}
