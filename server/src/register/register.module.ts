import { Module } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { NotifyModule } from '../notify/notify.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { UserContacts } from '../accounts/user-contacts.repo.js';
import { AccessLogRepo } from './access-log.repo.js';
import { AccessLogService } from './access-log.service.js';
import { ClaimsRepo } from './claims.repo.js';
import { PeopleRepo } from './people.repo.js';
import { PlacesRepo } from './places.repo.js';
import { ClaimSenders } from './claim.senders.js';
import { ClaimsService } from './claims.service.js';
import { PiiCipher } from './pii-cipher.js';
import { RegisterController } from './register.controller.js';
import { PII_CIPHER, RegisterService } from './register.service.js';

@Module({
  imports: [OutboxModule, NotifyModule],
  controllers: [RegisterController],
  providers: [
    { provide: PII_CIPHER, inject: [AppConfig], useFactory: (cfg: AppConfig) => PiiCipher.fromConfig(cfg) },
    AccessLogRepo,
    AccessLogService,
    PlacesRepo,
    PeopleRepo,
    ClaimsRepo,
    UserContacts,
    RegisterService,
    ClaimsService,
    ClaimSenders,
  ],
  // PeopleRepo: care reads the people it plans visits for.
  exports: [PII_CIPHER, AccessLogService, RegisterService, PeopleRepo],
})
export class RegisterModule {}
