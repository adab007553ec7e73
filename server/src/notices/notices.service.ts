import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { STAFF_ROLES, type GridLevel, type NoticeDto, type NoticeRecipientDto, type NoticeStatsDto, type Page, type Role } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { AccessService } from '../access/access.service.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { SenderRegistry } from '../outbox/sender-registry.js';
import type { SendContext, SendOutcome } from '../outbox/send-result.js';
import { NotifyService } from '../notify/notify.service.js';
import type { CreateNoticeDto } from './dto.js';
import { Staff } from '../accounts/staff.repo.js';
import { UserReads } from '../accounts/user-reads.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { UploadsRepo } from '../uploads/uploads.repo.js';
import { NoticesRepo, type NoticeRecord } from './notices.repo.js';

export const NOTICE_PUSH = 'notice.push';
const REMIND_EVERY_MS = 10 * 60_000;

export const noticePage = (id: number) => `pages/notice/index?id=${id}`;

/** A notice with its node and sender, ready for the DTO. */
type NoticeView = NoticeRecord & { nodeCode: string; nodeName: string; nodeLevel: GridLevel; senderName: string | null };

/**
 * Notices (指令直达): an admin sends an instruction to a subtree; recipients are written in one
 * INSERT … SELECT over the grants in that subtree (no loop per user), WeChat pushes are queued by
 * one outbox row whose sender reserves credits and queues pushes set-based too. Recipients read and
 * acknowledge; the sender sees read rates per child node, who has not read, and can remind them.
 */
