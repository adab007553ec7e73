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
import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor } from '../auth/decorators.js';
import { UsersService } from './users.service.js';
import { BindPhoneDto, ShareInfoBodyDto, UpdateMeDto } from './dto.js';
let MeController = class MeController {
    users;
    constructor(users) {
        this.users = users;
    }
    me(actor) {
        return this.users.me(actor.userId);
    }
    update(actor, body) {
        return this.users.updateName(actor, body.name);
    }
    phone(actor, body) {
        return this.users.bindPhone(actor, body.code);
    }
    shareInfo(actor, body) {
        return this.users.shareInfo(actor, body.encryptedData, body.iv);
    }
};
__decorate([
    Get(),
    ApiOperation({ summary: 'The caller: name, masked phone, roles with their nodes' }),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], MeController.prototype, "me", null);
__decorate([
    Patch(),
    ApiOperation({ summary: 'Set the display name' }),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, UpdateMeDto]),
    __metadata("design:returntype", Promise)
], MeController.prototype, "update", null);
__decorate([
    Post('phone'),
    HttpCode(200),
    ApiOperation({ summary: 'Bind the phone number behind a getPhoneNumber code (answered masked)' }),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, BindPhoneDto]),
    __metadata("design:returntype", Promise)
], MeController.prototype, "phone", null);
__decorate([
    Post('share-info'),
    HttpCode(200),
    ApiOperation({ summary: 'Decrypt group share info (wx.getGroupEnterInfo) into the opengid' }),
    __param(0, CurrentActor()),
    __param(1, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, ShareInfoBodyDto]),
    __metadata("design:returntype", Promise)
], MeController.prototype, "shareInfo", null);
MeController = __decorate([
    ApiTags('accounts'),
    Auth(),
    Controller('me'),
    __metadata("design:paramtypes", [UsersService])
], MeController);
export { MeController };
//# sourceMappingURL=me.controller.js.map