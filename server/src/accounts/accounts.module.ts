import { Global, Module } from '@nestjs/common';
import { MeController } from './me.controller.js';
import { DepartmentsController, GrantsController, InvitesController } from './invites.controller.js';
import { UsersService } from './users.service.js';
import { InvitesService } from './invites.service.js';
import { GrantsService } from './grants.service.js';
import { GrantReader } from '../access/grant-reader.js';
import { Staff } from './staff.repo.js';
import { GrantsRepo } from './grants.repo.js';
import { UsersRepo } from './users.repo.js';
import { AuthUsers } from '../auth/auth-users.js';

/**
 * Users, role grants, invites and departments. Global so other modules can inject UsersService
 * and the Staff port (who holds which role where); access reads grants through GrantReader = Staff.
 */
@Global()
@Module({
  controllers: [MeController, InvitesController, GrantsController, DepartmentsController],
  providers: [UsersService, InvitesService, GrantsService, UsersRepo, GrantsRepo, Staff, { provide: GrantReader, useExisting: Staff }, { provide: AuthUsers, useExisting: UsersService }],
  exports: [UsersService, InvitesService, Staff, GrantReader, AuthUsers],
})
export class AccountsModule {}
