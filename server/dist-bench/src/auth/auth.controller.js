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
import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service.js';
import { Auth, CurrentActor } from './decorators.js';
import { RefreshDto, WechatLoginDto } from './dto.js';
import { LoginRateGuard } from './login-rate.guard.js';
let AuthController = class AuthController {
    auth;
    constructor(auth) {
        this.auth = auth;
    }
    login(body) {
        return this.auth.loginWithWechat(body.code);
    }
    refresh(body) {
        return this.auth.refresh(body.refreshToken);
    }
    async logout(actor) {
        await this.auth.revokeSession(actor, actor.sessionId);
    }
    sessions(actor) {
        return this.auth.sessions(actor);
    }
    async revoke(actor, id) {
        await this.auth.revokeSession(actor, id);
    }
};
__decorate([
    Post('wechat'),
    HttpCode(200),
    UseGuards(LoginRateGuard),
    ApiOperation({ summary: 'Log in with a wx.login() code; returns our access + refresh tokens and the user' }),
    ApiResponse({ status: 401, description: 'WECHAT_CODE_INVALID' }),
    ApiResponse({ status: 429, description: 'RATE_LIMITED' }),
    ApiResponse({ status: 503, description: 'WECHAT_UNAVAILABLE' }),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [WechatLoginDto]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "login", null);
__decorate([
    Post('refresh'),
    HttpCode(200),
    UseGuards(LoginRateGuard),
    ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)' }),
    __param(0, Body()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [RefreshDto]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "refresh", null);
__decorate([
    Post('logout'),
    HttpCode(204),
    Auth(),
    ApiOperation({ summary: 'End this session' }),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "logout", null);
__decorate([
    Get('sessions'),
    Auth(),
    ApiOperation({ summary: "The caller's live sessions (devices)" }),
    __param(0, CurrentActor()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "sessions", null);
__decorate([
    Delete('sessions/:id'),
    HttpCode(204),
    Auth(),
    ApiOperation({ summary: 'End one of the caller’s sessions' }),
    __param(0, CurrentActor()),
    __param(1, Param('id', ParseIntPipe)),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Number]),
    __metadata("design:returntype", Promise)
], AuthController.prototype, "revoke", null);
AuthController = __decorate([
    ApiTags('auth'),
    Controller('auth'),
    __metadata("design:paramtypes", [AuthService])
], AuthController);
export { AuthController };
//# sourceMappingURL=auth.controller.js.map