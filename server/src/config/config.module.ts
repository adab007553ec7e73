import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './config.js';

/** Provides the validated AppConfig to every module (inject `AppConfig`). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
