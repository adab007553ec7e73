var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { NotifyController } from './notify.controller.js';
import { NotifyService } from './notify.service.js';
import { SubscribeSender } from './subscribe.sender.js';
import { EventSenders } from './event.senders.js';
/** The inbox, subscribe credits, and the senders that turn outbox rows into messages to people. */
let NotifyModule = class NotifyModule {
};
NotifyModule = __decorate([
    Module({
        imports: [OutboxModule],
        controllers: [NotifyController],
        providers: [NotifyService, SubscribeSender, EventSenders],
        exports: [NotifyService],
    })
], NotifyModule);
export { NotifyModule };
//# sourceMappingURL=notify.module.js.map