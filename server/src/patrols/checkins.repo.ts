import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { subtreeWhere } from '../grids/grid-tree.repo.js';
import { dbDate, num, numOrNull } from '../db/rows.js';
import { CheckinSource, type GridDayCheckins } from '../stats/checkin-source.js';
import { PatrolCheckin } from './patrol-checkin.entity.js';
import { GenerateSql } from '../db/generate-sql.js';

/** A check-in of a day's track. */
export interface TrackRow {
  id: number;
  at: Date;
  lat: number;
  lng: number;
  note: string | null;
  photos: string | null;
  eventId: number | null;
  gridId: number;
  microId: number | null;
}

/** A check-in as the ledger lists it (names are looked up by the caller). */
export interface LedgerCheckin {
  id: number;
  day: string;
  at: Date;
  lat: number;
  lng: number;
  outsideM: number;
  note: string | null;
  photos: string | null;
  findingCategory: string | null;
  findingDescription: string | null;
  findingSelfHandled: boolean | null;
  eventId: number | null;
  gridId: number;
  microId: number | null;
  userId: number;
}

const gridDay = (r: Record<string, unknown>): GridDayCheckins => ({ gridId: num(r.grid_id), day: String(r.day), checkins: num(r.n) });

/**
 * patrol_checkin (owned by patrols): check-ins, tracks, per-grid-day counts, the ledger; and the
 * reads the stats refresher makes through its CheckinSource port. Methods take the caller's
 * EntityManager last.
 */
@Injectable()
export class CheckinsRepo implements CheckinSource {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  /** The user's check-in with this request id (a retry), or null. */
  @GenerateSql({ params: [7, 'req-1'] })
  byRequest(userId: number, requestId: string, m?: EntityManager): Promise<PatrolCheckin | null> {
    return this.mm(m).findOneBy(PatrolCheckin, { userId, requestId });
  }

  /** Inserts a check-in and answers its id; throws a unique violation when the request id was used. */
  @GenerateSql({ params: [{ userId: 7, requestId: 'req-1', day: '2026-01-15', at: new Date('2026-01-15T08:00:00.000Z'), lat: 30.66, lng: 104.06, grantNodeId: 1, gridId: 1, microId: null, nodePath: '5101/510104/510104017/', outsideM: 0, note: null, photos: null, findingCategory: null, findingDescription: null, findingSelfHandled: null, eventId: null, createdAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async insert(row: Omit<PatrolCheckin, 'id'>, m?: EntityManager): Promise<number> {
    const ins = await this.mm(m).insert(PatrolCheckin, row);
    return num(ins.identifiers[0]!.id);
  }

  @GenerateSql({ params: [1, 9] })
  async setEvent(id: number, eventId: number, m?: EntityManager): Promise<void> {
    await this.mm(m).update(PatrolCheckin, { id }, { eventId });
  }

  /** A user's check-ins of a day in order, limited by `scope` (a query-builder condition on `c.node_path`) when given. */
  @GenerateSql({ name: 'own', params: [7, '2026-01-15', null] })
  @GenerateSql({ name: 'in a reader scope', params: [7, '2026-01-15', { sql: '(c.node_path >= :s0_f AND c.node_path < :s0_t)', params: { s0_f: '5101/510104/510104017/', s0_t: '5101/510104/5101040170' } }] })
  async track(userId: number, day: string, scope: { sql: string; params: Record<string, unknown> } | null, m?: EntityManager): Promise<TrackRow[]> {
    const qb = this.mm(m)
      .createQueryBuilder()
      .select(['c.id AS id', 'c.at AS at', 'c.lat AS lat', 'c.lng AS lng', 'c.note AS note', 'c.photos AS photos', 'c.event_id AS event_id', 'c.grid_id AS grid_id', 'c.micro_id AS micro_id'])
      .from(PatrolCheckin, 'c')
      .where('c.user_id = :u AND c.day = :d', { u: userId, d: day });
    if (scope) qb.andWhere(scope.sql, scope.params);
    const rows = await qb.orderBy('c.at', 'ASC').addOrderBy('c.id', 'ASC').getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ id: num(r.id), at: dbDate(r.at), lat: num(r.lat), lng: num(r.lng), note: (r.note as string | null) ?? null, photos: (r.photos as string | null) ?? null, eventId: numOrNull(r.event_id), gridId: num(r.grid_id), microId: numOrNull(r.micro_id) }));
  }

  /** Per grid and day of the period: check-ins and distinct micro-grids they fell in. */
  @GenerateSql({ params: [[1, 2], '2026-01-01', '2026-01-31'] })
  async perGridDay(gridIds: readonly number[], from: string, to: string, m?: EntityManager): Promise<{ gridId: number; day: string; checkins: number; micro: number }[]> {
    if (gridIds.length === 0) return [];
    const rows = await this.mm(m)
      .createQueryBuilder()
      .select(['c.grid_id AS grid_id', 'c.day AS day', 'COUNT(*) AS n', 'COUNT(DISTINCT c.micro_id) AS m'])
      .from(PatrolCheckin, 'c')
      .where('c.grid_id IN (:...ids) AND c.day >= :from AND c.day <= :to', { ids: [...gridIds], from, to })
      .groupBy('c.grid_id')
      .addGroupBy('c.day')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({ gridId: num(r.grid_id), day: String(r.day), checkins: num(r.n), micro: num(r.m) }));
  }

