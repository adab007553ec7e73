import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventState } from '@weigrid/shared';
import { dbDate, num, numOrNull } from '../db/rows.js';
import { marks } from '../db/dialect.js';
import type { EventForNotify, NotifyEventReads } from '../notify/event-reads.js';
import { DEFAULT_ACK } from './ack.js';
import { GenerateSql } from '../db/generate-sql.js';

/**
 * Reads of `event` and `event_supporter` (owned by events) for the notify senders — the
 * implementation of notify's NotifyEventReads port. Methods take the caller's EntityManager last.
 */
@Injectable()
export class EventReadsRepo implements NotifyEventReads {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [1] })
  async forNotify(id: number, m?: EntityManager): Promise<EventForNotify | null> {
    return (await this.forNotifyMany([id], m)).get(id) ?? null;
  }

  /** The events among `ids` that exist, by id (one query: the outbox delivers new reports in batches). */
  @GenerateSql({ params: [[1, 2]] })
  async forNotifyMany(ids: readonly number[], m?: EntityManager): Promise<Map<number, EventForNotify>> {
    if (ids.length === 0) return new Map();
    const rows: {
      id: number | string;
      state: EventState;
      category: string;
      address: string | null;
      description: string;
      node_id: number | string;
      node_path: string;
      handler_id: number | string | null;
      reporter_id: number | string | null;
      stage: string | null;
      deadline_at: Date | string | null;
      created_at: Date | string;
      priority: 'urgent' | 'normal';
      followup_at: Date | string | null;
      merged_into: number | string | null;
    }[] = await this.mm(m).query(
      `SELECT id, state, category, address, description, node_id, node_path, handler_id, reporter_id, stage, deadline_at, created_at, priority, followup_at, merged_into FROM event WHERE id IN (${marks(ids)})`,
      [...ids],
    );
    return new Map(
      rows.map((e) => [
        num(e.id),
        {
          id: num(e.id),
          state: e.state,
          category: e.category,
          address: e.address,
          description: e.description,
          nodeId: num(e.node_id),
          nodePath: e.node_path,
          handlerId: numOrNull(e.handler_id),
          reporterId: numOrNull(e.reporter_id),
          stage: e.stage,
          deadlineAt: e.deadline_at === null ? null : dbDate(e.deadline_at),
          createdAt: dbDate(e.created_at),
          priority: e.priority,
          followupAt: e.followup_at === null ? null : dbDate(e.followup_at),
          mergedInto: numOrNull(e.merged_into),
        },
      ]),
    );
  }

  async ackText(category: string): Promise<string> {
    const rows: { text: string; category: string }[] = await this.mm().query("SELECT text, category FROM event_template WHERE state = 'reported' AND category IN (?, '*') ORDER BY id", [category]);
    return (rows.find((r) => r.category === category) ?? rows[0])?.text ?? DEFAULT_ACK;
  }

  @GenerateSql({ params: [1] })
  async supporterIds(eventId: number, m?: EntityManager): Promise<number[]> {
    const rows: { user_id: number | string }[] = await this.mm(m).query('SELECT user_id FROM event_supporter WHERE event_id = ?', [eventId]);
    return rows.map((r) => num(r.user_id));
  }
}
