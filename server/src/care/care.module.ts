import { Module } from '@nestjs/common';
import { RegisterModule } from '../register/register.module.js';
import { CareController } from './care.controller.js';
import { CareService } from './care.service.js';

@Module({ imports: [RegisterModule], controllers: [CareController], providers: [CareService], exports: [CareService] })
export class CareModule {}
