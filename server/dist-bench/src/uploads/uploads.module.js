var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { ActorGuard } from '../events/actor-guard.js';
import { CONTENT_SECURITY, PassAllContentSecurity } from './content-security.js';
import { BLOB_STORAGE, LocalDiskStorage } from './storage.js';
import { UploadsController } from './uploads.controller.js';
import { UploadsService } from './uploads.service.js';
let UploadsModule = class UploadsModule {
};
UploadsModule = __decorate([
    Module({
        controllers: [UploadsController],
        providers: [
            UploadsService,
            ActorGuard,
            { provide: BLOB_STORAGE, inject: [AppConfig], useFactory: (c) => new LocalDiskStorage(c.UPLOAD_DIR) },
            { provide: CONTENT_SECURITY, useClass: PassAllContentSecurity },
        ],
        exports: [UploadsService, CONTENT_SECURITY],
    })
], UploadsModule);
export { UploadsModule };
//# sourceMappingURL=uploads.module.js.map