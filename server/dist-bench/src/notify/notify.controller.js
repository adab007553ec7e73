var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { NotifyService } from './notify.service.js';
import { InboxQueryDto, SubscriptionReportDto } from './dto.js';
let NotifyController = class NotifyController {
    notify;
    constructor(notify) {
        this.notify = notify;
    }
    inbox(actor, q) {
        return this.notify.inbox(actor, { cursor: q.cursor === undefined ? undefined : String(q.cursor), limit: q.limit, unread: q.unread });
    }
    unread(actor) {
        return this.notify.unread(actor);
    }
    readAll(actor) {
        return this.notify.markAllRead(actor);
    }
    read(actor, id) {
        return this.notify.markRead(actor, id);
    }
    templates(actor) {
        return this.notify.templatesFor(actor);
    }
    report(actor, body) {
        return this.notify.report(actor, body);
    }
};
__decorate([
    Get('inbox'),
    ApiOperation({ summary: 'My in-app notifications, newest first (cursor pagination)' }),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, InboxQueryDto]),
    __metadata("design:returntype", Promise)
], NotifyController.prototype, "inbox", null);
__decorate([
    Get('inbox/unread-count'),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], NotifyController.prototype, "unread", null);
__decorate([
    Post('inbox/read-all'),
    HttpCode(200),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], NotifyController.prototype, "readAll", null);
__decorate([
    Post('inbox/:id/read'),
    HttpCode(200),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], NotifyController.prototype, "read", null);
__decorate([
    Get('subscriptions'),
    ApiOperation({ summary: 'Subscribe templates (ids for wx.requestSubscribeMessage) and my credits' }),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], NotifyController.prototype, "templates", null);
__decorate([
    Post('subscriptions'),
    HttpCode(200),
    ApiOperation({ summary: 'Report what wx.requestSubscribeMessage answered; each accept is one send credit' }),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, SubscriptionReportDto]),
    __metadata("design:returntype", Promise)
], NotifyController.prototype, "report", null);
NotifyController = __decorate([
    ApiTags('notify'),
    Auth(),
    Controller(),
    __metadata("design:paramtypes", [NotifyService])
], NotifyController);
export { NotifyController };
//# sourceMappingURL=notify.controller.js.map