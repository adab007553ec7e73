import { Module } from '@nestjs/common';
import { UserReads } from '../accounts/user-reads.repo.js';
import { ShareController } from './share.controller.js';
import { ShareService } from './share.service.js';
import { GroupBindingsRepo } from './group-bindings.repo.js';

@Module({ controllers: [ShareController], providers: [ShareService, GroupBindingsRepo, UserReads] })
export class ShareModule {}
