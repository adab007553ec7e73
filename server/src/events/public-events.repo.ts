import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventState } from '@weigrid/shared';
import { GenerateSql } from '../db/generate-sql.js';
import { bool, dbDate, num, numOrNull, sqlTime } from '../db/rows.js';
import { subtreeSql } from '../grids/grid-tree.repo.js';

/**
 * THE filter for "events anyone may see in public" (Open311 GETs, any other public listing):
 * a SQL condition on the `event` table under `alias`. Held content (content security or
 * moderation) is never public. Whoever adds another reason to keep an event out of public view
 * (moderation's held states, takedowns…) adds it here, and every public reader follows.
 */
export function publiclyVisibleEventsWhere(alias: string): string {
  return `${alias}.held = 0`;
}

/** An event as an external client (Open311, 12345) is told about it. */
export interface ExternalEventRow {
  id: number;
  category: string;
  description: string;
  address: string | null;
  /** GCJ-02. */
  lat: number | null;
  lng: number | null;
  nodeId: number;
  nodePath: string;
  ownerNodeId: number;
  departmentId: number | null;
  state: EventState;
  deadlineAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  photos: string[];
  /** What `publiclyVisibleEventsWhere` says of this event. */
  publiclyVisible: boolean;
}

/** One state change (or other audit row) for the callback relay. */
export interface ExternalAuditRow {
  id: number;
  eventId: number;
  action: string;
  fromState: EventState | null;
  toState: EventState;
  note: string | null;
  photos: string[];
  at: Date;
  nodePath: string;
}

/** A filter of public listings; every field optional but `limit`. */
export interface ExternalEventFilter {
  ids?: readonly number[];
  categories?: readonly string[];
  states?: readonly EventState[];
  from?: Date;
  to?: Date;
  /** Only events whose micro-grid lies under this node path. */
  under?: string;
  limit: number;
}

const COLUMNS = `e.id, e.category, e.description, e.address, e.lat, e.lng, e.node_id, e.node_path, e.owner_node_id, e.department_id, e.state, e.deadline_at, e.created_at, e.updated_at, e.photos, CASE WHEN ${publiclyVisibleEventsWhere('e')} THEN 1 ELSE 0 END AS public_ok`;

function eventOf(r: Record<string, unknown>): ExternalEventRow {
  return {
    id: num(r.id),
    category: String(r.category),
    description: String(r.description),
    address: r.address === null || r.address === undefined ? null : String(r.address),
    lat: numOrNull(r.lat),
    lng: numOrNull(r.lng),
    nodeId: num(r.node_id),
    nodePath: String(r.node_path),
    ownerNodeId: num(r.owner_node_id),
    departmentId: numOrNull(r.department_id),
    state: r.state as EventState,
    deadlineAt: r.deadline_at === null || r.deadline_at === undefined ? null : dbDate(r.deadline_at),
    createdAt: dbDate(r.created_at),
    updatedAt: dbDate(r.updated_at),
    photos: JSON.parse(String(r.photos ?? '[]')) as string[],
    publiclyVisible: bool(r.public_ok),
  };
}

/**
 * Reads of `event` and `event_audit` (owned by events) for the open311 module: the public listing
 * (always through `publiclyVisibleEventsWhere`), single events for the client that filed them, and
 * the audit trail the callback relay follows. Methods take the caller's EntityManager last.
 */
