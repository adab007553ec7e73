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
import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { AppError } from '../common/app-error.js';
import { ActorGuard, CurrentActor } from '../events/actor-guard.js';
import { MAX_UPLOAD_BYTES, UploadsService } from './uploads.service.js';
let UploadsController = class UploadsController {
    uploads;
    constructor(uploads) {
        this.uploads = uploads;
    }
    /** multipart/form-data with one part named `file` (what wx.uploadFile sends). */
    async upload(actor, req) {
        if (!req.isMultipart())
            throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with a part named "file"');
        const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });
        if (!part || part.fieldname !== 'file')
            throw new AppError('VALIDATION_FAILED', 'a part named "file" is required', { fields: { file: 'required' } });
        const data = await part.toBuffer();
        return this.uploads.store(actor, data);
    }
    async original(actor, id, reply) {
        const f = await this.uploads.read(actor, id, false);
        await reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.data);
    }
    async thumb(actor, id, reply) {
        const f = await this.uploads.read(actor, id, true);
        await reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(f.data);
    }
};
__decorate([
    Post(),
    HttpCode(201),
    ApiConsumes('multipart/form-data'),
    __param(0, CurrentActor()),
    __param(1, Req()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], UploadsController.prototype, "upload", null);
__decorate([
    Get(':id'),
    __param(0, CurrentActor()),
    __param(1, Param('id')),
    __param(2, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", Promise)
], UploadsController.prototype, "original", null);
__decorate([
    Get(':id/thumb'),
    __param(0, CurrentActor()),
    __param(1, Param('id')),
    __param(2, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", Promise)
], UploadsController.prototype, "thumb", null);
UploadsController = __decorate([
    ApiTags('uploads'),
    ApiBearerAuth(),
    Controller('uploads'),
    UseGuards(ActorGuard),
    __metadata("design:paramtypes", [UploadsService])
], UploadsController);
export { UploadsController };
//# sourceMappingURL=uploads.controller.js.map