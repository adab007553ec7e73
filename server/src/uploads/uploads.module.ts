import { Module } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { CONTENT_SECURITY, PassAllContentSecurity } from './content-security.js';
import { BLOB_STORAGE, LocalDiskStorage, type BlobStorage } from './storage.js';
import { S3BlobStorage } from './s3-storage.js';

/** STORAGE=local (default: UPLOAD_DIR) or s3 (S3_*: shared by every API instance). */
function blobStorage(c: AppConfig): BlobStorage {
  if (c.STORAGE !== 's3') return new LocalDiskStorage(c.UPLOAD_DIR);
  return new S3BlobStorage({
    endpoint: c.S3_ENDPOINT,
    region: c.S3_REGION,
    bucket: c.S3_BUCKET,
    accessKeyId: c.S3_ACCESS_KEY_ID,
    secretAccessKey: c.S3_SECRET_ACCESS_KEY,
    forcePathStyle: c.S3_FORCE_PATH_STYLE === 'on',
    prefix: c.S3_PREFIX,
  });
}
import { UploadsController } from './uploads.controller.js';
import { PhotoGrants, UploadsService } from './uploads.service.js';
import { UploadsRepo } from './uploads.repo.js';

@Module({
  controllers: [UploadsController],
  providers: [
    UploadsService,
    UploadsRepo,
    PhotoGrants,
    { provide: BLOB_STORAGE, inject: [AppConfig], useFactory: blobStorage },
    { provide: CONTENT_SECURITY, useClass: PassAllContentSecurity },
  ],
  exports: [UploadsService, UploadsRepo, PhotoGrants, CONTENT_SECURITY],
})
export class UploadsModule {}
