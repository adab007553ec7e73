import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SUBSCRIBE_TEMPLATE_KEYS, type InboxPageDto, type NotificationDto, type NotificationKind, type SubscribeTemplateDto, type SubscribeTemplateKey, type SubscriptionReportRequest, type UnreadCountDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { isUniqueViolation } from '../db/errors.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { AppConfig } from '../config/config.js';
import { Notification } from './notification.entity.js';
import { parseTemplates, type TemplateConfig } from './templates.js';
import { forUpdate } from '../db/dialect.js';

/** One message to a set of people: kept in their inboxes, pushed to those holding a credit. */
export interface Message {
  kind: NotificationKind;
  title: string;
  body: string;
  page: string;
  refType: 'event' | 'notice' | null;
  refId: number | null;
  /** Subscribe template for the WeChat push (null: inbox only). */
  template: SubscribeTemplateKey | null;
  values: Record<string, string>;
}

/** Payload of a 'subscribe.send' outbox row: one push to one person, credit already reserved. */
export interface SubscribePush {
  userId: number;
  openid: string;
  template: SubscribeTemplateKey;
  page: string;
  values?: Record<string, string>;
  /** Notices: values are read from the notice when sending. */
  noticeId?: number;
}

export const SUBSCRIBE_SEND = 'subscribe.send';
const CHUNK = 500;

/**
 * The inbox and subscribe credits, and `tell()`: the one way a module reaches people.
 */
