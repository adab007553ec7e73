import { Module } from '@nestjs/common';
import { ShareController } from './share.controller.js';
import { ShareService } from './share.service.js';

@Module({ controllers: [ShareController], providers: [ShareService] })
export class ShareModule {}
