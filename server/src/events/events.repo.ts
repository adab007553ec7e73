import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventState } from '@weigrid/shared';
import { insertIgnore } from '../db/dialect.js';
import { canReturnFromInsert, insertRows } from '../db/insert-rows.js';
import { bool, num, sqlTime } from '../db/rows.js';
import { subtreeWhere } from '../grids/grid-tree.repo.js';
import { EventAudit, EventRow, EventSupporter } from './event.entity.js';
import { GenerateSql, TX, generateSqlFor } from '../db/generate-sql.js';

/** An audit row as the services write it (photos and data still as values). */
export interface AuditInput {
  eventId: number;
  action: string;
  fromState: EventState | null;
  toState: EventState;
  actorId: number | null;
  note: string | null;
  photos?: string[];
  data?: Record<string, unknown>;
  at: Date;
}

/** One entry of a list's scope: events under `path`; a department's entry also narrows by department/categories. */
export interface EventScopePart {
  path: string;
  department?: { id: number; categories: readonly string[] };
  /** Leave out events in these states in this part (a micro-grid member's inbox has no 待核实 reports). */
  notStates?: readonly string[];
}

/** What a list of events is filtered by (each optional); newest first, `limit` rows. */
export interface EventPageFilter {
  /** Only under this node path. */
  under?: string;
  reporterId?: number;
  /** Events in any of these parts (an empty list is not allowed: the caller answers an empty page). */
  scope?: readonly EventScopePart[];
  states?: readonly string[];
  /** Not assigned, or assigned to this user. */
  unassignedOr?: number;
  handlerId?: number;
  overdue?: boolean;
  state?: string;
  category?: string;
  /** e.g. `proxy`: the 代报 reports, counted apart. */
  source?: string;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

/**
 * The events module's SQL on event, event_audit and event_supporter. Methods take the caller's
 * EntityManager last: pass the transaction's `m` inside one.
 */
@Injectable()
export class EventsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  @GenerateSql({ params: [1] })
  byId(id: number, m?: EntityManager): Promise<EventRow | null> {
    return this.mm(m).findOneBy(EventRow, { id });
  }

  /**
   * Inserts intake rows with one statement and answers their ids by request key (unique): from
   * RETURNING where the database has it, else one SELECT by the key — no reliance on consecutive
   * auto-increment ids.
   */
  @GenerateSql({ params: [[{ requestKey: 'req-1', source: 'resident', category: 'road', description: '路面塌陷', address: '玉林北路1号', lat: 30.66, lng: 104.06, nodeId: 1, nodePath: '5101/510104/510104017/', ownerNodeId: 1, ownerPath: '5101/510104/510104017/', state: 'reported', prevState: null, version: 1, reporterId: 7, anonymous: false, handlerId: null, assigneeId: null, departmentId: null, photos: '[]', stage: 'verify', deadlineAt: new Date('2026-01-15T08:00:00.000Z'), slaLeftMs: null, overdueAt: null, supporters: 0, rating: null, ratingComment: null, held: false, needsGridConfirm: false, confidence: null, createdAt: new Date('2026-01-15T08:00:00.000Z'), updatedAt: new Date('2026-01-15T08:00:00.000Z') }], TX] })
  async insertIntake(rows: Omit<EventRow, 'id'>[], m: EntityManager): Promise<Map<string, number>> {
    const returning = canReturnFromInsert(m);
    const inserted = await insertRows(m, EventRow, rows, returning ? ['id', 'request_key'] : undefined);
    const got = (returning ? inserted : await m.query(`SELECT id, request_key FROM event WHERE request_key IN (${rows.map(() => '?').join(',')})`, rows.map((r) => r.requestKey))) as { id: number | string; request_key: string }[];
    return new Map(got.map((r) => [r.request_key, num(r.id)]));
  }

  /** What a replayed intake answers: the stored row of a request key, or null. */
  @GenerateSql({ params: ['req-1'] })
  async byRequestKey(requestKey: string, m?: EntityManager): Promise<{ id: number; state: EventState; version: number; nodeId: number; held: boolean; needsGridConfirm: boolean } | null> {
    const [r] = (await this.mm(m).query('SELECT id, state, version, node_id, held, needs_grid_confirm FROM event WHERE request_key = ?', [requestKey])) as Record<string, unknown>[];
    if (!r) return null;
    return { id: num(r.id), state: r.state as EventState, version: num(r.version), nodeId: num(r.node_id), held: bool(r.held), needsGridConfirm: bool(r.needs_grid_confirm) };
  }

