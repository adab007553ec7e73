import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { buildDataSourceOptions } from './db/options.js';
import { fromOptions } from './db/create-data-source.js';
import { ErrorFilter } from './error.filter.js';
import { logDestination } from './common/log-destination.js';
import { HealthModule } from './health/health.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { GridsModule } from './grids/grids.module.js';
import { RoutingModule } from './routing/routing.module.js';
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
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { CampaignFiguresModule } from './campaigns/campaign-figures.module.js';
import { HouseholdAnswersModule } from './campaigns/household-answers.module.js';
import { EventSummariesModule } from './events/event-summaries.module.js';
import { RegisterModule } from './register/register.module.js';
import { CareModule } from './care/care.module.js';
import { VolunteersModule } from './volunteers/volunteers.module.js';
import { EventsModule } from './events/events.module.js';
import { PatrolsModule } from './patrols/patrols.module.js';
import { StatsModule } from './stats/stats.module.js';
import { Open311Module } from './open311/open311.module.js';

/** A request id from a trusted proxy is kept (so logs join up across hops); otherwise a new one. */
export function requestId(req: IncomingMessage): string {
  const h = req.headers['x-request-id'];
  return typeof h === 'string' && /^[\w.:-]{1,64}$/.test(h) ? h : randomUUID();
}

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: [{
            level: config.LOG_LEVEL,
            genReqId: (req) => (req as { id?: string }).id ?? requestId(req),
            // Tokens, WeChat codes and session keys never reach a log line.
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-signature"]', '*.session_key', '*.sessionKey', '*.token', '*.refreshToken', '*.accessToken'],
              censor: '[redacted]',
            },
            serializers: {
              req: (r: { id: string; method: string; url: string }) => ({ id: r.id, method: r.method, url: r.url.replace(/([?&](code|token|access_token)=)[^&]*/g, '$1[redacted]') }),
            },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/v1/health') },
          }, logDestination()],
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...buildDataSourceOptions(config.DB_URL, config.DB_POOL_SIZE),
            // Migrations already ran in main/bootstrap before the app was created.
            migrationsRun: false,
            retryAttempts: 0,
          }),
          // The same factory as CLIs and tests: on SQLite, transactions queue on one lock.
          dataSourceFactory: async (options) => fromOptions(options!, config.DB_ACQUIRE_TIMEOUT_MS),
        }),
        HealthModule,
        CatalogModule,
        GridsModule,
        RoutingModule,
        OverviewModule,
        UploadsModule,
        WechatModule,
        AccessModule,
        AuthModule,
        AccountsModule,
        OutboxModule,
        EventsModule,
        NotifyModule,
        NoticesModule,
        ShareModule,
        CampaignsModule,
        CampaignFiguresModule,
        RegisterModule,
        // Bind the register's HouseholdEvents / HouseholdCampaignAnswers (register imports neither module).
        EventSummariesModule,
        HouseholdAnswersModule,
        CareModule,
        VolunteersModule,
        PatrolsModule,
        StatsModule,
        Open311Module,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
