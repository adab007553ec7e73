import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { STAFF_ROLES, type GridLevel, type NoticeDto, type NoticeRecipientDto, type NoticeStatsDto, type Page, type Role } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError } from '../common/app-error.js';
import { sqlTime } from '../db/rows.js';
import { AccessService } from '../access/access.service.js';
import { enqueueOutbox } from '../outbox/enqueue.js';
import { SenderRegistry } from '../outbox/sender-registry.js';
import type { SendContext, SendOutcome } from '../outbox/send-result.js';
import { SUBSCRIBE_SEND } from '../notify/notify.service.js';
import { dbIso } from '../db/rows.js';
import { Notice, NoticeRecipient } from './notice.entity.js';
import type { CreateNoticeDto } from './dto.js';
import { affectedRows, concatSql, insertIgnore } from '../db/dialect.js';
import { Staff } from '../accounts/staff.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';

export const NOTICE_PUSH = 'notice.push';
const REMIND_EVERY_MS = 10 * 60_000;

export const noticePage = (id: number) => `pages/notice/index?id=${id}`;

interface NoticeRow {
  id: number;
  sender_id: number;
  node_id: number;
  node_path: string;
  roles: string | null;
  title: string;
  body: string;
  attachments: string | null;
  ack_required: number | boolean;
  ack_deadline: Date | string | null;
  recipients: number;
  created_at: Date | string;
  reminded_at: Date | string | null;
  node_code: string;
  node_name: string;
  node_level: GridLevel;
  sender_name: string | null;
  read_at?: Date | string | null;
  acked_at?: Date | string | null;
}

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
  ) {}

  /** Adds each notice's node code, name and level (grid_node is read through the GridTree port). */
  private async withNodes<R extends { node_id: number }>(rows: R[]): Promise<(R & Pick<NoticeRow, 'node_code' | 'node_name' | 'node_level'>)[]> {
    const nodes = new Map((await this.tree.refsByIds(rows.map((r) => Number(r.node_id)))).map((n) => [n.id, n]));
    // A notice whose node is gone is left out, as the former inner join did.
    return rows.flatMap((r) => {
      const n = nodes.get(Number(r.node_id));
      return n ? [{ ...r, node_code: n.code, node_name: n.name, node_level: n.level }] : [];
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
      const [{ n }] = await this.ds.query(`SELECT COUNT(*) AS n FROM upload WHERE owner_id = ? AND public_id IN (${attachments.map(() => '?').join(',')})`, [actor.userId, ...attachments]);
      if (Number(n) !== attachments.length) throw new AppError('VALIDATION_FAILED', 'unknown attachment', { fields: { attachments: 'each must be one of your uploads' } });
    }
    let deadline: Date | null = null;
    if (input.ackDeadline) {
      deadline = new Date(input.ackDeadline);
      if (deadline.getTime() <= Date.now()) throw new AppError('VALIDATION_FAILED', 'ackDeadline is in the past', { fields: { ackDeadline: 'must be in the future' } });
    }
    const roles = input.roles?.length ? [...new Set(input.roles)] : null;
    const id = await this.ds.transaction(async (m) => {
      const now = new Date();
      const ins = await m.insert(Notice, {
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
      });
      const noticeId = Number(ins.identifiers[0]!.id);
      const recipients = await this.fanOut(m, noticeId, node.path, roles ?? STAFF_ROLES, actor.userId);
      await m.update(Notice, { id: noticeId }, { recipients });
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
  async fanOut(m: EntityManager, noticeId: number, path: string, roles: readonly Role[], senderId: number): Promise<number> {
    const holders = this.staff.holdersInSubtreeSelect(path, roles, senderId);
    const r = await m.query(`${insertIgnore(m)} INTO notice_recipient (notice_id, user_id, node_path) SELECT ?, h.user_id, h.path FROM (${holders.sql}) h`, [noticeId, ...holders.params]);
    const n0 = affectedRows(m, r);
    if (n0 !== null) return n0;
    const [{ n }] = await m.query('SELECT COUNT(*) AS n FROM notice_recipient WHERE notice_id = ?', [noticeId]);
    return Number(n);
  }

  /**
   * 'notice.push': reserve a 'notice' credit for each recipient holding one (unread ones, for a
   * reminder) and queue one subscribe push each — both set-based, in one transaction.
   */
  private async push(p: { noticeId: number; remind?: boolean }, ctx: SendContext): Promise<SendOutcome> {
    const pushed = await this.ds.transaction(async (m) => {
      if (!p.remind) {
        const r = await m.createQueryBuilder().update(Notice).set({ pushedAt: new Date() }).where('id = :id AND pushed_at IS NULL', { id: p.noticeId }).execute();
        if (!r.affected) return -1;
      }
      const now = sqlTime(new Date(Math.floor(Date.now() / 1000) * 1000));
      const page = noticePage(p.noticeId);
      const cat = (...parts: string[]) => concatSql(m, parts);
      const payload = cat(`'{"userId":'`, 'r.user_id', `',"openid":"'`, 'u.openid', `'","template":"notice","page":"${page}","noticeId":${p.noticeId}}'`);
      const unread = p.remind ? 'AND r.read_at IS NULL' : '';
      await m.query(
        `INSERT INTO outbox (kind, payload, status, attempts, due_at, created_at)
         SELECT '${SUBSCRIBE_SEND}', ${payload}, 'pending', 0, ?, ?
           FROM notice_recipient r
           JOIN subscribe_credit c ON c.user_id = r.user_id AND c.template_key = 'notice' AND c.credits > 0
           JOIN app_user u ON u.id = r.user_id AND u.disabled = ?
          WHERE r.notice_id = ? ${unread}`,
        [now, now, false, p.noticeId],
      );
      await m.query(
        `UPDATE subscribe_credit SET credits = credits - 1, updated_at = ?
          WHERE template_key = 'notice' AND credits > 0
            AND user_id IN (SELECT r.user_id FROM notice_recipient r JOIN app_user u ON u.id = r.user_id AND u.disabled = ? WHERE r.notice_id = ? ${unread})`,
        [now, false, p.noticeId],
      );
      return 0;
    });
    if (pushed === -1) return { skipped: `pushes for notice ${p.noticeId} already queued (outbox ${ctx.messageId} re-delivered)` };
  }

  // ---- reading ----

  private async load(id: number, userId?: number): Promise<NoticeRow | undefined> {
    const [row] = await this.ds.query(
      `SELECT n.id AS id, n.sender_id AS sender_id, n.node_id AS node_id, n.node_path AS node_path, n.roles AS roles, n.title AS title, n.body AS body,
              n.attachments AS attachments, n.ack_required AS ack_required, n.ack_deadline AS ack_deadline, n.recipients AS recipients,
              n.created_at AS created_at, n.reminded_at AS reminded_at, u.name AS sender_name
              ${userId ? ', r.read_at AS read_at, r.acked_at AS acked_at, r.id AS rid' : ''}
         FROM notice n LEFT JOIN app_user u ON u.id = n.sender_id
         ${userId ? 'LEFT JOIN notice_recipient r ON r.notice_id = n.id AND r.user_id = ?' : ''}
        WHERE n.id = ?`,
      userId ? [userId, id] : [id],
    );
    return row ? (await this.withNodes([row as NoticeRow]))[0] : undefined;
  }

  /** A recipient, the sender, or staff who may send notices over its node may read it. */
  async detail(actor: Actor, id: number): Promise<NoticeDto> {
    const row = await this.load(id, actor.userId);
    if (!row) throw new AppError('NOT_FOUND', 'notice not found');
    const isRecipient = (row as { rid?: unknown }).rid != null;
    if (!isRecipient && Number(row.sender_id) !== actor.userId) await this.access.require(actor, 'notice.send', { nodePath: row.node_path }, { hide: true });
    return toDto(row, isRecipient);
  }

  async inbox(actor: Actor, q: { cursor?: number; limit?: number }): Promise<Page<NoticeDto>> {
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const rows: NoticeRow[] = await this.ds.query(
      `SELECT n.id AS id, n.sender_id AS sender_id, n.node_id AS node_id, n.node_path AS node_path, n.roles AS roles, n.title AS title, n.body AS body,
              n.attachments AS attachments, n.ack_required AS ack_required, n.ack_deadline AS ack_deadline, n.recipients AS recipients,
              n.created_at AS created_at, n.reminded_at AS reminded_at, u.name AS sender_name,
              r.read_at AS read_at, r.acked_at AS acked_at
         FROM notice_recipient r JOIN notice n ON n.id = r.notice_id LEFT JOIN app_user u ON u.id = n.sender_id
        WHERE r.user_id = ? ${q.cursor ? 'AND r.notice_id < ?' : ''}
        ORDER BY r.notice_id DESC LIMIT ${limit + 1}`,
      q.cursor ? [actor.userId, q.cursor] : [actor.userId],
    ).then((rs: NoticeRow[]) => this.withNodes(rs));
    const items = rows.slice(0, limit).map((r) => toDto(r, true));
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }

  /** Notices sent over the actor's notice.send scope, newest first. */
  async sent(actor: Actor, q: { cursor?: number; limit?: number }): Promise<Page<NoticeDto>> {
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const scope = this.access.scope(actor, 'notice.send');
    if (!scope.length) return { items: [], nextCursor: null };
    const params: unknown[] = [];
    const where = scope.map((s) => {
      params.push(`${s.path}%`);
      return 'n.node_path LIKE ?';
    });
    if (q.cursor) params.push(q.cursor);
    const rows: NoticeRow[] = await this.ds.query(
      `SELECT n.id AS id, n.sender_id AS sender_id, n.node_id AS node_id, n.node_path AS node_path, n.roles AS roles, n.title AS title, n.body AS body,
              n.attachments AS attachments, n.ack_required AS ack_required, n.ack_deadline AS ack_deadline, n.recipients AS recipients,
              n.created_at AS created_at, n.reminded_at AS reminded_at, u.name AS sender_name
         FROM notice n LEFT JOIN app_user u ON u.id = n.sender_id
        WHERE (${where.join(' OR ')}) ${q.cursor ? 'AND n.id < ?' : ''}
        ORDER BY n.id DESC LIMIT ${limit + 1}`,
      params,
    ).then((rs: NoticeRow[]) => this.withNodes(rs));
    const items = rows.slice(0, limit).map((r) => toDto(r, false));
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.id) : null };
  }

  async markRead(actor: Actor, id: number, ack: boolean): Promise<NoticeDto> {
    const row = await this.load(id, actor.userId);
    if (!row || (row as { rid?: unknown }).rid == null) throw new AppError('NOT_FOUND', 'notice not found');
    const now = sqlTime(new Date());
    await this.ds.query('UPDATE notice_recipient SET read_at = ? WHERE notice_id = ? AND user_id = ? AND read_at IS NULL', [now, id, actor.userId]);
    if (ack) {
      if (!Number(row.ack_required)) throw new AppError('INVALID_TRANSITION', 'this notice needs no acknowledgement');
      await this.ds.query('UPDATE notice_recipient SET acked_at = ? WHERE notice_id = ? AND user_id = ? AND acked_at IS NULL', [now, id, actor.userId]);
    }
    return this.detail(actor, id);
  }

  // ---- the sender's view ----

  private async senderView(actor: Actor, id: number): Promise<NoticeRow> {
    const row = await this.load(id);
    if (!row) throw new AppError('NOT_FOUND', 'notice not found');
    await this.access.require(actor, 'notice.send', { nodePath: row.node_path }, { hide: true });
    return row;
  }

  /** Read and ack rates per child of the target node; recipients at the node itself come under it. */
  async stats(actor: Actor, id: number): Promise<NoticeStatsDto> {
    const row = await this.senderView(actor, id);
    const p = row.node_path;
    const child = `SUBSTR(r.node_path, 1, ${p.length} + INSTR(SUBSTR(r.node_path, ${p.length + 1}), '/'))`;
    const groups: { child: string; n: number; r: number; a: number }[] = await this.ds.query(
      `SELECT ${child} AS child, COUNT(*) AS n, COUNT(r.read_at) AS r, COUNT(r.acked_at) AS a
         FROM notice_recipient r WHERE r.notice_id = ? GROUP BY ${child}`,
      [id],
    );
    const paths = groups.map((g) => g.child);
    const nodes = await this.tree.refsByPaths(paths);
    const byPath = new Map(nodes.map((n) => [n.path, n]));
    const byChild = groups
      .map((g) => {
        const n = byPath.get(g.child);
        const recipients = Number(g.n);
        return { code: n?.code ?? 'self', name: n?.name ?? '', level: n?.level ?? null, recipients, read: Number(g.r), acked: Number(g.a), readRate: recipients ? Math.round((Number(g.r) / recipients) * 1000) / 1000 : 0 };
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
    let under = row.node_path;
    if (q.nodeCode) {
      const n = await this.tree.refByCode(q.nodeCode);
      if (!n || !String(n.path).startsWith(row.node_path)) throw new AppError('VALIDATION_FAILED', 'node is not under this notice', { fields: { nodeCode: 'must be inside the notice target' } });
      under = n.path;
    }
    const rows: { id: number; user_id: number; name: string | null; node_path: string; read_at: Date | string | null; acked_at: Date | string | null }[] = await this.ds.query(
      `SELECT r.id AS id, r.user_id AS user_id, u.name AS name, r.node_path AS node_path, r.read_at AS read_at, r.acked_at AS acked_at
         FROM notice_recipient r JOIN app_user u ON u.id = r.user_id
        WHERE r.notice_id = ? AND ${q.unacked ? 'r.acked_at' : 'r.read_at'} IS NULL AND r.node_path LIKE ? ${q.cursor ? 'AND r.id > ?' : ''}
        ORDER BY r.id LIMIT ${limit + 1}`,
      q.cursor ? [id, `${under}%`, q.cursor] : [id, `${under}%`],
    );
    const page = rows.slice(0, limit);
    const at = new Map((await this.tree.refsByPaths(page.map((r) => r.node_path))).map((n) => [n.path, n]));
    // Left join as before: a recipient whose node path matches no node shows null code and name.
    const items = page.map((r) => ({ userId: Number(r.user_id), name: r.name, nodeCode: (at.get(r.node_path)?.code ?? null) as string, nodeName: (at.get(r.node_path)?.name ?? null) as string, readAt: r.read_at ? dbIso(r.read_at) : null, ackedAt: r.acked_at ? dbIso(r.acked_at) : null }));
    return { items, nextCursor: rows.length > limit ? String(rows[limit - 1]!.id) : null };
  }

  /** Pushes again to everyone who has not read it (those holding a credit); at most every 10 min. */
  async remind(actor: Actor, id: number): Promise<{ unread: number; queued: boolean }> {
    const row = await this.senderView(actor, id);
    const now = new Date();
    const r = await this.ds
      .createQueryBuilder()
      .update(Notice)
      .set({ remindedAt: now })
      .where('id = :id AND (reminded_at IS NULL OR reminded_at < :t)', { id, t: new Date(now.getTime() - REMIND_EVERY_MS) })
      .execute();
    if (!r.affected) throw new AppError('RATE_LIMITED', 'reminded less than 10 minutes ago', { retryAfter: 600 });
    await this.ds.transaction((m) => enqueueOutbox(m, [{ kind: NOTICE_PUSH, payload: { noticeId: id, remind: true } }]));
    const [{ n }] = await this.ds.query('SELECT COUNT(*) AS n FROM notice_recipient WHERE notice_id = ? AND read_at IS NULL', [row.id]);
    return { unread: Number(n), queued: true };
  }
}

function toDto(r: NoticeRow, recipient: boolean): NoticeDto {
  const dto: NoticeDto = {
    id: Number(r.id),
    title: r.title,
    body: r.body,
    attachments: r.attachments ? r.attachments.split(',').map((a) => ({ id: a, url: `/api/v1/uploads/${a}` })) : [],
    node: { code: r.node_code, name: r.node_name, level: r.node_level },
    roles: r.roles ? (r.roles.split(',') as Role[]) : null,
    senderName: r.sender_name,
    ackRequired: Boolean(Number(r.ack_required)),
    ackDeadline: r.ack_deadline ? dbIso(r.ack_deadline) : null,
    recipients: Number(r.recipients),
    createdAt: dbIso(r.created_at),
  };
  if (recipient) {
    dto.readAt = r.read_at ? dbIso(r.read_at) : null;
    dto.ackedAt = r.acked_at ? dbIso(r.acked_at) : null;
  }
  return dto;
}
