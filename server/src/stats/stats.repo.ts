import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { subtreeSql } from '../grids/grid-tree.repo.js';
import { emptyTableSql, isMysql } from '../db/dialect.js';
import { dbDate, num } from '../db/rows.js';
import { factOfRow, rollupOf, type RollupSums } from './rollup.js';
import { EventFactRow, StatsRollup, StatsState } from './stats.entities.js';
import { GenerateSql } from '../db/generate-sql.js';

/** stats_rollup rows as sums, with their keys. */
export interface RollupRow {
  id: number;
  code: string;
  span: 'd' | 'm';
  day: string;
  sums: RollupSums;
}

/** A stored fact: the fields the sums are made from, with its event's id. */
export type StoredFact = ReturnType<typeof factOfRow> & { eventId: number };

/** event_fact's unique index on event_id (migration ClusterEventFact), which the refresher's apply() reads by. */
const FACT_EVENT_INDEX = 'uq_event_fact_event';

const rollupRow = (r: Record<string, unknown>): RollupRow => ({ id: num(r.id), code: String(r.node_code), span: String(r.span) as 'd' | 'm', day: String(r.day), sums: rollupOf(r) });

/**
 * event_fact, stats_rollup and stats_state (owned by stats): the refresher's watermarks, facts and
 * rollups, and what the dashboards read of them. Methods take the caller's EntityManager last.
 */
@Injectable()
export class StatsRepo {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private mm(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  // ── stats_state ──

  /** The event watermark (null before the state row exists). */
  @GenerateSql({ params: [] })
  async watermark(m?: EntityManager): Promise<number | null> {
    const [w] = await this.mm(m).query('SELECT watermark FROM stats_state WHERE id = 1');
    return w ? num(w.watermark) : null;
  }

  /** stats_state row 1, created when missing (another instance may create it at the same time). */
  @GenerateSql({ params: [] })
  async state(m?: EntityManager): Promise<StatsState> {
    const q = this.mm(m);
    const s = await q.findOneBy(StatsState, { id: 1 });
    if (s) return s;
    try {
      await q.insert(StatsState, { id: 1, watermark: 0, version: 0, refreshedAt: null });
    } catch {
      /* another instance created it */
    }
    return q.findOneByOrFail(StatsState, { id: 1 });
  }

  /**
   * Audit rows past the event watermark, oldest first, with the state's watermark and version on
   * each. One statement, joined with stats_state, because every dashboard request asks and the
   * usual answer is "nothing": one round trip then. (It reads only event_audit's id, event_id and
   * at — the change feed events writes for this.) No rows also when stats_state is missing.
   */
  @GenerateSql({ params: [50000] })
  async auditsPastWatermark(limit: number, m?: EntityManager): Promise<{ id: number; eventId: number; at: Date; watermark: number; version: number }[]> {
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT a.id, a.event_id, a.at, s.watermark, s.version FROM stats_state s JOIN event_audit a ON a.id > s.watermark WHERE s.id = 1 ORDER BY a.id LIMIT ${Number(limit)}`,
    );
    return rows.map((r) => ({ id: num(r.id), eventId: num(r.event_id), at: dbDate(r.at), watermark: num(r.watermark), version: num(r.version) }));
  }

  /**
   * Check-ins past the patrol watermark, oldest first, with the watermark on each: like
   * `auditsPastWatermark`, one statement with stats_state (it reads patrol_checkin's id, grid_id,
   * day and created_at only).
   */
  @GenerateSql({ params: [50000] })
  async checkinsPastWatermark(limit: number, m?: EntityManager): Promise<{ id: number; gridId: number; day: string; createdAt: Date; patrolWatermark: number }[]> {
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT c.id, c.grid_id, c.day, c.created_at, s.patrol_watermark FROM stats_state s JOIN patrol_checkin c ON c.id > s.patrol_watermark WHERE s.id = 1 ORDER BY c.id LIMIT ${Number(limit)}`,
    );
    return rows.map((r) => ({ id: num(r.id), gridId: num(r.grid_id), day: String(r.day), createdAt: dbDate(r.created_at), patrolWatermark: num(r.patrol_watermark) }));
  }

  /** Moves the event watermark if the state is still at `version` (false: another refresher got there first). */
  @GenerateSql({ params: [3, 120, new Date('2026-01-15T08:00:00.000Z')] })
  async claimEvents(version: number, watermark: number, at: Date, m?: EntityManager): Promise<boolean> {
    const r = await this.mm(m).createQueryBuilder().update(StatsState).set({ watermark, version: version + 1, refreshedAt: at }).where('id = 1 AND version = :v', { v: version }).execute();
    return !!r.affected;
  }

