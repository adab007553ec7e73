import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SUBSCRIBE_TEMPLATE_KEYS, type InboxPageDto, type NotificationDto, type NotificationKind, type SubscribeTemplateDto, type SubscribeTemplateKey, type SubscriptionReportRequest, type UnreadCountDto } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { enqueueOutboxSelect } from '../outbox/outbox.repo.js';
import { AppConfig } from '../config/config.js';
import { concatSql } from '../db/dialect.js';
import { UserReads } from '../accounts/user-reads.repo.js';
import type { Notification } from './notification.entity.js';
import { NotificationsRepo } from './notifications.repo.js';
import { SubscribeCreditsRepo, type EmbeddedSelect } from './subscribe-credits.repo.js';
import { NoticeReads } from './notice-reads.js';
import { parseTemplates, type TemplateConfig } from './templates.js';

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

/** One message to a set of people, for `tellMany`. */
export interface Tell {
  userIds: readonly number[];
  message: Message;
  sourceKey: string | null;
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
    private readonly notifications: NotificationsRepo,
    private readonly credits: SubscribeCreditsRepo,
    private readonly users: UserReads,
    private readonly notices: NoticeReads,
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
    const { notified, pushed } = await this.tellMany(m, [{ userIds, message: msg, sourceKey }]);
    return { notified, pushed };
  }

  /**
   * `tell` for several messages at once — the outbox delivers new reports in batches, and one
   * statement per table for the whole batch costs a fraction of one per message. A message whose
   * source key was already told (or repeats an earlier one in `tells`) adds nothing. Someone told
   * twice in one batch gets two pushes only if they hold two credits. `toldBefore`: the source
   * keys among `tells` that had been told already (a re-delivered outbox row).
   */
  async tellMany(m: EntityManager, tells: readonly Tell[]): Promise<{ notified: number; pushed: number; toldBefore: Set<string> }> {
    const live = tells
      .map((t) => ({ ...t, userIds: [...new Set(t.userIds.filter((u) => Number.isInteger(u) && u > 0))] }))
      .filter((t) => t.userIds.length > 0);
    const toldBefore = await this.notifications.seenSources([...new Set(tells.flatMap((t) => (t.sourceKey ? [t.sourceKey] : [])))], m);
    const seen = new Set(toldBefore);
    const todo = live.filter((t) => {
      if (!t.sourceKey) return true;
      if (seen.has(t.sourceKey)) return false;
      seen.add(t.sourceKey);
      return true;
    });
    if (todo.length === 0) return { notified: 0, pushed: 0, toldBefore };

    const everyone = [...new Set(todo.flatMap((t) => t.userIds))];
    const openid = new Map<number, string>();
    for (let i = 0; i < everyone.length; i += CHUNK) {
      for (const u of await this.users.enabledContacts(everyone.slice(i, i + CHUNK), m)) openid.set(u.id, u.openid);
    }
    const now = new Date();
    const rows: Omit<Notification, 'id'>[] = [];
    // Per template, how many pushes each person is owed, then the pushes in the order they were asked for.
    const wanted = new Map<SubscribeTemplateKey, Map<number, number>>();
    const asks: { userId: number; msg: Message }[] = [];
    for (const { userIds, message: msg, sourceKey } of todo) {
      for (const userId of userIds) {
        if (!openid.has(userId)) continue;
        rows.push({ userId, kind: msg.kind, title: clip(msg.title, 100), body: clip(msg.body, 500), page: msg.page, refType: msg.refType, refId: msg.refId, sourceKey, createdAt: now, readAt: null });
        if (!msg.template) continue;
        const counts = wanted.get(msg.template) ?? new Map<number, number>();
        wanted.set(msg.template, counts.set(userId, (counts.get(userId) ?? 0) + 1));
        asks.push({ userId, msg });
      }
    }
    await this.notifications.insertMany(rows, m);
    const granted = new Map<SubscribeTemplateKey, Map<number, number>>();
    for (const [template, counts] of wanted) granted.set(template, await this.credits.reserve(template, counts, m));
    const pushes: SubscribePush[] = [];
    for (const { userId, msg } of asks) {
      const left = granted.get(msg.template!)!;
      const n = left.get(userId) ?? 0;
      if (n <= 0) continue;
      left.set(userId, n - 1);
      pushes.push({ userId, openid: openid.get(userId)!, template: msg.template!, page: msg.page, values: msg.values });
    }
    await enqueueOutbox(m, pushes.map((payload) => ({ kind: SUBSCRIBE_SEND, payload: { ...payload } })));
    return { notified: rows.length, pushed: pushes.length, toldBefore };
  }

  /**
   * Inside the caller's transaction, set-based (no row read into memory): queues a push of
   * `push.template` to each enabled user in `recipients` (a SELECT of user_id) who holds a credit
   * for it, then takes that credit — the pushes first, so both see the same holders.
   */
  async pushToEach(m: EntityManager, recipients: EmbeddedSelect, push: { template: SubscribeTemplateKey; page: string; noticeId: number }, dueAt: Date): Promise<void> {
    const users = this.users.enabledContactsSelect();
    const people: EmbeddedSelect = {
      sql: `SELECT r.user_id AS user_id, u.openid AS openid FROM (${recipients.sql}) r JOIN (${users.sql}) u ON u.id = r.user_id`,
      params: [...recipients.params, ...users.params],
    };
    // The SubscribePush JSON, built in SQL from each holder's user_id and openid.
    const tail = `","template":${JSON.stringify(push.template)},"page":${JSON.stringify(push.page)},"noticeId":${Math.trunc(push.noticeId)}}`;
    const payload = concatSql(m, [`'{"userId":'`, 's.user_id', `',"openid":"'`, 's.openid', `'${tail.replace(/'/g, "''")}'`]);
    await enqueueOutboxSelect(m, SUBSCRIBE_SEND, this.credits.holdersSelect(push.template, people), payload, dueAt);
    await this.credits.takeFromEach(push.template, people, dueAt, m);
  }

  /** Gives a reserved credit back (WeChat refused the message for a reason of ours). */
  refundCredit(userId: number, template: string): Promise<void> {
    return this.credits.refund(userId, template);
  }

  /** WeChat says the user holds no credit (43101): our count was wrong, so trust WeChat. */
  clearCredits(userId: number, template: string): Promise<void> {
    return this.credits.clear(userId, template);
  }

  // ---- subscriptions (credits) ----

  async templatesFor(actor: Actor): Promise<SubscribeTemplateDto[]> {
    const credits = await this.credits.ofUser(actor.userId);
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
    for (const key of accepted) await this.credits.add(actor.userId, key);
    return this.templatesFor(actor);
  }

  // ---- inbox ----

  async inbox(actor: Actor, q: { cursor?: string; limit?: number; unread?: boolean }): Promise<InboxPageDto> {
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const cursor = q.cursor === undefined ? undefined : Number(q.cursor);
    if (cursor !== undefined && (!Number.isInteger(cursor) || cursor < 1)) throw new AppError('VALIDATION_FAILED', 'bad cursor', { fields: { cursor: 'use nextCursor from the previous page' } });
    const rows = await this.notifications.page(actor.userId, { before: cursor, unread: q.unread, limit: limit + 1 });
    const more = rows.length > limit;
    const items = rows.slice(0, limit).map(toDto);
    return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null, unread: (await this.unread(actor)).unread };
  }

  async unread(actor: Actor): Promise<UnreadCountDto> {
    const unread = await this.notifications.unreadCount(actor.userId);
    const unreadNotices = await this.notices.unreadCount(actor.userId);
    return { unread, unreadNotices };
  }

  async markRead(actor: Actor, id: number): Promise<UnreadCountDto> {
    if (!(await this.notifications.markRead(actor.userId, id, new Date()))) {
      if (!(await this.notifications.isOwnedBy(id, actor.userId))) throw new AppError('NOT_FOUND', 'notification not found');
    }
    return this.unread(actor);
  }

  async markAllRead(actor: Actor): Promise<UnreadCountDto> {
    await this.notifications.markAllRead(actor.userId, new Date());
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

