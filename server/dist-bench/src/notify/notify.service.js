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
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SUBSCRIBE_TEMPLATE_KEYS } from '@weigrid/shared';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../common/db-errors.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { AppConfig } from '../config/config.js';
import { Notification } from './notification.entity.js';
import { parseTemplates } from './templates.js';
export const SUBSCRIBE_SEND = 'subscribe.send';
const CHUNK = 500;
/**
 * The inbox and subscribe credits, and `tell()`: the one way a module reaches people.
 */
let NotifyService = class NotifyService {
    ds;
    templates;
    constructor(ds, config) {
        this.ds = ds;
        this.templates = parseTemplates(config.WECHAT_SUBSCRIBE_TEMPLATES);
    }
    get isMysql() {
        return this.ds.options.type === 'mysql' || this.ds.options.type === 'mariadb';
    }
    /**
     * Inside the caller's transaction: an inbox row for each of `userIds` (enabled users only) and a
     * queued WeChat push for each who holds a credit for the template (reserving that credit).
     * With `sourceKey`, running it again for the same source adds nothing (a re-delivered outbox row).
     */
    async tell(m, userIds, msg, sourceKey) {
        const ids = [...new Set(userIds.filter((u) => Number.isInteger(u) && u > 0))];
        if (ids.length === 0)
            return { notified: 0, pushed: 0 };
        if (sourceKey) {
            const seen = await m.query('SELECT id FROM notification WHERE source_key = ? LIMIT 1', [sourceKey]);
            if (seen.length)
                return { notified: 0, pushed: 0 };
        }
        const now = new Date();
        let notified = 0;
        let pushed = 0;
        for (let i = 0; i < ids.length; i += CHUNK) {
            const part = ids.slice(i, i + CHUNK);
            const users = await m.query(`SELECT id, openid FROM app_user WHERE id IN (${part.map(() => '?').join(',')}) AND disabled = ?`, [...part, false]);
            if (!users.length)
                continue;
            await m.insert(Notification, users.map((u) => ({ userId: Number(u.id), kind: msg.kind, title: clip(msg.title, 100), body: clip(msg.body, 500), page: msg.page, refType: msg.refType, refId: msg.refId, sourceKey, createdAt: now, readAt: null })));
            notified += users.length;
            if (!msg.template)
                continue;
            const holders = await this.reserveCredits(m, msg.template, users.map((u) => Number(u.id)));
            const openid = new Map(users.map((u) => [Number(u.id), u.openid]));
            await enqueueOutbox(m, holders.map((userId) => ({ kind: SUBSCRIBE_SEND, payload: { userId, openid: openid.get(userId), template: msg.template, page: msg.page, values: msg.values } })));
            pushed += holders.length;
        }
        return { notified, pushed };
    }
    /** Takes one credit from each user who has one; returns who did. Locks the rows on MySQL. */
    async reserveCredits(m, template, userIds) {
        if (!userIds.length)
            return [];
        const marks = userIds.map(() => '?').join(',');
        const rows = await m.query(`SELECT user_id FROM subscribe_credit WHERE template_key = ? AND credits > 0 AND user_id IN (${marks})${this.isMysql ? ' FOR UPDATE' : ''}`, [template, ...userIds]);
        const holders = rows.map((r) => Number(r.user_id));
        if (holders.length) {
            await m.query(`UPDATE subscribe_credit SET credits = credits - 1, updated_at = ? WHERE template_key = ? AND credits > 0 AND user_id IN (${holders.map(() => '?').join(',')})`, [
                now(),
                template,
                ...holders,
            ]);
        }
        return holders;
    }
    /** Gives a reserved credit back (WeChat refused the message for a reason of ours). */
    async refundCredit(userId, template) {
        await this.ds.query('UPDATE subscribe_credit SET credits = credits + 1, updated_at = ? WHERE user_id = ? AND template_key = ?', [now(), userId, template]);
    }
    /** WeChat says the user holds no credit (43101): our count was wrong, so trust WeChat. */
    async clearCredits(userId, template) {
        await this.ds.query('UPDATE subscribe_credit SET credits = 0, updated_at = ? WHERE user_id = ? AND template_key = ?', [now(), userId, template]);
    }
    // ---- subscriptions (credits) ----
    async templatesFor(actor) {
        const rows = await this.ds.query('SELECT template_key, credits FROM subscribe_credit WHERE user_id = ?', [actor.userId]);
        const credits = new Map(rows.map((r) => [r.template_key, Number(r.credits)]));
        return SUBSCRIBE_TEMPLATE_KEYS.map((key) => ({ key, templateId: this.templates[key].id, title: this.templates[key].title, credits: credits.get(key) ?? 0 }));
    }
    /** Records what wx.requestSubscribeMessage answered: +1 credit per accepted template. */
    async report(actor, input) {
        const byId = new Map(SUBSCRIBE_TEMPLATE_KEYS.map((k) => [this.templates[k].id, k]));
        const unknown = Object.keys(input.results).filter((id) => !byId.has(id));
        if (unknown.length) {
            throw new AppError('VALIDATION_FAILED', `unknown template id(s): ${unknown.join(', ')}`, { fields: Object.fromEntries(unknown.map((id) => [`results.${id}`, 'not a template of this mini-program'])) });
        }
        const accepted = Object.entries(input.results).filter(([, v]) => v === 'accept').map(([id]) => byId.get(id));
        for (const key of accepted)
            await this.addCredit(actor.userId, key);
        return this.templatesFor(actor);
    }
    async addCredit(userId, key) {
        for (let attempt = 0; attempt < 3; attempt++) {
            // Capped: a user tapping "allow" a thousand times does not need a thousand pushes.
            const r = await this.ds.createQueryBuilder().update('subscribe_credit').set({ credits: () => 'CASE WHEN credits < 100 THEN credits + 1 ELSE credits END', updatedAt: new Date() }).where('user_id = :userId AND template_key = :key', { userId, key }).execute();
            if (r.affected)
                return;
            try {
                await this.ds.createQueryBuilder().insert().into('subscribe_credit').values({ userId, templateKey: key, credits: 1, updatedAt: new Date() }).execute();
                return;
            }
            catch (e) {
                if (!isUniqueViolation(e))
                    throw e;
            }
        }
    }
    // ---- inbox ----
    async inbox(actor, q) {
        const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
        const cursor = q.cursor === undefined ? undefined : Number(q.cursor);
        if (cursor !== undefined && (!Number.isInteger(cursor) || cursor < 1))
            throw new AppError('VALIDATION_FAILED', 'bad cursor', { fields: { cursor: 'use nextCursor from the previous page' } });
        const qb = this.ds.getRepository(Notification).createQueryBuilder('n').where('n.userId = :u', { u: actor.userId });
        if (cursor !== undefined)
            qb.andWhere('n.id < :c', { c: cursor });
        if (q.unread)
            qb.andWhere('n.readAt IS NULL');
        const rows = await qb.orderBy('n.id', 'DESC').limit(limit + 1).getMany();
        const more = rows.length > limit;
        const items = rows.slice(0, limit).map(toDto);
        return { items, nextCursor: more ? String(items[items.length - 1].id) : null, unread: (await this.unread(actor)).unread };
    }
    async unread(actor) {
        const [a] = await this.ds.query('SELECT COUNT(*) AS n FROM notification WHERE user_id = ? AND read_at IS NULL', [actor.userId]);
        const [b] = await this.ds.query('SELECT COUNT(*) AS n FROM notice_recipient WHERE user_id = ? AND read_at IS NULL', [actor.userId]);
        return { unread: Number(a.n), unreadNotices: Number(b.n) };
    }
    async markRead(actor, id) {
        const r = await this.ds.createQueryBuilder().update(Notification).set({ readAt: new Date() }).where('id = :id AND user_id = :u AND read_at IS NULL', { id, u: actor.userId }).execute();
        if (!r.affected) {
            const mine = await this.ds.getRepository(Notification).exists({ where: { id, userId: actor.userId } });
            if (!mine)
                throw new AppError('NOT_FOUND', 'notification not found');
        }
        return this.unread(actor);
    }
    async markAllRead(actor) {
        await this.ds.createQueryBuilder().update(Notification).set({ readAt: new Date() }).where('user_id = :u AND read_at IS NULL', { u: actor.userId }).execute();
        return this.unread(actor);
    }
};
NotifyService = __decorate([
    Injectable(),
    __param(0, InjectDataSource()),
    __metadata("design:paramtypes", [Function, AppConfig])
], NotifyService);
export { NotifyService };
function toDto(n) {
    return { id: n.id, kind: n.kind, title: n.title, body: n.body, page: n.page, refType: n.refType, refId: n.refId, createdAt: n.createdAt.toISOString(), readAt: n.readAt ? n.readAt.toISOString() : null };
}
function clip(s, n) {
    const c = [...s];
    return c.length <= n ? s : `${c.slice(0, n - 1).join('')}…`;
}
function now() {
    return new Date().toISOString().replace('T', ' ').replace('Z', '');
}
//# sourceMappingURL=notify.service.js.map