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
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { BLOB_STORAGE } from './storage.js';
import { CONTENT_SECURITY } from './content-security.js';
import { EXT, ImageRejected, processImage } from './image.js';
import { Upload } from './upload.entity.js';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export function toUploadDto(u) {
    return {
        id: u.publicId,
        mime: u.mime,
        size: u.size,
        width: u.width,
        height: u.height,
        url: `/api/v1/uploads/${u.publicId}`,
        thumbUrl: `/api/v1/uploads/${u.publicId}/thumb`,
        held: u.moderation !== 'pass',
    };
}
let UploadsService = class UploadsService {
    ds;
    storage;
    security;
    constructor(ds, storage, security) {
        this.ds = ds;
        this.storage = storage;
        this.security = security;
    }
    async store(actor, input) {
        if (input.length === 0)
            throw new AppError('VALIDATION_FAILED', 'the file is empty', { fields: { file: 'empty' } });
        if (input.length > MAX_UPLOAD_BYTES)
            throw new AppError('PAYLOAD_TOO_LARGE', `at most ${MAX_UPLOAD_BYTES} bytes`);
        let img;
        try {
            img = await processImage(input);
        }
        catch (e) {
            if (e instanceof ImageRejected)
                throw new AppError(e.reason === 'type' ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED', e.message, { reason: e.reason });
            throw e;
        }
        const moderation = await this.security.checkImage(img.data, { userId: actor.userId });
        const publicId = randomBytes(12).toString('hex');
        const key = `${publicId.slice(0, 2)}/${publicId}`;
        const storageKey = `${key}.${EXT[img.mime]}`;
        const thumbKey = `${key}_t.webp`;
        await this.storage.put(storageKey, img.data, img.mime);
        await this.storage.put(thumbKey, img.thumb, 'image/webp');
        const row = {
            publicId,
            ownerId: actor.userId,
            mime: img.mime,
            size: img.data.length,
            width: img.width,
            height: img.height,
            storageKey,
            thumbKey,
            moderation,
            createdAt: new Date(),
        };
        try {
            await this.ds.getRepository(Upload).insert(row);
        }
        catch (e) {
            await Promise.all([this.storage.delete(storageKey), this.storage.delete(thumbKey)]).catch(() => undefined);
            throw e;
        }
        return toUploadDto(row);
    }
    /** The bytes of a photo or its thumbnail. Held photos are visible to their owner only. */
    async read(actor, publicId, thumb) {
        if (!/^[0-9a-f]{24}$/.test(publicId))
            throw new AppError('NOT_FOUND', 'photo not found');
        const u = await this.ds.getRepository(Upload).findOne({ where: { publicId } });
        if (!u || (u.moderation !== 'pass' && actor?.userId !== u.ownerId))
            throw new AppError('NOT_FOUND', 'photo not found');
        const data = await this.storage.get(thumb ? u.thumbKey : u.storageKey);
        if (!data)
            throw new AppError('GONE', 'the photo file is missing');
        return { mime: thumb ? 'image/webp' : u.mime, data };
    }
};
UploadsService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __param(1, Inject(BLOB_STORAGE)),
    __param(2, Inject(CONTENT_SECURITY)),
    __metadata("design:paramtypes", [DataSource, Object, Object])
], UploadsService);
export { UploadsService };
//# sourceMappingURL=uploads.service.js.map