  /**
   * The conditional UPDATE: only from the (state, version) the decision was made on (and, with
   * `onlyUnrated`, only while unrated); bumps the version. False when nothing matched.
   */
  @GenerateSql({ params: [{ id: 1, version: 1, state: 'reported' }, { state: 'accepted', handlerId: 7, updatedAt: new Date('2026-01-15T08:00:00.000Z') }, false, TX] })
  @GenerateSql({ name: 'only while unrated', params: [{ id: 1, version: 5, state: 'closed' }, { rating: 5, updatedAt: new Date('2026-01-15T08:00:00.000Z') }, true, TX] })
  async transition(e: Pick<EventRow, 'id' | 'version' | 'state'>, set: Partial<EventRow>, onlyUnrated: boolean, m: EntityManager, onlyNotFollowedUp = false): Promise<boolean> {
    let qb = m
      .createQueryBuilder()
      .update(EventRow)
      .set({ ...set, version: () => 'version + 1' })
      .where('id = :id AND version = :version AND state = :state', { id: e.id, version: e.version, state: e.state });
    if (onlyUnrated) qb = qb.andWhere('rating IS NULL');
    if (onlyNotFollowedUp) qb = qb.andWhere('followup_at IS NULL');
    const r = await qb.execute();
    return r.affected !== 0;
  }

  /** The current state and version (what a refused transition reports), or null. */
  @GenerateSql({ params: [1] })
  async stateVersion(id: number, m?: EntityManager): Promise<{ state: EventState; version: number } | null> {
    const [cur] = (await this.mm(m).query('SELECT state, version FROM event WHERE id = ?', [id])) as { state: EventState; version: number | string }[];
    return cur ? { state: cur.state, version: num(cur.version) } : null;
  }

  /** The state only, or null when there is no such event. */
  @GenerateSql({ params: [1] })
  async stateOf(id: number, m?: EntityManager): Promise<EventState | null> {
    return (await this.stateVersion(id, m))?.state ?? null;
  }

  @GenerateSql({ params: [{ eventId: 1, action: 'accept', fromState: 'reported', toState: 'accepted', actorId: 7, note: null, at: new Date('2026-01-15T08:00:00.000Z') }, TX] })
  async insertAudit(a: AuditInput, m: EntityManager): Promise<void> {
    await m.createQueryBuilder().insert().into(EventAudit).values(auditRow(a)).updateEntity(false).execute();
  }

  /** Many audit rows in one statement (intake). */
  @GenerateSql({ params: [[{ eventId: 1, action: 'report', fromState: null, toState: 'reported', actorId: 7, note: null, photos: '[]', data: null, at: new Date('2026-01-15T08:00:00.000Z') }], TX] })
  async insertAudits(rows: Omit<EventAudit, 'id'>[], m: EntityManager): Promise<void> {
    await insertRows(m, EventAudit, rows);
  }

  /** The event's audit rows in order. */
  @GenerateSql({ params: [1] })
  audit(eventId: number, m?: EntityManager): Promise<EventAudit[]> {
    return this.mm(m).getRepository(EventAudit).createQueryBuilder('a').where('a.event_id = :id', { id: eventId }).orderBy('a.id', 'ASC').getMany();
  }

  /** Only what the public view shows of the audit rows: when, from and to which state. */
  @GenerateSql({ params: [1] })
  stateChanges(eventId: number, m?: EntityManager): Promise<Pick<EventAudit, 'id' | 'at' | 'fromState' | 'toState'>[]> {
    return this.mm(m).find(EventAudit, { select: { id: true, at: true, fromState: true, toState: true }, where: { eventId }, order: { id: 'ASC' } });
  }

  @GenerateSql({ params: [1, 7] })
  supporter(eventId: number, userId: number, m?: EntityManager): Promise<EventSupporter | null> {
    return this.mm(m).findOneBy(EventSupporter, { eventId, userId });
  }

  /** Adds a supporter and counts them on the event; throws a unique violation when they already support it. */
  @GenerateSql({ params: [1, 8, new Date('2026-01-15T08:00:00.000Z'), TX] })
  async addSupporter(eventId: number, userId: number, at: Date, m: EntityManager): Promise<void> {
    await m.createQueryBuilder().insert().into(EventSupporter).values({ eventId, userId, at }).updateEntity(false).execute();
  }

  @GenerateSql({ params: [1, TX] })
  async countSupporter(eventId: number, m: EntityManager): Promise<void> {
    await m.createQueryBuilder().update(EventRow).set({ supporters: () => 'supporters + 1' }).where('id = :id', { id: eventId }).execute();
  }