@Injectable()
export class NoticesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly registry: SenderRegistry,
    private readonly tree: GridTree,
    private readonly staff: Staff,
    private readonly notices: NoticesRepo,
    private readonly users: UserReads,
    private readonly uploads: UploadsRepo,
    private readonly notify: NotifyService,
  ) {}

  /**
   * Adds each notice's node code, name and level (grid_node is read through the GridTree port)
   * and its sender's name (app_user through accounts' UserReads).
   */
  private async withNodes(rows: NoticeRecord[]): Promise<NoticeView[]> {
    const nodes = new Map((await this.tree.refsByIds(rows.map((r) => r.nodeId))).map((n) => [n.id, n]));
    const names = await this.users.names(rows.map((r) => r.senderId));
    // A notice whose node is gone is left out, as the former inner join did.
    return rows.flatMap((r) => {
      const n = nodes.get(r.nodeId);
      return n ? [{ ...r, nodeCode: n.code, nodeName: n.name, nodeLevel: n.level, senderName: names.get(r.senderId) ?? null }] : [];
    });
  }

  onModuleInit(): void {
    this.registry.register(NOTICE_PUSH, (p, c) => this.push(p as { noticeId: number; remind?: boolean }, c));
  }


  async create(actor: Actor, input: CreateNoticeDto): Promise<NoticeDto> {
    const node = await this.tree.refByCode(input.nodeCode);
    if (!node) throw new AppError('NOT_FOUND', 'grid node not found', { fields: { nodeCode: 'no such node' } });
    await this.access.require(actor, 'notice.send', { nodeId: Number(node.id) });
    const attachments = [...new Set(input.attachments ?? [])];
    if (attachments.length) {
      if ((await this.uploads.countOwned(actor.userId, attachments)) !== attachments.length) throw new AppError('VALIDATION_FAILED', 'unknown attachment', { fields: { attachments: 'each must be one of your uploads' } });
    }
    let deadline: Date | null = null;
    if (input.ackDeadline) {
      deadline = new Date(input.ackDeadline);
      if (deadline.getTime() <= Date.now()) throw new AppError('VALIDATION_FAILED', 'ackDeadline is in the past', { fields: { ackDeadline: 'must be in the future' } });
    }
    const roles = input.roles?.length ? [...new Set(input.roles)] : null;
    const id = await this.ds.transaction(async (m) => {
      const now = new Date();
      const noticeId = await this.notices.insert(
        {
          senderId: actor.userId,
          nodeId: Number(node.id),
          nodePath: node.path,
          roles: roles ? roles.join(',') : null,
          title: input.title.trim(),
          body: input.body,
          attachments: attachments.length ? attachments.join(',') : null,
          ackRequired: deadline !== null,
          ackDeadline: deadline,
          recipients: 0,
          createdAt: now,
          pushedAt: null,
          remindedAt: null,
        },
        m,
      );
      const recipients = await this.fanOut(m, noticeId, node.path, roles ?? STAFF_ROLES, actor.userId);
      await this.notices.setRecipientCount(noticeId, recipients, m);
      await enqueueOutbox(m, [{ kind: NOTICE_PUSH, payload: { noticeId } }]);
      return noticeId;
    });
    return this.detail(actor, id);
  }

  /**
   * One INSERT … SELECT: every holder of the roles anywhere in the subtree, once each. Someone with
   * several grants there is written once: the unique (notice_id, user_id) index drops the repeats
   * (INSERT IGNORE / OR IGNORE), which is much cheaper than a GROUP BY over the whole subtree.
   */
  fanOut(m: EntityManager, noticeId: number, path: string, roles: readonly Role[], senderId: number): Promise<number> {
    return this.notices.addRecipients(noticeId, this.staff.holdersInSubtreeSelect(path, roles, senderId), m);
  }

  /**
   * 'notice.push': reserve a 'notice' credit for each recipient holding one (unread ones, for a
   * reminder) and queue one subscribe push each — both set-based, in one transaction.
   */
  private async push(p: { noticeId: number; remind?: boolean }, ctx: SendContext): Promise<SendOutcome> {
    const pushed = await this.ds.transaction(async (m) => {
      if (!p.remind && !(await this.notices.markPushed(p.noticeId, new Date(), m))) return -1;
      const now = new Date(Math.floor(Date.now() / 1000) * 1000);
      await this.notify.pushToEach(m, this.notices.recipientsSelect(p.noticeId, !!p.remind), { template: 'notice', page: noticePage(p.noticeId), noticeId: p.noticeId }, now);
      return 0;
    });
    if (pushed === -1) return { skipped: `pushes for notice ${p.noticeId} already queued (outbox ${ctx.messageId} re-delivered)` };
  }

  // ---- reading ----

  private async load(id: number, userId?: number): Promise<NoticeView | undefined> {
    const row = await this.notices.byId(id, userId);
    return row ? (await this.withNodes([row]))[0] : undefined;
  }

  /** A recipient, the sender, or staff who may send notices over its node may read it. */
  async detail(actor: Actor, id: number): Promise<NoticeDto> {
    const row = await this.load(id, actor.userId);
    if (!row) throw new AppError('NOT_FOUND', 'notice not found');
    const isRecipient = row.isRecipient === true;
    if (!isRecipient && row.senderId !== actor.userId) await this.access.require(actor, 'notice.send', { nodePath: row.nodePath }, { hide: true });
    return toDto(row, isRecipient);
  }

  async inbox(actor: Actor, q: { cursor?: number; limit?: number }): Promise<Page<NoticeDto>> {
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const rows = await this.withNodes(await this.notices.received(actor.userId, { before: q.cursor, limit: limit + 1 }));
    const items = rows.slice(0, limit).map((r) => toDto(r, true));
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }

  /** Notices sent over the actor's notice.send scope, newest first. */
  async sent(actor: Actor, q: { cursor?: number; limit?: number }): Promise<Page<NoticeDto>> {
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const scope = this.access.scope(actor, 'notice.send');
    if (!scope.length) return { items: [], nextCursor: null };
    const rows = await this.withNodes(await this.notices.under(scope.map((s) => s.path), { before: q.cursor, limit: limit + 1 }));
    const items = rows.slice(0, limit).map((r) => toDto(r, false));
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }

  async markRead(actor: Actor, id: number, ack: boolean): Promise<NoticeDto> {
    const row = await this.load(id, actor.userId);
    if (!row || !row.isRecipient) throw new AppError('NOT_FOUND', 'notice not found');
    const now = new Date();
    await this.notices.markRead(id, actor.userId, now);
    if (ack) {
      if (!row.ackRequired) throw new AppError('INVALID_TRANSITION', 'this notice needs no acknowledgement');
      await this.notices.markAcked(id, actor.userId, now);
    }
    return this.detail(actor, id);
  }

  // ---- the sender's view ----

  private async senderView(actor: Actor, id: number): Promise<NoticeView> {
    const row = await this.load(id);
    if (!row) throw new AppError('NOT_FOUND', 'notice not found');
    await this.access.require(actor, 'notice.send', { nodePath: row.nodePath }, { hide: true });
    return row;
  }

  /** Read and ack rates per child of the target node; recipients at the node itself come under it. */
  async stats(actor: Actor, id: number): Promise<NoticeStatsDto> {
    const row = await this.senderView(actor, id);
    const groups = await this.notices.countsByChild(id, row.nodePath);
    const nodes = await this.tree.refsByPaths(groups.map((g) => g.child));
    const byPath = new Map(nodes.map((n) => [n.path, n]));
    const byChild = groups
      .map((g) => {
        const n = byPath.get(g.child);
        return { code: n?.code ?? 'self', name: n?.name ?? '', level: n?.level ?? null, recipients: g.recipients, read: g.read, acked: g.acked, readRate: g.recipients ? Math.round((g.read / g.recipients) * 1000) / 1000 : 0 };
      })
      .sort((a, b) => a.code.localeCompare(b.code));
    return {
      noticeId: id,
      recipients: byChild.reduce((s, c) => s + c.recipients, 0),
      read: byChild.reduce((s, c) => s + c.read, 0),
      acked: byChild.reduce((s, c) => s + c.acked, 0),
      byChild,
    };
  }

  /** Who has not read it (or, with `unacked`, not acknowledged), optionally under one child node. */
  async pending(actor: Actor, id: number, q: { nodeCode?: string; unacked?: boolean; cursor?: number; limit?: number }): Promise<Page<NoticeRecipientDto>> {
    const row = await this.senderView(actor, id);
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    let under = row.nodePath;
    if (q.nodeCode) {
      const n = await this.tree.refByCode(q.nodeCode);
      if (!n || !String(n.path).startsWith(row.nodePath)) throw new AppError('VALIDATION_FAILED', 'node is not under this notice', { fields: { nodeCode: 'must be inside the notice target' } });
      under = n.path;
    }
    const rows = await this.notices.pending(id, { under, unacked: !!q.unacked, after: q.cursor, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const at = new Map((await this.tree.refsByPaths(page.map((r) => r.nodePath))).map((n) => [n.path, n]));
    // Users are never deleted, so every recipient has a name row (null until they set one).
    const names = await this.users.names(page.map((r) => r.userId));
    // Left join as before: a recipient whose node path matches no node shows null code and name.
    const items = page.map((r) => ({ userId: r.userId, name: names.get(r.userId) ?? null, nodeCode: (at.get(r.nodePath)?.code ?? null) as string, nodeName: (at.get(r.nodePath)?.name ?? null) as string, readAt: r.readAt ? r.readAt.toISOString() : null, ackedAt: r.ackedAt ? r.ackedAt.toISOString() : null }));
    return { items, nextCursor: rows.length > limit ? String(rows[limit - 1]!.id) : null };
  }

  /** Pushes again to everyone who has not read it (those holding a credit); at most every 10 min. */
  async remind(actor: Actor, id: number): Promise<{ unread: number; queued: boolean }> {
    const row = await this.senderView(actor, id);
    if (!(await this.notices.markReminded(id, new Date(), REMIND_EVERY_MS))) throw new AppError('RATE_LIMITED', 'reminded less than 10 minutes ago', { retryAfter: 600 });
    await this.ds.transaction((m) => enqueueOutbox(m, [{ kind: NOTICE_PUSH, payload: { noticeId: id, remind: true } }]));
    return { unread: await this.notices.unreadRecipients(row.id), queued: true };
  }
}

function toDto(r: NoticeView, recipient: boolean): NoticeDto {
  const dto: NoticeDto = {
    id: r.id,
    title: r.title,
    body: r.body,
    attachments: r.attachments ? r.attachments.split(',').map((a) => ({ id: a, url: `/api/v1/uploads/${a}` })) : [],
    node: { code: r.nodeCode, name: r.nodeName, level: r.nodeLevel },
    roles: r.roles ? (r.roles.split(',') as Role[]) : null,
    senderName: r.senderName,
    ackRequired: r.ackRequired,
    ackDeadline: r.ackDeadline ? r.ackDeadline.toISOString() : null,
    recipients: r.recipients,
    createdAt: r.createdAt.toISOString(),
  };
  if (recipient) {
    dto.readAt = r.readAt ? r.readAt.toISOString() : null;
    dto.ackedAt = r.ackedAt ? r.ackedAt.toISOString() : null;
  }
  return dto;
}
