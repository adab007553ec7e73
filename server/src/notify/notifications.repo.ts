import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { num } from '../db/rows.js';
import { marks } from '../db/dialect.js';
import { insertRows } from '../db/insert-rows.js';
import { Notification } from './notification.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** The `notification` table — the in-app inbox (owned by notify). Methods take the caller's EntityManager last. */
@Injectable()
export class NotificationsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** Which of these source keys a fan-out already wrote rows for. */
  @GenerateSql({ params: [['event:1:accepted', 'event:2:accepted']] })
  async seenSources(sourceKeys: readonly string[], m?: EntityManager): Promise<Set<string>> {
    if (sourceKeys.length === 0) return new Set();
    const rows: { source_key: string }[] = await this.mm(m).query(`SELECT DISTINCT source_key FROM notification WHERE source_key IN (${marks(sourceKeys)})`, [...sourceKeys]);
    return new Set(rows.map((r) => r.source_key));
  }

  @GenerateSql({ params: [[{ userId: 7, kind: 'event_progress', title: '您的上报已受理', body: '路面塌陷', page: '/pages/event/index?id=1', refType: 'event', refId: 1, sourceKey: 'event:1:accepted', createdAt: new Date('2026-01-15T08:00:00.000Z'), readAt: null }]] })
  async insertMany(rows: Omit<Notification, 'id'>[], m?: EntityManager): Promise<void> {
    // insertRows, not the query builder: fan-outs write hundreds of rows on the outbox's hot path.
    for (let i = 0; i < rows.length; i += 1000) await insertRows(this.mm(m), Notification, rows.slice(i, i + 1000));
  }

  /** The user's notifications, newest first, ids below `before`, only unread ones if asked. */
  @GenerateSql({ name: 'first page', params: [7, { limit: 21 }] })
  @GenerateSql({ name: 'unread, after a cursor', params: [7, { before: 100, unread: true, limit: 21 }] })
  page(userId: number, q: { before?: number; unread?: boolean; limit: number }, m?: EntityManager): Promise<Notification[]> {
    const qb = this.mm(m).getRepository(Notification).createQueryBuilder('n').where('n.userId = :u', { u: userId });
    if (q.before !== undefined) qb.andWhere('n.id < :c', { c: q.before });
    if (q.unread) qb.andWhere('n.readAt IS NULL');
    return qb.orderBy('n.id', 'DESC').limit(q.limit).getMany();
  }

  @GenerateSql({ params: [7] })
  async unreadCount(userId: number, m?: EntityManager): Promise<number> {
    const [a]: { n: number | string }[] = await this.mm(m).query('SELECT COUNT(*) AS n FROM notification WHERE user_id = ? AND read_at IS NULL', [userId]);
    return num(a!.n);
  }

  /** Marks one of the user's notifications read; false if it was already read or is not theirs. */
  @GenerateSql({ params: [7, 1, new Date('2026-01-15T08:00:00.000Z')] })
  async markRead(userId: number, id: number, at: Date, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).createQueryBuilder().update(Notification).set({ readAt: at }).where('id = :id AND user_id = :u AND read_at IS NULL', { id, u: userId }).execute();
    return !!r.affected;
  }

  @GenerateSql({ params: [1, 7] })
  isOwnedBy(id: number, userId: number, m?: EntityManager): Promise<boolean> {
    return this.mm(m).getRepository(Notification).exists({ where: { id, userId } });
  }

  @GenerateSql({ params: [7, new Date('2026-01-15T08:00:00.000Z')] })
  async markAllRead(userId: number, at: Date, m?: EntityManager): Promise<void> {
    await this.mm(m).createQueryBuilder().update(Notification).set({ readAt: at }).where('user_id = :u AND read_at IS NULL', { u: userId }).execute();
  }
}