  /**
   * 合并: the duplicate's supporters, and its reporter, follow the target from now on (one
   * INSERT … SELECT, duplicates ignored; the target's own reporter is left out), then the target's
   * count is recomputed from the rows.
   */
  async carrySupporters(fromId: number, toId: number, reporterId: number | null, targetReporterId: number | null, at: Date, m: EntityManager): Promise<void> {
    const skip = targetReporterId ?? -1;
    await m.query(`${insertIgnore(m)} INTO event_supporter (event_id, user_id, at) SELECT ?, user_id, ? FROM event_supporter WHERE event_id = ? AND user_id <> ?`, [toId, sqlTime(at), fromId, skip]);
    if (reporterId !== null && reporterId !== targetReporterId) {
      await m.query(`${insertIgnore(m)} INTO event_supporter (event_id, user_id, at) VALUES (?, ?, ?)`, [toId, reporterId, sqlTime(at)]);
    }
    await m.query('UPDATE event SET supporters = (SELECT COUNT(*) FROM event_supporter s WHERE s.event_id = ?) WHERE id = ?', [toId, toId]);
  }

  /**
   * 临期预警 sent: clears the warning time if it is still the one the scan read (so several
   * instances warn once). Not a transition: the version stays, nobody's form goes stale.
   */
  async clearWarning(id: number, warnAt: Date, m: EntityManager): Promise<boolean> {
    const r = await m.createQueryBuilder().update(EventRow).set({ warnAt: null }).where('id = :id AND warn_at = :w', { id, w: warnAt }).execute();
    return r.affected !== 0;
  }