@Injectable()
export class NotifyService {
  readonly templates: Record<SubscribeTemplateKey, TemplateConfig>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    config: AppConfig,
  ) {
    this.templates = parseTemplates(config.WECHAT_SUBSCRIBE_TEMPLATES);
  }


  /**
   * Inside the caller's transaction: an inbox row for each of `userIds` (enabled users only) and a
   * queued WeChat push for each who holds a credit for the template (reserving that credit).
   * With `sourceKey`, running it again for the same source adds nothing (a re-delivered outbox row).
   */
  async tell(m: EntityManager, userIds: number[], msg: Message, sourceKey: string | null): Promise<{ notified: number; pushed: number }> {
    const ids = [...new Set(userIds.filter((u) => Number.isInteger(u) && u > 0))];
    if (ids.length === 0) return { notified: 0, pushed: 0 };
    if (sourceKey) {
      const seen = await m.query('SELECT id FROM notification WHERE source_key = ? LIMIT 1', [sourceKey]);
      if (seen.length) return { notified: 0, pushed: 0 };
    }
    const now = new Date();
    let notified = 0;
    let pushed = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      const users: { id: number; openid: string }[] = await m.query(`SELECT id, openid FROM app_user WHERE id IN (${part.map(() => '?').join(',')}) AND disabled = ?`, [...part, false]);
      if (!users.length) continue;
      await m.insert(
        Notification,
        users.map((u) => ({ userId: Number(u.id), kind: msg.kind, title: clip(msg.title, 100), body: clip(msg.body, 500), page: msg.page, refType: msg.refType, refId: msg.refId, sourceKey, createdAt: now, readAt: null })),
      );
      notified += users.length;
      if (!msg.template) continue;
      const holders = await this.reserveCredits(m, msg.template, users.map((u) => Number(u.id)));
      const openid = new Map(users.map((u) => [Number(u.id), u.openid]));
      await enqueueOutbox(
        m,
        holders.map((userId) => ({ kind: SUBSCRIBE_SEND, payload: { userId, openid: openid.get(userId)!, template: msg.template!, page: msg.page, values: msg.values } satisfies SubscribePush })),
      );
      pushed += holders.length;
    }
    return { notified, pushed };
  }

  /** Takes one credit from each user who has one; returns who did. Locks the rows on MySQL. */
  async reserveCredits(m: EntityManager, template: SubscribeTemplateKey, userIds: number[]): Promise<number[]> {
    if (!userIds.length) return [];
    const marks = userIds.map(() => '?').join(',');
    const rows: { user_id: number }[] = await m.query(
      `SELECT user_id FROM subscribe_credit WHERE template_key = ? AND credits > 0 AND user_id IN (${marks})${forUpdate(this.ds)}`,
      [template, ...userIds],
    );
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
  async refundCredit(userId: number, template: string): Promise<void> {
    await this.ds.query('UPDATE subscribe_credit SET credits = credits + 1, updated_at = ? WHERE user_id = ? AND template_key = ?', [now(), userId, template]);
  }

  /** WeChat says the user holds no credit (43101): our count was wrong, so trust WeChat. */
  async clearCredits(userId: number, template: string): Promise<void> {
    await this.ds.query('UPDATE subscribe_credit SET credits = 0, updated_at = ? WHERE user_id = ? AND template_key = ?', [now(), userId, template]);
  }

  // ---- subscriptions (credits) ----

  async templatesFor(actor: Actor): Promise<SubscribeTemplateDto[]> {
    const rows: { template_key: string; credits: number }[] = await this.ds.query('SELECT template_key, credits FROM subscribe_credit WHERE user_id = ?', [actor.userId]);
    const credits = new Map(rows.map((r) => [r.template_key, Number(r.credits)]));
    return SUBSCRIBE_TEMPLATE_KEYS.map((key) => ({ key, templateId: this.templates[key].id, title: this.templates[key].title, credits: credits.get(key) ?? 0 }));
  }

  /** Records what wx.requestSubscribeMessage answered: +1 credit per accepted template. */
  async report(actor: Actor, input: SubscriptionReportRequest): Promise<SubscribeTemplateDto[]> {
    const byId = new Map(SUBSCRIBE_TEMPLATE_KEYS.map((k) => [this.templates[k].id, k]));
    const unknown = Object.keys(input.results).filter((id) => !byId.has(id));
    if (unknown.length) {
      throw new AppError('VALIDATION_FAILED', `unknown template id(s): ${unknown.join(', ')}`, { fields: Object.fromEntries(unknown.map((id) => [`results.${id}`, 'not a template of this mini-program'])) });
    }
    const accepted = Object.entries(input.results).filter(([, v]) => v === 'accept').map(([id]) => byId.get(id)!);
    for (const key of accepted) await this.addCredit(actor.userId, key);
    return this.templatesFor(actor);
  }

  private async addCredit(userId: number, key: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // Capped: a user tapping "allow" a thousand times does not need a thousand pushes.
      const r = await this.ds.createQueryBuilder().update('subscribe_credit').set({ credits: () => 'CASE WHEN credits < 100 THEN credits + 1 ELSE credits END', updatedAt: new Date() }).where('user_id = :userId AND template_key = :key', { userId, key }).execute();
      if (r.affected) return;
      try {
        await this.ds.createQueryBuilder().insert().into('subscribe_credit').values({ userId, templateKey: key, credits: 1, updatedAt: new Date() }).execute();
        return;
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
  }

  // ---- inbox ----

  async inbox(actor: Actor, q: { cursor?: string; limit?: number; unread?: boolean }): Promise<InboxPageDto> {
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const cursor = q.cursor === undefined ? undefined : Number(q.cursor);
    if (cursor !== undefined && (!Number.isInteger(cursor) || cursor < 1)) throw new AppError('VALIDATION_FAILED', 'bad cursor', { fields: { cursor: 'use nextCursor from the previous page' } });
    const qb = this.ds.getRepository(Notification).createQueryBuilder('n').where('n.userId = :u', { u: actor.userId });
    if (cursor !== undefined) qb.andWhere('n.id < :c', { c: cursor });
    if (q.unread) qb.andWhere('n.readAt IS NULL');
    const rows = await qb.orderBy('n.id', 'DESC').limit(limit + 1).getMany();
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toDto);
    return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null, unread: (await this.unread(actor)).unread };
  }

  async unread(actor: Actor): Promise<UnreadCountDto> {
    const [a] = await this.ds.query('SELECT COUNT(*) AS n FROM notification WHERE user_id = ? AND read_at IS NULL', [actor.userId]);
    const [b] = await this.ds.query('SELECT COUNT(*) AS n FROM notice_recipient WHERE user_id = ? AND read_at IS NULL', [actor.userId]);
    return { unread: Number(a.n), unreadNotices: Number(b.n) };
  }

  async markRead(actor: Actor, id: number): Promise<UnreadCountDto> {
    const r = await this.ds.createQueryBuilder().update(Notification).set({ readAt: new Date() }).where('id = :id AND user_id = :u AND read_at IS NULL', { id, u: actor.userId }).execute();
    if (!r.affected) {
      const mine = await this.ds.getRepository(Notification).exists({ where: { id, userId: actor.userId } });
      if (!mine) throw new AppError('NOT_FOUND', 'notification not found');
    }
    return this.unread(actor);
  }

  async markAllRead(actor: Actor): Promise<UnreadCountDto> {
    await this.ds.createQueryBuilder().update(Notification).set({ readAt: new Date() }).where('user_id = :u AND read_at IS NULL', { u: actor.userId }).execute();
    return this.unread(actor);
  }
}

function toDto(n: Notification): NotificationDto {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, page: n.page, refType: n.refType, refId: n.refId, createdAt: n.createdAt.toISOString(), readAt: n.readAt ? n.readAt.toISOString() : null };
}

function clip(s: string, n: number): string {
  const c = [...s];
  return c.length <= n ? s : `${c.slice(0, n - 1).join('')}…`;
}

function now(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '');
}
