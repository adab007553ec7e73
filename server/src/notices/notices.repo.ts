import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { affectedRows, insertIgnore } from '../db/dialect.js';
import { bool, dbDate, num, sqlTime } from '../db/rows.js';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import type { NoticePushText, NoticeReads } from '../notify/notice-reads.js';
import { Notice } from './notice.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** A notice as read back; `readAt`/`ackedAt`/`isRecipient` when read for one recipient. */
export interface NoticeRecord {
  id: number;
  senderId: number;
  nodeId: number;
  nodePath: string;
  roles: string | null;
  title: string;
  body: string;
  attachments: string | null;
  ackRequired: boolean;
  ackDeadline: Date | null;
  recipients: number;
  createdAt: Date;
  remindedAt: Date | null;
  readAt?: Date | null;
  ackedAt?: Date | null;
  /** Whether that user is a recipient (only when read for a user). */
  isRecipient?: boolean;
}

export interface PendingRecipient {
  id: number;
  userId: number;
  nodePath: string;
  readAt: Date | null;
  ackedAt: Date | null;
}

const N_COLUMNS = `n.id AS id, n.sender_id AS sender_id, n.node_id AS node_id, n.node_path AS node_path, n.roles AS roles, n.title AS title, n.body AS body,
  n.attachments AS attachments, n.ack_required AS ack_required, n.ack_deadline AS ack_deadline, n.recipients AS recipients,
  n.created_at AS created_at, n.reminded_at AS reminded_at`;

type Raw = Record<string, unknown>;
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : dbDate(v));

function record(r: Raw, forUser: boolean): NoticeRecord {
  const n: NoticeRecord = {
    id: num(r.id),
    senderId: num(r.sender_id),
    nodeId: num(r.node_id),
    nodePath: String(r.node_path),
    roles: (r.roles as string | null) ?? null,
    title: String(r.title),
    body: String(r.body),
    attachments: (r.attachments as string | null) ?? null,
    ackRequired: bool(r.ack_required),
    ackDeadline: dateOrNull(r.ack_deadline),
    recipients: num(r.recipients),
    createdAt: dbDate(r.created_at),
    remindedAt: dateOrNull(r.reminded_at),
  };
  if (forUser) {
    n.readAt = dateOrNull(r.read_at);
    n.ackedAt = dateOrNull(r.acked_at);
  }
  return n;
}

/**
 * The `notice` and `notice_recipient` tables (owned by notices). Methods take the caller's
 * EntityManager last. Also notify's NoticeReads port (bound in NoticesModule).
 */
@Injectable()
export class NoticesRepo implements NoticeReads {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** A new notice; its id. */
  @GenerateSql({ params: [{ senderId: 2, nodeId: 1, nodePath: '5101/510104/510104017/', roles: 'grid_worker', title: '防汛通知', body: '今晚有暴雨', attachments: null, ackRequired: true, ackDeadline: new Date('2026-01-31T16:00:00.000Z'), recipients: 0, createdAt: new Date('2026-01-15T08:00:00.000Z'), pushedAt: null, remindedAt: null }] })
  async insert(row: Omit<Notice, 'id'>, m?: EntityManager): Promise<number> {
    const ins = await this.mm(m).insert(Notice, row);
    return num(ins.identifiers[0]!.id);
  }

  @GenerateSql({ params: [1, 12] })
  async setRecipientCount(id: number, recipients: number, m?: EntityManager): Promise<void> {
    await this.mm(m).update(Notice, { id }, { recipients });
  }

  /**
   * Writes a recipient row for each (user_id, path) of `holders` (a SELECT), in one INSERT … SELECT;
   * repeats of a user are dropped by the unique (notice_id, user_id) index. How many were written.
   */
  @GenerateSql({ params: [1, { sql: 'SELECT g.user_id AS user_id, n.path AS path FROM role_grant g JOIN grid_node n ON n.id = g.node_id WHERE n.path >= ? AND n.path < ? AND g.role IN (?) AND g.revoked_at IS NULL', params: ['5101/510104/510104017/', '5101/510104/5101040170', 'grid_worker'] }] })
  async addRecipients(noticeId: number, holders: { sql: string; params: readonly unknown[] }, m?: EntityManager): Promise<number> {
    const q = this.mm(m);
    const r = await q.query(`${insertIgnore(q)} INTO notice_recipient (notice_id, user_id, node_path) SELECT ?, h.user_id, h.path FROM (${holders.sql}) h`, [noticeId, ...holders.params]);
    const n0 = affectedRows(q, r);
    if (n0 !== null) return n0;
    const [{ n }]: { n: number | string }[] = await q.query('SELECT COUNT(*) AS n FROM notice_recipient WHERE notice_id = ?', [noticeId]);
    return num(n);
  }

