var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { AccessLogService } from './access-log.service.js';
import { PiiCipher } from './pii-cipher.js';
import { RegisterController } from './register.controller.js';
import { PII_CIPHER, RegisterService } from './register.service.js';
let RegisterModule = class RegisterModule {
};
RegisterModule = __decorate([
    Module({
        controllers: [RegisterController],
        providers: [{ provide: PII_CIPHER, inject: [AppConfig], useFactory: (cfg) => PiiCipher.fromConfig(cfg) }, AccessLogService, RegisterService],
        exports: [PII_CIPHER, AccessLogService, RegisterService],
    })
], RegisterModule);
export { RegisterModule };
//# sourceMappingURL=register.module.js.map