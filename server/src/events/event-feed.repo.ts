import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import { dbDate, dbIsoOrNull, num, numOrNull } from '../db/rows.js';
import { GenerateSql } from '../db/generate-sql.js';

/** An event as the stats refresher computes its fact from (see stats/kpi.ts FactEventRow). */
export interface FeedEvent {
  id: number;
  nodePath: string;
  category: string;
  state: string;
  rating: number | null;
  overdueAt: Date | null;
  createdAt: Date;
}

/** One event_audit row as the stats refresher reads it. */
export interface FeedAudit {
  eventId: number;
  action: string;
  fromState: string | null;
  toState: string;
  at: Date;
  data: string | null;
}

/** An open overdue event as the dashboards list it. */
export interface OverdueEventRow {
  id: number;
  category: string;
  description: string;
  state: string;
  deadlineAt: string | null;
  overdueAt: string;
  ownerNodeId: number;
}

/**
 * What the stats module reads of `event` and `event_audit` (owned by events): the rows facts are
 * computed from, the id bounds a rebuild walks, and the overdue list of the dashboards. Stats
 * imports events (never the other way), so it uses this class directly. Methods take the caller's
 * EntityManager last.
 */
@Injectable()
export class EventFeed {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /**
   * Events of `ids` and their whole audit trails. Dense runs of ids (a rebuild, a busy hour) read
   * as one range; scattered ids as a list. Ids not asked for (inside the range) are left out.
   */
  @GenerateSql({ name: 'dense ids', params: [[1, 2, 3, 4]] })
  @GenerateSql({ name: 'scattered ids', params: [[1, 50, 900]] })
  async withAudits(ids: readonly number[], m?: EntityManager): Promise<{ events: FeedEvent[]; audits: FeedAudit[] }> {
    if (ids.length === 0) return { events: [], audits: [] };
    let lo = Infinity;
    let hi = -Infinity;
    for (const id of ids) {
      if (id < lo) lo = id;
      if (id > hi) hi = id;
    }
    const dense = hi - lo + 1 <= ids.length * 2;
    const want = new Set(ids);
    const [ew, aw, params] = dense ? ['id BETWEEN ? AND ?', 'event_id BETWEEN ? AND ?', [lo, hi]] : [`id IN (${ids.map(() => '?').join(',')})`, `event_id IN (${ids.map(() => '?').join(',')})`, [...ids]];
    const q = this.mm(m);
    const events: Record<string, unknown>[] = (await q.query(`SELECT id, node_path, category, state, rating, overdue_at, created_at FROM event WHERE ${ew}`, params)).filter((e: { id: unknown }) => want.has(Number(e.id)));
    const audits: Record<string, unknown>[] = (await q.query(`SELECT event_id, action, from_state, to_state, at, data FROM event_audit WHERE ${aw}`, params)).filter((a: { event_id: unknown }) => want.has(Number(a.event_id)));
    return {
      events: events.map((e) => ({ id: num(e.id), nodePath: String(e.node_path), category: String(e.category), state: String(e.state), rating: numOrNull(e.rating), overdueAt: e.overdue_at ? dbDate(e.overdue_at) : null, createdAt: dbDate(e.created_at) })),
      audits: audits.map((a) => ({ eventId: num(a.event_id), action: String(a.action), fromState: (a.from_state as string | null) ?? null, toState: String(a.to_state), at: dbDate(a.at), data: a.data === null || a.data === undefined ? null : String(a.data) })),
    };
  }

  /** The first audit row written at or after `at` ('YYYY-MM-DD HH:MM:SS' UTC), or null. */
  @GenerateSql({ params: ['2026-01-15 08:00:00'] })
  async firstAuditSince(at: string, m?: EntityManager): Promise<number | null> {
    const [r] = await this.mm(m).query('SELECT MIN(id) AS m FROM event_audit WHERE at >= ?', [at]);
    return numOrNull(r?.m);
  }

  /** The newest audit row's id (0 without any). */
  @GenerateSql({ params: [] })
  async maxAuditId(m?: EntityManager): Promise<number> {
    const [r] = await this.mm(m).query('SELECT MAX(id) AS m FROM event_audit');
    return num(r?.m ?? 0);
  }

  /** Event ids after `after`, ascending, at most `limit`. */
  @GenerateSql({ params: [0, 10000] })
  async idsAfter(after: number, limit: number, m?: EntityManager): Promise<number[]> {
    return (await this.mm(m).query(`SELECT id FROM event WHERE id > ? ORDER BY id LIMIT ${Number(limit)}`, [after])).map((r: { id: unknown }) => num(r.id));
  }

  /** How many events there are. */
  @GenerateSql({ params: [] })
  async count(m?: EntityManager): Promise<number> {
    const [c] = await this.mm(m).query('SELECT COUNT(*) AS n FROM event');
    return num(c?.n ?? 0);
  }

  /**
   * Events in `states` past their deadline (overdue_at set) whose owner lies under `path`, of
   * `categories` when given: how many, and the `limit` most overdue (idx_event_overdue answers both).
   */
  @GenerateSql({ name: 'all categories', params: ['5101/510104/510104017/', ['accepted', 'assigned'], null, 20] })
  @GenerateSql({ name: 'a department', params: ['5101/510104/510104017/', ['accepted', 'assigned'], ['road'], 20] })
  async overdueUnder(path: string, states: readonly string[], categories: readonly string[] | null, limit: number, m?: EntityManager): Promise<{ count: number; rows: OverdueEventRow[] }> {
    const sub = subtreeSql('e.owner_path', path);
    const cat = categories ? ` AND e.category IN (${categories.map(() => '?').join(',')})` : '';
    const where = `e.state IN (${states.map(() => '?').join(',')}) AND e.overdue_at IS NOT NULL AND ${sub.sql}${cat}`;
    const params = [...states, ...sub.params, ...(categories ?? [])];
    const q = this.mm(m);
    const [c] = await q.query(`SELECT COUNT(*) AS n FROM event e WHERE ${where}`, params);
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT e.id, e.category, e.description, e.state, e.deadline_at, e.overdue_at, e.owner_node_id FROM event e WHERE ${where} ORDER BY e.overdue_at ASC, e.id ASC LIMIT ${Number(limit)}`,
      params,
    );
    return {
      count: num(c?.n ?? 0),
      rows: rows.map((r) => ({ id: num(r.id), category: String(r.category), description: String(r.description), state: String(r.state), deadlineAt: dbIsoOrNull(r.deadline_at), overdueAt: dbDate(r.overdue_at).toISOString(), ownerNodeId: num(r.owner_node_id) })),
    };
  }
}
