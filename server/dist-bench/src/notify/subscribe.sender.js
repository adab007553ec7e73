var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '../config/config.js';
import { SenderRegistry } from '../outbox/sender-registry.js';
import { PermanentSendError } from '../outbox/send-result.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { WechatError } from '../wechat/wechat-errors.js';
import { NotifyService, SUBSCRIBE_SEND } from './notify.service.js';
import { buildTemplateData } from './templates.js';
/**
 * Delivers 'subscribe.send' rows: one WeChat subscribe message to one person, whose credit was
 * reserved when the row was queued. 43101 (WeChat says no credit) ends the row as skipped and
 * zeroes our count; a refusal for bad data or openid dead-letters it and gives the credit back;
 * timeouts, system-busy and rate limits are retried by the worker with the credit still reserved.
 */
let SubscribeSender = class SubscribeSender {
    registry;
    notify;
    wechat;
    config;
    ds;
    log = new Logger('SubscribeSender');
    notices = new Map();
    constructor(registry, notify, wechat, config, ds) {
        this.registry = registry;
        this.notify = notify;
        this.wechat = wechat;
        this.config = config;
        this.ds = ds;
    }
    onModuleInit() {
        this.registry.register(SUBSCRIBE_SEND, (p) => this.send(p));
    }
    async send(p) {
        const t = this.notify.templates[p.template];
        if (!t)
            throw new PermanentSendError(`unknown subscribe template ${String(p.template)}`);
        const values = p.values ?? (p.noticeId ? await this.noticeValues(p.noticeId) : {});
        try {
            await this.wechat.sendSubscribe({ touser: p.openid, templateId: t.id, page: p.page, data: buildTemplateData(t, values), miniprogramState: this.config.WECHAT_MINIPROGRAM_STATE });
        }
        catch (e) {
            if (!(e instanceof WechatError))
                throw e;
            if (e.kind === 'no_credit') {
                await this.notify.clearCredits(p.userId, p.template);
                return { skipped: `errcode 43101: ${p.template} credit already used up at WeChat` };
            }
            if (e.kind === 'bad_openid' || e.kind === 'bad_request' || e.kind === 'user_blocked') {
                await this.notify.refundCredit(p.userId, p.template);
                this.log.warn(`subscribe ${p.template} to user ${p.userId} refused: ${e.message}`);
                throw new PermanentSendError(e.message);
            }
            throw e;
        }
    }
    /** Notice pushes carry only the id; the text is read once per notice (cached for a minute). */
    async noticeValues(id) {
        const hit = this.notices.get(id);
        if (hit && Date.now() - hit.at < 60_000)
            return hit.values;
        const [n] = await this.ds.query('SELECT n.title AS title, n.created_at AS created_at, n.ack_deadline AS ack_deadline, g.name AS node_name FROM notice n JOIN grid_node g ON g.id = n.node_id WHERE n.id = ?', [id]);
        if (!n)
            throw new PermanentSendError(`notice ${id} no longer exists`);
        const values = { title: String(n.title), sender: String(n.node_name), time: dbIso(n.created_at), deadline: n.ack_deadline ? dbIso(n.ack_deadline) : '' };
        if (this.notices.size > 1000)
            this.notices.clear();
        this.notices.set(id, { at: Date.now(), values });
        return values;
    }
};
SubscribeSender = __decorate([
    Injectable(),
    __param(4, InjectDataSource()),
    __metadata("design:paramtypes", [SenderRegistry,
        NotifyService,
        WechatClient,
        AppConfig, Function])
], SubscribeSender);
export { SubscribeSender };
export function dbIso(v) {
    if (v instanceof Date)
        return v.toISOString();
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`).toISOString();
}
//# sourceMappingURL=subscribe.sender.js.map