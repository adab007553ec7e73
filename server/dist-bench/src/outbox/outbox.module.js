var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { SenderRegistry } from './sender-registry.js';
import { OutboxWorkerService } from './outbox-worker.service.js';
import { OutboxAdminController } from './outbox-admin.controller.js';
import { OutboxAdminService } from './outbox-admin.service.js';
/** Import this module to register senders (`SenderRegistry.register(kind, fn)` in onModuleInit). */
let OutboxModule = class OutboxModule {
};
OutboxModule = __decorate([
    Module({
        controllers: [OutboxAdminController],
        providers: [SenderRegistry, OutboxWorkerService, OutboxAdminService],
        exports: [SenderRegistry, OutboxWorkerService],
    })
], OutboxModule);
export { OutboxModule };
//# sourceMappingURL=outbox.module.js.map