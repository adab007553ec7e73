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
import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { ShareService } from './share.service.js';
import { BindGroupDto, GroupInfoDto, NodeCodeQueryDto } from './dto.js';
let ShareController = class ShareController {
    share;
    constructor(share) {
        this.share = share;
    }
    bind(actor, body) {
        return this.share.bind(actor, body);
    }
    resolve(actor, body) {
        return this.share.resolve(actor, body);
    }
    bindings(actor, q) {
        return this.share.bindingsOf(actor, q.nodeCode);
    }
    async qrcode(actor, q) {
        return new StreamableFile(await this.share.qrcode(actor, q.nodeCode), { type: 'image/png' });
    }
};
__decorate([
    Post('groups'),
    HttpCode(200),
    ApiOperation({ summary: 'Bind the WeChat group a share ticket came from to a micro-grid (grid worker)' }),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, BindGroupDto]),
    __metadata("design:returntype", Promise)
], ShareController.prototype, "bind", null);
__decorate([
    Post('groups/resolve'),
    HttpCode(200),
    ApiOperation({ summary: 'Which micro-grid the group of a share ticket belongs to (node null: not bound)' }),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, GroupInfoDto]),
    __metadata("design:returntype", Promise)
], ShareController.prototype, "resolve", null);
__decorate([
    Get('groups'),
    ApiOperation({ summary: 'How many groups are bound to a micro-grid' }),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, NodeCodeQueryDto]),
    __metadata("design:returntype", Promise)
], ShareController.prototype, "bindings", null);
__decorate([
    Get('qrcode'),
    ApiOperation({ summary: 'Mini-program code (PNG) opening the report page pre-set to a micro-grid' }),
    __param(0, CurrentActor()),
    __param(1, Query()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, NodeCodeQueryDto]),
    __metadata("design:returntype", Promise)
], ShareController.prototype, "qrcode", null);
ShareController = __decorate([
    ApiTags('share'),
    Auth(),
    Controller('share'),
    __metadata("design:paramtypes", [ShareService])
], ShareController);
export { ShareController };
//# sourceMappingURL=share.controller.js.map