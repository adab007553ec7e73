import { Global, Module } from '@nestjs/common';
import { MeController } from './me.controller.js';
import { DepartmentsController, GrantsController, InvitesController } from './invites.controller.js';
import { UsersService } from './users.service.js';
import { InvitesService } from './invites.service.js';
import { GrantsService } from './grants.service.js';

/** Users, role grants, invites and departments. Global so other modules can inject UsersService. */
@Global()
@Module({
  controllers: [MeController, InvitesController, GrantsController, DepartmentsController],
  providers: [UsersService, InvitesService, GrantsService],
  exports: [UsersService, InvitesService],
})
export class AccountsModule {}
