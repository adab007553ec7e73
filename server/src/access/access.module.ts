import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service.js';
import { ActorLoader } from './actor-loader.js';

/** Global: every domain service injects `AccessService`; AuthGuard uses `ActorLoader`. */
@Global()
@Module({ providers: [AccessService, ActorLoader], exports: [AccessService, ActorLoader] })
export class AccessModule {}