  /** Check-ins under `path` (itself included) between two local days. */
  @GenerateSql({ params: ['5101/510104/510104017/', '2026-01-01', '2026-01-31'] })
  async countUnder(path: string, from: string, to: string, m?: EntityManager): Promise<number> {
    const sub = subtreeWhere('c.node_path', path);
    const r = await this.mm(m).createQueryBuilder().select('COUNT(*)', 'n').from(PatrolCheckin, 'c').where(`${sub.sql} AND c.day >= :from AND c.day <= :to`, { ...sub.params, from, to }).getRawOne<{ n: unknown }>();
    return num(r?.n ?? 0);
  }

  /** A page of the check-ins under `path` between two local days, by id after `after`. */
  @GenerateSql({ params: ['5101/510104/510104017/', '2026-01-01', '2026-01-31', 0, 5000] })
  async pageUnder(path: string, from: string, to: string, after: number, limit: number, m?: EntityManager): Promise<LedgerCheckin[]> {
    const sub = subtreeWhere('c.node_path', path);
    const rows = await this.mm(m)
      .createQueryBuilder()
      .select(['c.id AS id', 'c.day AS day', 'c.at AS at', 'c.lat AS lat', 'c.lng AS lng', 'c.outside_m AS outside_m', 'c.note AS note', 'c.photos AS photos', 'c.finding_category AS fc', 'c.finding_description AS fd', 'c.finding_self_handled AS fs', 'c.event_id AS event_id', 'c.grid_id AS grid_id', 'c.micro_id AS micro_id', 'c.user_id AS user_id'])
      .from(PatrolCheckin, 'c')
      .where(`${sub.sql} AND c.day >= :from AND c.day <= :to`, { ...sub.params, from, to })
      .andWhere('c.id > :last', { last: after })
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      id: num(r.id),
      day: String(r.day),
      at: dbDate(r.at),
      lat: num(r.lat),
      lng: num(r.lng),
      outsideM: num(r.outside_m),
      note: (r.note as string | null) ?? null,
      photos: (r.photos as string | null) ?? null,
      findingCategory: (r.fc as string | null) ?? null,
      findingDescription: (r.fd as string | null) ?? null,
      findingSelfHandled: r.fs === null || r.fs === undefined ? null : r.fs === true || Number(r.fs) === 1,
      eventId: numOrNull(r.event_id),
      gridId: num(r.grid_id),
      microId: numOrNull(r.micro_id),
      userId: num(r.user_id),
    }));
  }

  // ── CheckinSource (the stats refresher) ──

  @GenerateSql({ params: [[1, 2], ['2026-01-15']] })
  async countByGridDay(gridIds: readonly number[], days: readonly string[], m?: EntityManager): Promise<GridDayCheckins[]> {
    if (gridIds.length === 0 || days.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT c.grid_id, c.day, COUNT(*) AS n FROM patrol_checkin c
       WHERE c.grid_id IN (${gridIds.map(() => '?').join(',')}) AND c.day IN (${days.map(() => '?').join(',')})
       GROUP BY c.grid_id, c.day`,
      [...gridIds, ...days],
    );
    return rows.map(gridDay);
  }

  @GenerateSql({ params: [[1, 2]] })
  async countByGridDayAll(gridIds: readonly number[], m?: EntityManager): Promise<GridDayCheckins[]> {
    if (gridIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.mm(m).query(`SELECT grid_id, day, COUNT(*) AS n FROM patrol_checkin WHERE grid_id IN (${gridIds.map(() => '?').join(',')}) GROUP BY grid_id, day`, [...gridIds]);
    return rows.map(gridDay);
  }

  @GenerateSql({ params: [] })
  async checkedGrids(m?: EntityManager): Promise<number[]> {
    return (await this.mm(m).query('SELECT DISTINCT grid_id FROM patrol_checkin')).map((r: { grid_id: unknown }) => num(r.grid_id));
  }

  @GenerateSql({ params: [1000] })
  async newest(limit: number, m?: EntityManager): Promise<{ id: number; createdAt: Date }[]> {
    const rows: Record<string, unknown>[] = await this.mm(m).query(`SELECT id, created_at FROM patrol_checkin ORDER BY id DESC LIMIT ${Number(limit)}`);
    return rows.map((r) => ({ id: num(r.id), createdAt: dbDate(r.created_at) }));
  }
}