  /** Marks the pushes queued; false when they already were (a re-delivered outbox row). */
  @GenerateSql({ params: [1, new Date('2026-01-15T08:00:00.000Z')] })
  async markPushed(id: number, at: Date, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).createQueryBuilder().update(Notice).set({ pushedAt: at }).where('id = :id AND pushed_at IS NULL', { id }).execute();
    return !!r.affected;
  }

  /** A SELECT of the user_id of each recipient of the notice (only those who have not read it, if asked). */
  @GenerateSql({ params: [1, true], then: (q: { sql: string; params: unknown[] }, m: EntityManager) => m.query(q.sql, q.params) })
  recipientsSelect(noticeId: number, unreadOnly: boolean): { sql: string; params: unknown[] } {
    return { sql: `SELECT user_id FROM notice_recipient WHERE notice_id = ?${unreadOnly ? ' AND read_at IS NULL' : ''}`, params: [noticeId] };
  }

  /** The notice; with `userId`, also that user's read/ack times and whether they are a recipient. */
  @GenerateSql({ name: 'the notice', params: [1] })
  @GenerateSql({ name: 'for a recipient', params: [1, 7] })
  async byId(id: number, userId?: number, m?: EntityManager): Promise<NoticeRecord | null> {
    const [row]: Raw[] = await this.mm(m).query(
      `SELECT ${N_COLUMNS}
              ${userId ? ', r.read_at AS read_at, r.acked_at AS acked_at, r.id AS rid' : ''}
         FROM notice n
         ${userId ? 'LEFT JOIN notice_recipient r ON r.notice_id = n.id AND r.user_id = ?' : ''}
        WHERE n.id = ?`,
      userId ? [userId, id] : [id],
    );
    if (!row) return null;
    const n = record(row, !!userId);
    if (userId) n.isRecipient = row.rid !== null && row.rid !== undefined;
    return n;
  }

  /** Notices the user received, newest first, ids below `before`. */
  @GenerateSql({ name: 'first page', params: [7, { limit: 21 }] })
  @GenerateSql({ name: 'after a cursor', params: [7, { before: 100, limit: 21 }] })
  async received(userId: number, q: { before?: number; limit: number }, m?: EntityManager): Promise<NoticeRecord[]> {
    const rows: Raw[] = await this.mm(m).query(
      `SELECT ${N_COLUMNS}, r.read_at AS read_at, r.acked_at AS acked_at
         FROM notice_recipient r JOIN notice n ON n.id = r.notice_id
        WHERE r.user_id = ? ${q.before ? 'AND r.notice_id < ?' : ''}
        ORDER BY r.notice_id DESC LIMIT ${Math.max(1, Math.floor(q.limit))}`,
      q.before ? [userId, q.before] : [userId],
    );
    return rows.map((r) => record(r, true));
  }

  /** Notices aimed at a node in any of the subtrees under `paths`, newest first, ids below `before`. */
  @GenerateSql({ params: [['5101/510104/510104017/', '5101/510104/510104018/'], { before: 100, limit: 21 }] })
  async under(paths: readonly string[], q: { before?: number; limit: number }, m?: EntityManager): Promise<NoticeRecord[]> {
    if (paths.length === 0) return [];
    const params: unknown[] = [];
    const where = paths.map((p) => {
      const s = subtreeSql('n.node_path', p);
      params.push(...s.params);
      return s.sql;
    });
    if (q.before) params.push(q.before);
    const rows: Raw[] = await this.mm(m).query(
      `SELECT ${N_COLUMNS}
         FROM notice n
        WHERE (${where.join(' OR ')}) ${q.before ? 'AND n.id < ?' : ''}
        ORDER BY n.id DESC LIMIT ${Math.max(1, Math.floor(q.limit))}`,
      params,
    );
    return rows.map((r) => record(r, false));
  }

  /** Records that the recipient read the notice (first time only). */
  @GenerateSql({ params: [1, 7, new Date('2026-01-15T08:00:00.000Z')] })
  async markRead(id: number, userId: number, at: Date, m?: EntityManager): Promise<void> {
    await this.mm(m).query('UPDATE notice_recipient SET read_at = ? WHERE notice_id = ? AND user_id = ? AND read_at IS NULL', [sqlTime(at), id, userId]);
  }

  /** Records that the recipient acknowledged the notice (first time only). */
  @GenerateSql({ params: [1, 7, new Date('2026-01-15T08:00:00.000Z')] })
  async markAcked(id: number, userId: number, at: Date, m?: EntityManager): Promise<void> {
    await this.mm(m).query('UPDATE notice_recipient SET acked_at = ? WHERE notice_id = ? AND user_id = ? AND acked_at IS NULL', [sqlTime(at), id, userId]);
  }

  /**
   * Recipients, read and acked counts grouped by the child of `nodePath` their grant is held
   * under (`nodePath` itself for grants at the node): path of that child, counts.
   */
  @GenerateSql({ params: [1, '5101/510104/'] })
  async countsByChild(id: number, nodePath: string, m?: EntityManager): Promise<{ child: string; recipients: number; read: number; acked: number }[]> {
    const p = nodePath;
    const child = `SUBSTR(r.node_path, 1, ${p.length} + INSTR(SUBSTR(r.node_path, ${p.length + 1}), '/'))`;
    const groups: { child: string; n: number | string; r: number | string; a: number | string }[] = await this.mm(m).query(
      `SELECT ${child} AS child, COUNT(*) AS n, COUNT(r.read_at) AS r, COUNT(r.acked_at) AS a
         FROM notice_recipient r WHERE r.notice_id = ? GROUP BY ${child}`,
      [id],
    );
    return groups.map((g) => ({ child: g.child, recipients: num(g.n), read: num(g.r), acked: num(g.a) }));
  }

  /** Recipients under `under` who have not read (or, with `unacked`, not acked) it, by id after `after`. */
  @GenerateSql({ name: 'unread', params: [1, { under: '5101/510104/510104017/', unacked: false, limit: 100 }] })
  @GenerateSql({ name: 'unacked, after a cursor', params: [1, { under: '5101/510104/510104017/', unacked: true, after: 10, limit: 100 }] })
  async pending(id: number, q: { under: string; unacked: boolean; after?: number; limit: number }, m?: EntityManager): Promise<PendingRecipient[]> {
    const sub = subtreeSql('r.node_path', q.under);
    const rows: { id: number | string; user_id: number | string; node_path: string; read_at: unknown; acked_at: unknown }[] = await this.mm(m).query(
      `SELECT r.id AS id, r.user_id AS user_id, r.node_path AS node_path, r.read_at AS read_at, r.acked_at AS acked_at
         FROM notice_recipient r
        WHERE r.notice_id = ? AND ${q.unacked ? 'r.acked_at' : 'r.read_at'} IS NULL AND ${sub.sql} ${q.after ? 'AND r.id > ?' : ''}
        ORDER BY r.id LIMIT ${Math.max(1, Math.floor(q.limit))}`,
      q.after ? [id, ...sub.params, q.after] : [id, ...sub.params],
    );
    return rows.map((r) => ({ id: num(r.id), userId: num(r.user_id), nodePath: r.node_path, readAt: dateOrNull(r.read_at), ackedAt: dateOrNull(r.acked_at) }));
  }

  /** Sets reminded_at to `now` unless the last reminder is less than `minGapMs` old; false then. */
  @GenerateSql({ params: [1, new Date('2026-01-31T16:00:00.000Z'), 3600000] })
  async markReminded(id: number, now: Date, minGapMs: number, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m)
      .createQueryBuilder()
      .update(Notice)
      .set({ remindedAt: now })
      .where('id = :id AND (reminded_at IS NULL OR reminded_at < :t)', { id, t: new Date(now.getTime() - minGapMs) })
      .execute();
    return !!r.affected;
  }

  /** Recipients of the notice who have not read it. */
  @GenerateSql({ params: [1] })
  async unreadRecipients(id: number, m?: EntityManager): Promise<number> {
    const [{ n }]: { n: number | string }[] = await this.mm(m).query('SELECT COUNT(*) AS n FROM notice_recipient WHERE notice_id = ? AND read_at IS NULL', [id]);
    return num(n);
  }

  // ---- NoticeReads (for notify) ----

  @GenerateSql({ params: [7] })
  async unreadCount(userId: number): Promise<number> {
    const [{ n }]: { n: number | string }[] = await this.ds.manager.query('SELECT COUNT(*) AS n FROM notice_recipient WHERE user_id = ? AND read_at IS NULL', [userId]);
    return num(n);
  }

  @GenerateSql({ params: [1] })
  async pushText(noticeId: number): Promise<NoticePushText | null> {
    const [n]: { title: string; created_at: unknown; ack_deadline: unknown; node_id: number | string }[] = await this.ds.manager.query(
      'SELECT n.title AS title, n.created_at AS created_at, n.ack_deadline AS ack_deadline, n.node_id AS node_id FROM notice n WHERE n.id = ?',
      [noticeId],
    );
    return n ? { title: String(n.title), nodeId: num(n.node_id), createdAt: dbDate(n.created_at), ackDeadline: dateOrNull(n.ack_deadline) } : null;
  }
}
