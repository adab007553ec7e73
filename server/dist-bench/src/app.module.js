var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { ConfigModule } from './config/config.module.js';
import { buildDataSourceOptions } from './db/options.js';
import { ErrorFilter } from './common/error.filter.js';
import { HealthModule } from './health/health.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { GridsModule } from './grids/grids.module.js';
import { OverviewModule } from './overview/overview.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { WechatModule } from './wechat/wechat.module.js';
import { AccessModule } from './access/access.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { NotifyModule } from './notify/notify.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { ShareModule } from './share/share.module.js';
import { RegisterModule } from './register/register.module.js';
import { CareModule } from './care/care.module.js';
import { VolunteersModule } from './volunteers/volunteers.module.js';
/** A request id from a trusted proxy is kept (so logs join up across hops); otherwise a new one. */
export function requestId(req) {
    const h = req.headers['x-request-id'];
    return typeof h === 'string' && /^[\w.:-]{1,64}$/.test(h) ? h : randomUUID();
}
let AppModule = AppModule_1 = class AppModule {
    static register(config) {
        return {
            module: AppModule_1,
            imports: [
                ConfigModule.forRoot(config),
                LoggerModule.forRoot({
                    pinoHttp: {
                        level: config.LOG_LEVEL,
                        genReqId: (req) => req.id ?? requestId(req),
                        // Tokens, WeChat codes and session keys never reach a log line.
                        redact: {
                            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-signature"]', '*.session_key', '*.sessionKey', '*.token', '*.refreshToken', '*.accessToken'],
                            censor: '[redacted]',
                        },
                        serializers: {
                            req: (r) => ({ id: r.id, method: r.method, url: r.url.replace(/([?&](code|token|access_token)=)[^&]*/g, '$1[redacted]') }),
                        },
                        autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/v1/health') },
                    },
                }),
                TypeOrmModule.forRoot({
                    ...buildDataSourceOptions(config.DB_URL, config.DB_POOL_SIZE),
                    // Migrations already ran in main/bootstrap before the app was created.
                    migrationsRun: false,
                    retryAttempts: 0,
                }),
                HealthModule,
                CatalogModule,
                GridsModule,
                OverviewModule,
                UploadsModule,
                WechatModule,
                AccessModule,
                AuthModule,
                AccountsModule,
                OutboxModule,
                NotifyModule,
                NoticesModule,
                ShareModule,
                RegisterModule,
                CareModule,
                VolunteersModule,
            ],
            providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
        };
    }
};
AppModule = AppModule_1 = __decorate([
    Module({})
], AppModule);
export { AppModule };
//# sourceMappingURL=app.module.js.map