import { Module } from '@nestjs/common';
import { AppConfig } from '../config/config.js';
import { CONTENT_SECURITY, PassAllContentSecurity } from './content-security.js';
import { BLOB_STORAGE, LocalDiskStorage } from './storage.js';
import { UploadsController } from './uploads.controller.js';
import { PhotoGrants, UploadsService } from './uploads.service.js';
import { UploadsRepo } from './uploads.repo.js';

@Module({
  controllers: [UploadsController],
  providers: [
    UploadsService,
    UploadsRepo,
    PhotoGrants,
    { provide: BLOB_STORAGE, inject: [AppConfig], useFactory: (c: AppConfig) => new LocalDiskStorage(c.UPLOAD_DIR) },
    { provide: CONTENT_SECURITY, useClass: PassAllContentSecurity },
  ],
  exports: [UploadsService, UploadsRepo, PhotoGrants, CONTENT_SECURITY],
})
export class UploadsModule {}
