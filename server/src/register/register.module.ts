import { Module } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { AccessLogService } from './access-log.service.js';
import { PiiCipher } from './pii-cipher.js';
import { RegisterController } from './register.controller.js';
import { PII_CIPHER, RegisterService } from './register.service.js';

@Module({
  controllers: [RegisterController],
  providers: [{ provide: PII_CIPHER, inject: [AppConfig], useFactory: (cfg: AppConfig) => PiiCipher.fromConfig(cfg) }, AccessLogService, RegisterService],
  exports: [PII_CIPHER, AccessLogService, RegisterService],
})
export class RegisterModule {}
