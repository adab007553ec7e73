import { Module } from '@nestjs/common';
import { UserReads } from '../accounts/user-reads.repo.js';
import { ShareController } from './share.controller.js';
import { ContactsController } from './contacts.controller.js';
import { UserContacts } from '../accounts/user-contacts.repo.js';
import { ShareService } from './share.service.js';
import { GroupBindingsRepo } from './group-bindings.repo.js';

@Module({ controllers: [ShareController, ContactsController], providers: [ShareService, GroupBindingsRepo, UserReads, UserContacts] })
export class ShareModule {}
