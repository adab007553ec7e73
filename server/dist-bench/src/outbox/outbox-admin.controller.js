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
import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { OutboxAdminService } from './outbox-admin.service.js';
import { OUTBOX_STATUSES } from './outbox.entity.js';
export class OutboxListQuery {
    status = 'dead';
    kind;
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    IsIn(OUTBOX_STATUSES),
    __metadata("design:type", String)
], OutboxListQuery.prototype, "status", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Matches(/^[a-z][a-z0-9_.-]{0,63}$/),
    __metadata("design:type", String)
], OutboxListQuery.prototype, "kind", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], OutboxListQuery.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], OutboxListQuery.prototype, "limit", void 0);
let OutboxAdminController = class OutboxAdminController {
    admin;
    constructor(admin) {
        this.admin = admin;
    }
    stats(actor) {
        return this.admin.stats(actor);
    }
    list(actor, q) {
        return this.admin.list(actor, q);
    }
    retry(actor, id) {
        return this.admin.retry(actor, id);
    }
};
__decorate([
    Get('stats'),
    ApiOperation({ summary: 'Outbox rows by status and kind, with the oldest waiting row (city admins)' }),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], OutboxAdminController.prototype, "stats", null);
__decorate([
    Get(),
    ApiOperation({ summary: 'Outbox rows of a status (default: dead letters), newest first' }),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, OutboxListQuery]),
    __metadata("design:returntype", Promise)
], OutboxAdminController.prototype, "list", null);
__decorate([
    Post(':id/retry'),
    HttpCode(200),
    ApiOperation({ summary: 'Requeue a dead row with fresh attempts' }),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], OutboxAdminController.prototype, "retry", null);
OutboxAdminController = __decorate([
    ApiTags('admin'),
    Auth(),
    Controller('admin/outbox'),
    __metadata("design:paramtypes", [OutboxAdminService])
], OutboxAdminController);
export { OutboxAdminController };
//# sourceMappingURL=outbox-admin.controller.js.map