  /** Events in `states` whose 临期预警 time came and that are not overdue yet. */
  dueWarnings(states: readonly EventState[], now: Date, limit: number, m?: EntityManager): Promise<EventRow[]> {
    return this.mm(m)
      .getRepository(EventRow)
      .createQueryBuilder('e')
      .where('e.warn_at <= :now AND e.state IN (:...watched) AND e.overdue_at IS NULL', { watched: states, now })
      .orderBy('e.warn_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Overdue events in `states` last raised before `cutoff`: raised again (repeated escalation). */
  stillOverdue(states: readonly EventState[], cutoff: Date, now: Date, limit: number, m?: EntityManager): Promise<EventRow[]> {
    return this.mm(m)
      .getRepository(EventRow)
      .createQueryBuilder('e')
      // Still past its deadline (an extension may have moved it), last raised before the cutoff.
      .where('e.state IN (:...watched) AND e.overdue_at IS NOT NULL AND e.deadline_at < :now AND (e.escalated_at IS NULL OR e.escalated_at < :cutoff)', { watched: states, cutoff, now })
      .orderBy('e.overdue_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  @GenerateSql({ params: [1] })
  async supporters(eventId: number, m?: EntityManager): Promise<number> {
    const [r] = (await this.mm(m).query('SELECT supporters FROM event WHERE id = ?', [eventId])) as { supporters: number | string }[];
    return num(r?.supporters ?? 0);
  }

  /** A page of events, newest first (index range scans on node_path for the subtree parts). */
  @GenerateSql({ name: 'own reports', params: [{ reporterId: 7, limit: 21 }] })
  @GenerateSql({ name: 'a staff scope', params: [{ scope: [{ path: '5101/510104/510104017/' }, { path: '5101/510104/510104018/', department: { id: 1, categories: ['road'] } }], states: ['dispatched', 'in_progress'], unassignedOr: 7, beforeId: 100, limit: 21 }] })
  @GenerateSql({ name: 'every filter', params: [{ under: '5101/510104/510104017/', handlerId: 7, overdue: true, state: 'in_progress', category: 'road', from: new Date('2026-01-15T08:00:00.000Z'), to: new Date('2026-01-31T16:00:00.000Z'), limit: 21 }] })
  page(f: EventPageFilter, m?: EntityManager): Promise<EventRow[]> {
    const qb = this.mm(m).getRepository(EventRow).createQueryBuilder('e');
    if (f.under !== undefined) {
      const w = subtreeWhere('e.node_path', f.under, 'n');
      qb.andWhere(w.sql, w.params);
    }
    if (f.reporterId !== undefined) qb.andWhere('e.reporter_id = :me', { me: f.reporterId });
    if (f.scope) {
      const parts: string[] = [];
      const params: Record<string, unknown> = {};
      f.scope.forEach((s, i) => {
        const w = subtreeWhere('e.node_path', s.path, `s${i}`);
        Object.assign(params, w.params);
        if (s.department) {
          params[`sd${i}`] = s.department.id;
          let also = '';
          if (s.department.categories.length) {
            params[`sc${i}`] = s.department.categories;
            also = ` OR e.category IN (:...sc${i})`;
          }
          parts.push(`(${w.sql} AND (e.department_id = :sd${i}${also}))`);
        } else if (s.notStates?.length) {
          params[`sx${i}`] = s.notStates;
          parts.push(`(${w.sql} AND e.state NOT IN (:...sx${i}))`);
        } else {
          parts.push(w.sql);
        }
      });
      qb.andWhere(`(${parts.join(' OR ')})`, params);
    }
    if (f.states) qb.andWhere('e.state IN (:...states)', { states: f.states });
    if (f.unassignedOr !== undefined) qb.andWhere('(e.assignee_id IS NULL OR e.assignee_id = :ua)', { ua: f.unassignedOr });
    if (f.handlerId !== undefined) qb.andWhere('e.handler_id = :hid', { hid: f.handlerId });
    if (f.overdue) qb.andWhere('e.overdue_at IS NOT NULL');
    if (f.state) qb.andWhere('e.state = :state', { state: f.state });
    if (f.category) qb.andWhere('e.category = :category', { category: f.category });
    if (f.source) qb.andWhere('e.source = :source', { source: f.source });
    if (f.from) qb.andWhere('e.created_at >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.created_at < :to', { to: f.to });
    if (f.beforeId !== undefined) qb.andWhere('e.id < :cursor', { cursor: f.beforeId });
    return qb.orderBy('e.id', 'DESC').limit(f.limit).getMany();
  }

  /** Open, unheld events of a category created since `since` inside a lat/lng box, newest first, at most 200. */
  @GenerateSql({ params: [{ category: 'road', since: new Date('2026-01-15T08:00:00.000Z'), openStates: ['reported', 'accepted'], lat: [30.65, 30.67], lng: [104.05, 104.07] }] })
  nearby(q: { category: string; since: Date; openStates: readonly string[]; lat: [number, number]; lng: [number, number] }, m?: EntityManager): Promise<EventRow[]> {
    return this.mm(m)
      .getRepository(EventRow)
      .createQueryBuilder('e')
      .where('e.category = :c AND e.created_at >= :since', { c: q.category, since: q.since })
      .andWhere('e.state IN (:...open) AND e.held = :held', { open: q.openStates, held: false })
      .andWhere('e.lat BETWEEN :la0 AND :la1 AND e.lng BETWEEN :lo0 AND :lo1', { la0: q.lat[0], la1: q.lat[1], lo0: q.lng[0], lo1: q.lng[1] })
      .orderBy('e.id', 'DESC')
      .limit(200)
      .getMany();
  }

  /** Events in `states` whose deadline passed before `now` and that are not marked overdue yet, earliest first. */
  @GenerateSql({ params: [['dispatched', 'in_progress'], new Date('2026-01-15T08:00:00.000Z'), 100] })
  due(states: readonly EventState[], now: Date, limit: number, m?: EntityManager): Promise<EventRow[]> {
    return this.mm(m)
      .getRepository(EventRow)
      .createQueryBuilder('e')
      .where('e.state IN (:...watched) AND e.deadline_at < :now AND e.overdue_at IS NULL', { watched: states, now })
      .orderBy('e.deadline_at', 'ASC')
      .limit(limit)
      .getMany();
  }
}

/** What another module needs to decide whether a record may point at an event, or null. */
export async function eventLinkFacts(m: EntityManager, id: number): Promise<{ nodePath: string; reporterId: number | null } | null> {
  const [e] = (await m.query('SELECT node_path, reporter_id FROM event WHERE id = ?', [id])) as { node_path: string; reporter_id: number | string | null }[];
  return e ? { nodePath: e.node_path, reporterId: e.reporter_id === null ? null : num(e.reporter_id) } : null;
}

function auditRow(a: AuditInput): Omit<EventAudit, 'id'> {
  return {
    eventId: a.eventId,
    action: a.action,
    fromState: a.fromState,
    toState: a.toState,
    actorId: a.actorId,
    note: a.note,
    photos: JSON.stringify(a.photos ?? []),
    data: a.data && Object.keys(a.data).length ? JSON.stringify(a.data) : null,
    at: a.at,
  };
}

generateSqlFor(eventLinkFacts, { params: [1] });
