import { Module } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { NotifyModule } from '../notify/notify.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { AccessLogService } from './access-log.service.js';
import { ClaimSenders } from './claim.senders.js';
import { ClaimsService } from './claims.service.js';
import { PiiCipher } from './pii-cipher.js';
import { RegisterController } from './register.controller.js';
import { PII_CIPHER, RegisterService } from './register.service.js';

@Module({
  imports: [OutboxModule, NotifyModule],
  controllers: [RegisterController],
  providers: [{ provide: PII_CIPHER, inject: [AppConfig], useFactory: (cfg: AppConfig) => PiiCipher.fromConfig(cfg) }, AccessLogService, RegisterService, ClaimsService, ClaimSenders],
  exports: [PII_CIPHER, AccessLogService, RegisterService],
})
export class RegisterModule {}