@Injectable()
export class ExternalEventReads {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** Publicly visible events matching `f`, newest first. */
  @GenerateSql({ name: 'by date', params: [{ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z'), limit: 1000 }] })
  @GenerateSql({ name: 'by ids, codes, states and node', params: [{ ids: [1, 2], categories: ['road'], states: ['accepted', 'closed'], under: '5101/510104/', from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z'), limit: 1000 }] })
  async publicList(f: ExternalEventFilter, m?: EntityManager): Promise<ExternalEventRow[]> {
    const where = [publiclyVisibleEventsWhere('e')];
    const params: unknown[] = [];
    if (f.ids) {
      if (f.ids.length === 0) return [];
      where.push(`e.id IN (${f.ids.map(() => '?').join(',')})`);
      params.push(...f.ids);
    }
    if (f.categories) {
      if (f.categories.length === 0) return [];
      where.push(`e.category IN (${f.categories.map(() => '?').join(',')})`);
      params.push(...f.categories);
    }
    if (f.states) {
      if (f.states.length === 0) return [];
      where.push(`e.state IN (${f.states.map(() => '?').join(',')})`);
      params.push(...f.states);
    }
    if (f.from) {
      where.push('e.created_at >= ?');
      params.push(sqlTime(f.from));
    }
    if (f.to) {
      where.push('e.created_at <= ?');
      params.push(sqlTime(f.to));
    }
    if (f.under !== undefined) {
      const s = subtreeSql('e.node_path', f.under);
      where.push(s.sql);
      params.push(...s.params);
    }
    const rows: Record<string, unknown>[] = await this.mm(m).query(`SELECT ${COLUMNS} FROM event e WHERE ${where.join(' AND ')} ORDER BY e.created_at DESC, e.id DESC LIMIT ${Math.max(1, Math.floor(f.limit))}`, params);
    return rows.map(eventOf);
  }

  /** Events by id whatever their visibility (for the client that filed them). */
  @GenerateSql({ params: [[1, 2]] })
  async byIds(ids: readonly number[], m?: EntityManager): Promise<ExternalEventRow[]> {
    if (ids.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.mm(m).query(`SELECT ${COLUMNS} FROM event e WHERE e.id IN (${ids.map(() => '?').join(',')})`, [...ids]);
    return rows.map(eventOf);
  }

  /** Audit rows after `afterId`, oldest first, with their event's micro-grid path. */
  @GenerateSql({ params: [0, 500] })
  async auditsAfter(afterId: number, limit: number, m?: EntityManager): Promise<ExternalAuditRow[]> {
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT a.id, a.event_id, a.action, a.from_state, a.to_state, a.note, a.photos, a.at, e.node_path FROM event_audit a JOIN event e ON e.id = a.event_id WHERE a.id > ? ORDER BY a.id LIMIT ${Math.max(1, Math.floor(limit))}`,
      [afterId],
    );
    return rows.map((r) => ({
      id: num(r.id),
      eventId: num(r.event_id),
      action: String(r.action),
      fromState: (r.from_state as EventState | null) ?? null,
      toState: r.to_state as EventState,
      note: r.note === null || r.note === undefined ? null : String(r.note),
      photos: JSON.parse(String(r.photos ?? '[]')) as string[],
      at: dbDate(r.at),
      nodePath: String(r.node_path),
    }));
  }

  /** The newest audit row's id (0 without any): where a fresh relay starts. */
  @GenerateSql({ params: [] })
  async maxAuditId(m?: EntityManager): Promise<number> {
    const [r] = await this.mm(m).query('SELECT MAX(id) AS m FROM event_audit');
    return num(r?.m ?? 0);
  }

  /** One audit row by id (what a callback reports). */
  @GenerateSql({ params: [7] })
  async auditById(id: number, m?: EntityManager): Promise<ExternalAuditRow | null> {
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      'SELECT a.id, a.event_id, a.action, a.from_state, a.to_state, a.note, a.photos, a.at, e.node_path FROM event_audit a JOIN event e ON e.id = a.event_id WHERE a.id = ?',
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: num(r.id),
      eventId: num(r.event_id),
      action: String(r.action),
      fromState: (r.from_state as EventState | null) ?? null,
      toState: r.to_state as EventState,
      note: r.note === null || r.note === undefined ? null : String(r.note),
      photos: JSON.parse(String(r.photos ?? '[]')) as string[],
      at: dbDate(r.at),
      nodePath: String(r.node_path),
    };
  }

  /**
   * The outcome of each event that has one: the latest resolve / self_handle / reject row (its
   * note and photos), by event id.
   */
  @GenerateSql({ params: [[1, 2]] })
  async outcomes(eventIds: readonly number[], m?: EntityManager): Promise<Map<number, { action: string; note: string | null; photos: string[]; at: Date }>> {
    if (eventIds.length === 0) return new Map();
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT event_id, action, note, photos, at FROM event_audit WHERE event_id IN (${eventIds.map(() => '?').join(',')}) AND action IN ('resolve', 'self_handle', 'reject') ORDER BY id`,
      [...eventIds],
    );
    const out = new Map<number, { action: string; note: string | null; photos: string[]; at: Date }>();
    for (const r of rows) out.set(num(r.event_id), { action: String(r.action), note: r.note === null || r.note === undefined ? null : String(r.note), photos: JSON.parse(String(r.photos ?? '[]')) as string[], at: dbDate(r.at) });
    return out;
  }
}
