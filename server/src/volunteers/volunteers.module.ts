import { Module } from '@nestjs/common';
import { RegisterModule } from '../register/register.module.js';
import { VolunteersController } from './volunteers.controller.js';
import { VolunteersService } from './volunteers.service.js';
import { VolunteersRepo } from './volunteers.repo.js';

@Module({ imports: [RegisterModule], controllers: [VolunteersController], providers: [VolunteersService, VolunteersRepo], exports: [VolunteersService] })
export class VolunteersModule {}
