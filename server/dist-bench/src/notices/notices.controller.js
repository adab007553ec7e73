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
import { NoticesService } from './notices.service.js';
import { CreateNoticeDto, PageQueryDto, PendingQueryDto } from './dto.js';
let NoticesController = class NoticesController {
    notices;
    constructor(notices) {
        this.notices = notices;
    }
    create(actor, body) {
        return this.notices.create(actor, body);
    }
    inbox(actor, q) {
        return this.notices.inbox(actor, q);
    }
    sent(actor, q) {
        return this.notices.sent(actor, q);
    }
    detail(actor, id) {
        return this.notices.detail(actor, id);
    }
    read(actor, id) {
        return this.notices.markRead(actor, id, false);
    }
    ack(actor, id) {
        return this.notices.markRead(actor, id, true);
    }
    stats(actor, id) {
        return this.notices.stats(actor, id);
    }
    pending(actor, id, q) {
        return this.notices.pending(actor, id, q);
    }
    remind(actor, id) {
        return this.notices.remind(actor, id);
    }
};
__decorate([
    Post(),
    ApiOperation({ summary: 'Send an instruction to a subtree (optionally some roles), with attachments and an ack deadline' }),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, CreateNoticeDto]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "create", null);
__decorate([
    Get('inbox'),
    ApiOperation({ summary: 'Notices addressed to me, newest first, with my read/ack state' }),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PageQueryDto]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "inbox", null);
__decorate([
    Get('sent'),
    ApiOperation({ summary: 'Notices sent within my scope' }),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PageQueryDto]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "sent", null);
__decorate([
    Get(':id'),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "detail", null);
__decorate([
    Post(':id/read'),
    HttpCode(200),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "read", null);
__decorate([
    Post(':id/ack'),
    HttpCode(200),
    ApiOperation({ summary: 'Acknowledge (确认收到); also marks it read' }),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "ack", null);
__decorate([
    Get(':id/stats'),
    ApiOperation({ summary: 'Read and ack rates per child node of the target' }),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "stats", null);
__decorate([
    Get(':id/pending'),
    ApiOperation({ summary: 'Who has not read (or with unacked=true, not acknowledged) it' }),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __param(2, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number, PendingQueryDto]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "pending", null);
__decorate([
    Post(':id/remind'),
    HttpCode(200),
    ApiOperation({ summary: 'Push again to everyone who has not read it (at most every 10 minutes)' }),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], NoticesController.prototype, "remind", null);
NoticesController = __decorate([
    ApiTags('notices'),
    Auth(),
    Controller('notices'),
    __metadata("design:paramtypes", [NoticesService])
], NoticesController);
export { NoticesController };
//# sourceMappingURL=notices.controller.js.map