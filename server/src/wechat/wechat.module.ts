import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config.js';
import { WechatClient } from './wechat.client.js';
import { DbAccessTokenStore } from './token-store.js';

/**
 * Provides the one `WechatClient` (inject it anywhere: the module is global). Its access token is
 * shared by all instances through the `wechat_token` row.
 */
@Global()
@Module({
  providers: [
    {
      provide: WechatClient,
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, ds: DataSource) => {
        const client = new WechatClient({ base: config.WECHAT_API_BASE, appid: config.WECHAT_APPID, secret: config.WECHAT_SECRET, timeoutMs: config.WECHAT_TIMEOUT_MS });
        return client.useTokenStore(new DbAccessTokenStore(ds, { appid: config.WECHAT_APPID, fetch: (force) => client.fetchStableToken(force) }));
      },
    },
  ],
  exports: [WechatClient],
})
export class WechatModule {}
