import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UploadDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { BLOB_STORAGE, type BlobStorage } from './storage.js';
import { CONTENT_SECURITY, type ContentSecurity } from './content-security.js';
import { EXT, ImageRejected, processImage } from './image.js';
import type { Upload } from './upload.entity.js';
import { UploadsRepo } from './uploads.repo.js';
import { AppConfig } from '../config/config.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * A photo's URLs. `grant` (see `PhotoGrants`) lets one viewer other than the owner fetch it: the
 * URL is only ever put in an answer that already passed that viewer's access check.
 */
export function toUploadDto(u: Upload, grant?: string): UploadDto {
  const q = grant ? `?g=${grant}` : '';
  return {
    id: u.publicId,
    mime: u.mime as UploadDto['mime'],
    size: u.size,
    width: u.width,
    height: u.height,
    url: `/api/v1/uploads/${u.publicId}${q}`,
    thumbUrl: `/api/v1/uploads/${u.publicId}/thumb${q}`,
    held: u.moderation !== 'pass',
  };
}

/** How long a photo URL handed to a viewer keeps working (a day, so an open page's images survive). */
const GRANT_TTL_S = 86_400;

/**
 * Viewer-bound read grants for photos. A photo belongs to no node by itself; who may see it is
 * decided by the event it is attached to, when that event is shown. So the event detail signs each
 * photo URL for its viewer (HMAC over photo id, viewer id and expiry, keyed from JWT_SECRET), and
 * the upload endpoint serves someone else's photo only with a valid grant for the caller: a URL
 * copied to another account, or an id guessed or seen elsewhere, gets 404.
 */
@Injectable()
export class PhotoGrants {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('weigrid photo grant v1').digest();
  }

  private mac(publicId: string, viewerId: number, exp: number): string {
    return createHmac('sha256', this.key).update(`${publicId}:${viewerId}:${exp}`).digest('base64url').slice(0, 32);
  }

  /** `exp.mac`; the expiry is rounded up to the hour so a viewer's URLs stay the same (cacheable) within it. */
  grant(publicId: string, viewerId: number, now = Date.now()): string {
    const exp = Math.ceil(now / 3_600_000) * 3600 + GRANT_TTL_S;
    return `${exp}.${this.mac(publicId, viewerId, exp)}`;
  }

  valid(publicId: string, viewerId: number, grant: string | undefined, now = Date.now()): boolean {
    const m = grant ? /^(\d{1,12})\.([\w-]{32})$/.exec(grant) : null;
    if (!m) return false;
    const exp = Number(m[1]);
    if (exp * 1000 < now) return false;
    const want = Buffer.from(this.mac(publicId, viewerId, exp));
    const got = Buffer.from(m[2]!);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}

@Injectable()
export class UploadsService {
  constructor(
    private readonly uploads: UploadsRepo,
    @Inject(BLOB_STORAGE) private readonly storage: BlobStorage,
    @Inject(CONTENT_SECURITY) private readonly security: ContentSecurity,
    private readonly grants: PhotoGrants,
  ) {}

  async store(actor: Actor, input: Buffer): Promise<UploadDto> {
    if (input.length === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty', { fields: { file: 'empty' } });
    if (input.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `at most ${MAX_UPLOAD_BYTES} bytes`);
    let img;
    try {
      img = await processImage(input);
    } catch (e) {
      if (e instanceof ImageRejected) throw new AppError(e.reason === 'type' ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED', e.message, { reason: e.reason });
      throw e;
    }
    const moderation = await this.security.checkImage(img.data, { userId: actor.userId });
    const publicId = randomBytes(12).toString('hex');
    const key = `${publicId.slice(0, 2)}/${publicId}`;
    const storageKey = `${key}.${EXT[img.mime]}`;
    const thumbKey = `${key}_t.webp`;
    await this.storage.put(storageKey, img.data, img.mime);
    await this.storage.put(thumbKey, img.thumb, 'image/webp');
    const row: Omit<Upload, 'id'> = {
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
      await this.uploads.insert(row);
    } catch (e) {
      await Promise.all([this.storage.delete(storageKey), this.storage.delete(thumbKey)]).catch(() => undefined);
      throw e;
    }
    return toUploadDto(row as Upload);
  }

  /**
   * The bytes of a photo or its thumbnail: for its owner, or for a viewer holding a grant from an
   * answer that showed them the photo (held photos are only ever granted to staff). Anyone else,
   * a bad id and a missing photo all get the same 404.
   */
  async read(actor: Actor, publicId: string, thumb: boolean, grant?: string): Promise<{ mime: string; data: Buffer }> {
    if (!/^[0-9a-f]{24}$/.test(publicId)) throw new AppError('NOT_FOUND', 'photo not found');
    const u = await this.uploads.byPublicId(publicId);
    if (!u || (actor.userId !== u.ownerId && !this.grants.valid(publicId, actor.userId, grant))) throw new AppError('NOT_FOUND', 'photo not found');
    const data = await this.storage.get(thumb ? u.thumbKey : u.storageKey);
    if (!data) throw new AppError('GONE', 'the photo file is missing');
    return { mime: thumb ? 'image/webp' : u.mime, data };
  }
}