  /** Moves the patrol watermark if it is still `from` (false: another refresher got there first). */
  @GenerateSql({ params: [40, 55] })
  async claimPatrols(from: number, to: number, m?: EntityManager): Promise<boolean> {
    // Bumping version as well: an UPDATE that leaves every value as it was reports no row on MariaDB.
    const r = await this.mm(m)
      .createQueryBuilder()
      .update(StatsState)
      .set({ patrolWatermark: to, version: () => 'version + 1' })
      .where('id = 1 AND patrol_watermark = :wm', { wm: from })
      .execute();
    return !!r.affected;
  }

  /** Sets both watermarks and the version outright (a rebuild parks them, then sets the real ones). */
  @GenerateSql({ params: [{ watermark: 120, patrolWatermark: 55, version: 5, refreshedAt: new Date('2026-01-15T08:00:00.000Z') }] })
  async setState(values: { watermark: number; patrolWatermark: number; version: number; refreshedAt?: Date }, m?: EntityManager): Promise<void> {
    await this.mm(m).createQueryBuilder().update(StatsState).set(values).where('id = 1').execute();
  }

  // ── event_fact ──

  /** The stored facts of these events (at most a few thousand ids: one statement). */
  @GenerateSql({ params: [[1, 2, 3]] })
  async factsOf(eventIds: readonly number[], m?: EntityManager): Promise<StoredFact[]> {
    if (eventIds.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.mm(m).query(`SELECT * FROM event_fact WHERE event_id IN (${eventIds.map(() => '?').join(',')})`, [...eventIds]);
    return rows.map((r) => ({ ...factOfRow(r), eventId: num(r.event_id) }));
  }

  @GenerateSql({ params: [[1, 2]] })
  async deleteFacts(eventIds: readonly number[], m?: EntityManager): Promise<void> {
    if (eventIds.length) await this.mm(m).delete(EventFactRow, { eventId: In([...eventIds]) });
  }

  /** One multi-row INSERT (callers page: a rebuild by 1000, a refresh by 500). */
  @GenerateSql({ params: [[{ eventId: 1, nodePath: '5101/510104/510104017/', day: '2026-01-15', category: 'road', accepted: true, rejected: false, closed: true, onTime: true, resolvedEver: true, reworked: false, extended: false, responseMin: 12, handlingMin: 300, rating: 5 }]] })
  async insertFacts(rows: readonly EventFactRow[], m?: EntityManager): Promise<void> {
    if (rows.length) await this.mm(m).createQueryBuilder().insert().into(EventFactRow).values([...rows]).updateEntity(false).execute();
  }

  /** Facts reported under `path` (itself included) between two local days, of `categories` when given. */
  @GenerateSql({ name: 'all categories', params: ['5101/510104/510104017/', '2026-01-01', '2026-01-31', null] })
  @GenerateSql({ name: 'a department', params: ['5101/510104/510104017/', '2026-01-01', '2026-01-31', ['road', 'litter']] })
  async factsUnder(path: string, from: string, to: string, categories: readonly string[] | null, m?: EntityManager): Promise<StoredFact[]> {
    if (categories && categories.length === 0) return [];
    const sub = subtreeSql('node_path', path);
    const cat = categories ? ` AND category IN (${categories.map(() => '?').join(',')})` : '';
    const rows: Record<string, unknown>[] = await this.mm(m).query(`SELECT * FROM event_fact WHERE ${sub.sql} AND day >= ? AND day <= ?${cat}`, [...sub.params, from, to, ...(categories ?? [])]);
    return rows.map((r) => ({ ...factOfRow(r), eventId: num(r.event_id) }));
  }

  /**
   * Before a rebuild loads facts: event_fact emptied. On MariaDB facts come out in event-id order,
   * but event_fact is clustered by (node_path, day, event_id): once it outgrows the buffer pool
   * every insert there is a random page read and write. So it loads keyed by event_id (appends)
   * and is re-clustered at the end (`clusterFacts`) in one sorted pass (2 M events, 128 MiB buffer
   * pool: 566 s before, 396 s so; docs/benchmarks.md "stats"). The layout is set whatever an
   * interrupted run left. SQLite keeps its layout.
   */
  @GenerateSql({ params: [] })
  async emptyFactsForLoad(): Promise<void> {
    await this.ds.query(emptyTableSql(this.ds, 'event_fact'));
    if (!isMysql(this.ds)) return;
    const [uq] = await this.ds.query(`SELECT COUNT(*) AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'event_fact' AND INDEX_NAME = '${FACT_EVENT_INDEX}'`);
    await this.ds.query(`ALTER TABLE event_fact ${num(uq?.n) ? `DROP INDEX ${FACT_EVENT_INDEX}, ` : ''}DROP PRIMARY KEY, ADD PRIMARY KEY (event_id)`);
  }

  /**
   * After a rebuild loaded facts: the layout of migration ClusterEventFact, built from the loaded
   * rows in one sorted pass (MariaDB; `onStart` is called first, since it takes a while). Nothing to
   * do on SQLite.
   */
  @GenerateSql({ params: [] })
  async clusterFacts(onStart?: () => void): Promise<void> {
    if (!isMysql(this.ds)) return;
    onStart?.();
    await this.ds.query(`ALTER TABLE event_fact DROP PRIMARY KEY, ADD PRIMARY KEY (node_path, day, event_id), ADD UNIQUE INDEX ${FACT_EVENT_INDEX} (event_id)`);
  }

  // ── stats_rollup ──

  /** Rollup rows of these nodes on these days (both spans; the caller picks the pairs it wants). */
  @GenerateSql({ params: [['5101', '510104'], ['2026-01-15', '2026-01']] })
  async rollupsAt(codes: readonly string[], days: readonly string[], m?: EntityManager): Promise<RollupRow[]> {
    if (codes.length === 0 || days.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.mm(m).query(
      `SELECT * FROM stats_rollup WHERE node_code IN (${codes.map(() => '?').join(',')}) AND day IN (${days.map(() => '?').join(',')})`,
      [...codes, ...days],
    );
    return rows.map(rollupRow);
  }

  @GenerateSql({ params: [[1, 2]] })
  async deleteRollups(ids: readonly number[], m?: EntityManager): Promise<void> {
    if (ids.length) await this.mm(m).delete(StatsRollup, { id: In([...ids]) });
  }

  /** One multi-row INSERT (callers page by 500). */
  @GenerateSql({ params: [[{ nodeCode: '510104', parentCode: '5101', span: 'd', day: '2026-01-15', reported: 1, accepted: 1, rejected: 0, closed: 1, onTime: 1, resolved: 1, reworked: 0, extended: 0, respN: 1, respSum: 12, handN: 1, handSum: 300, rated: 1, ratingSum: 5, good: 1, respHist: '12:1', handHist: '138:1', categories: 'road:1' }]] })
  async insertRollups(rows: readonly Partial<StatsRollup>[], m?: EntityManager): Promise<void> {
    if (rows.length) await this.mm(m).createQueryBuilder().insert().into(StatsRollup).values([...rows]).updateEntity(false).execute();
  }

  /** Every rollup row gone (a rebuild recounts them). */
  @GenerateSql({ params: [] })
  async emptyRollups(m?: EntityManager): Promise<void> {
    await this.mm(m).query('DELETE FROM stats_rollup');
  }

  /** A rolled-up node's day rows in a period. */
  @GenerateSql({ params: ['510104', '2026-01-01', '2026-01-31'] })
  async dayRollups(code: string, from: string, to: string, m?: EntityManager): Promise<RollupRow[]> {
    return (await this.mm(m).query("SELECT * FROM stats_rollup WHERE node_code = ? AND span = 'd' AND day >= ? AND day <= ?", [code, from, to])).map(rollupRow);
  }

  /** The month rows of a node's children for these months ('YYYY-MM'). */
  @GenerateSql({ params: ['510104', ['2026-01', '2026-02']] })
  async childMonthRollups(parentCode: string, months: readonly string[], m?: EntityManager): Promise<RollupRow[]> {
    if (months.length === 0) return [];
    return (await this.mm(m).query(`SELECT * FROM stats_rollup WHERE parent_code = ? AND span = 'm' AND day IN (${months.map(() => '?').join(',')})`, [parentCode, ...months])).map(rollupRow);
  }

  /** The day rows of a node's children in a period. */
  @GenerateSql({ params: ['510104', '2026-03-01', '2026-03-10'] })
  async childDayRollups(parentCode: string, from: string, to: string, m?: EntityManager): Promise<RollupRow[]> {
    return (await this.mm(m).query("SELECT * FROM stats_rollup WHERE parent_code = ? AND span = 'd' AND day >= ? AND day <= ?", [parentCode, from, to])).map(rollupRow);
  }
}
