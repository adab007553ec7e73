import { Global, Module } from '@nestjs/common';
import { MeController } from './me.controller.js';
import { UsersService } from './users.service.js';

@Global()
@Module({ controllers: [MeController], providers: [UsersService], exports: [UsersService] })
export class AccountsModule {}
