var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config.js';
import { WechatClient } from './wechat.client.js';
import { DbAccessTokenStore } from './token-store.js';
/**
 * Provides the one `WechatClient` (inject it anywhere: the module is global). Its access token is
 * shared by all instances through the `wechat_token` row.
 */
let WechatModule = class WechatModule {
};
WechatModule = __decorate([
    Global(),
    Module({
        providers: [
            {
                provide: WechatClient,
                inject: [AppConfig, DataSource],
                useFactory: (config, ds) => {
                    const client = new WechatClient({ base: config.WECHAT_API_BASE, appid: config.WECHAT_APPID, secret: config.WECHAT_SECRET, timeoutMs: config.WECHAT_TIMEOUT_MS });
                    return client.useTokenStore(new DbAccessTokenStore(ds, { appid: config.WECHAT_APPID, fetch: (force) => client.fetchStableToken(force) }));
                },
            },
        ],
        exports: [WechatClient],
    })
], WechatModule);
export { WechatModule };
//# sourceMappingURL=wechat.module.js.map