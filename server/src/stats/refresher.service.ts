import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { levelOfCode } from '@weigrid/shared';
import type { AuditStep } from '../sla/clock.js';
import { SlaService } from '../events/sla.service.js';
import { addFact, computeFact, emptySums, histDecodeInto, histEncode, type EventFact, type Sums, SUM_COLUMNS } from './kpi.js';
import { applyGridDays, countGridDays, rebuildGridDays } from './patrol-rollup.js';
import { EventFactRow, StatsRollup, StatsState } from './stats.entities.js';
import { isMysql } from '../db/dialect.js';
import { dbDate as toDate } from '../db/rows.js';

/** Levels kept in stats_rollup; below them the dashboards sum event_fact directly. */
export const ROLLUP_LEVELS = ['city', 'district', 'street'] as const;
/** Audit rows younger than this may still have neighbours with lower ids in flight (commit order); they are re-read next time. */
const SETTLE_MS = 5000;
const BATCH_AUDITS = 50_000;
const BATCH_CHECKINS = 50_000;
/** stats_state.watermark while a rebuild runs (past any audit id: refreshes find nothing to apply). */
export const REBUILDING = 2_147_483_647;
/** event_fact's unique index on event_id (migration ClusterEventFact), which the refresher's apply() reads by. */
const FACT_EVENT_INDEX = 'uq_event_fact_event';

/** What a rebuild does after the events (no progress count to show): the CLI says so. */
export type RebuildPhase = 'indexing facts' | 'counting patrols';

/** Sums plus per-category reported counts: one rollup row's worth. */
export interface RollupSums extends Sums {
  categories: Map<string, number>;
}

export function emptyRollup(): RollupSums {
  return { ...emptySums(), categories: new Map() };
}

/** into += sign × from (histograms and categories included; zero entries dropped). */
export function mergeSigned(into: RollupSums, from: RollupSums, sign: 1 | -1): void {
  for (const k of SUM_COLUMNS) into[k] += sign * from[k];
  const maps: [Map<number | string, number>, Map<number | string, number>][] = [
    [into.respHist, from.respHist],
    [into.handHist, from.handHist],
    [into.categories, from.categories],
  ];
  for (const [a, b] of maps) {
    for (const [key, n] of b) {
      const v = (a.get(key) ?? 0) + sign * n;
      if (v === 0) a.delete(key);
      else a.set(key, v);
    }
  }
}

export function factSums(f: Pick<EventFact, 'category' | 'accepted' | 'rejected' | 'closed' | 'onTime' | 'resolvedEver' | 'reworked' | 'extended' | 'responseMin' | 'handlingMin' | 'rating'>): RollupSums {
  const s = emptyRollup();
  addFact(s, f);
  s.categories.set(f.category, 1);
  return s;
}

export function encodeCategories(m: Map<string, number>): string | null {
  return m.size ? [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k}:${n}`).join(',') : null;
}

export function decodeCategoriesInto(m: Map<string, number>, s: string | null): void {
  if (!s) return;
  for (const part of s.split(',')) {
    const i = part.lastIndexOf(':');
    const k = part.slice(0, i);
    m.set(k, (m.get(k) ?? 0) + Number(part.slice(i + 1)));
  }
}

/** A rollup row (raw, as either driver returns it) as sums. */
export function rollupOf(r: Record<string, unknown>): RollupSums {
  const s = emptyRollup();
  s.reported = Number(r.reported);
  s.accepted = Number(r.accepted);
  s.rejected = Number(r.rejected);
  s.closed = Number(r.closed);
  s.onTime = Number(r.on_time);
  s.resolved = Number(r.resolved);
  s.reworked = Number(r.reworked);
  s.extended = Number(r.extended);
  s.respN = Number(r.resp_n);
  s.respSum = Number(r.resp_sum);
  s.handN = Number(r.hand_n);
  s.handSum = Number(r.hand_sum);
  s.rated = Number(r.rated);
  s.ratingSum = Number(r.rating_sum);
  s.good = Number(r.good);
  histDecodeInto(s.respHist, (r.resp_hist as string | null) ?? null);
  histDecodeInto(s.handHist, (r.hand_hist as string | null) ?? null);
  decodeCategoriesInto(s.categories, (r.categories as string | null) ?? null);
  return s;
}

/** A stored fact row (raw) as the fact fields addFact reads. */
export function factOfRow(r: Record<string, unknown>): Parameters<typeof factSums>[0] & { nodePath: string; day: string } {
  const b = (v: unknown) => v === true || Number(v) === 1;
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    nodePath: String(r.node_path),
    day: String(r.day),
    category: String(r.category),
    accepted: b(r.accepted),
    rejected: b(r.rejected),
    closed: b(r.closed),
    onTime: b(r.on_time),
    resolvedEver: b(r.resolved_ever),
    reworked: b(r.reworked),
    extended: b(r.extended),
    responseMin: n(r.response_min),
    handlingMin: n(r.handling_min),
    rating: n(r.rating),
  };
}

/** The rollup nodes an event path feeds: (code, parent code) for each rolled-up level on it. */
/** The rollup rows a fact on `day` feeds per node: the day's and its month's. */
export function spansOf(day: string): { span: 'd' | 'm'; day: string }[] {
  return [
    { span: 'd', day },
    { span: 'm', day: day.slice(0, 7) },
  ];
}

export function rollupKeys(nodePath: string): { code: string; parent: string | null }[] {
  const codes = nodePath.split('/').filter(Boolean);
  const out: { code: string; parent: string | null }[] = [];
  codes.forEach((c, i) => {
    const lvl = levelOfCode(c);
    if (lvl && (ROLLUP_LEVELS as readonly string[]).includes(lvl)) out.push({ code: c, parent: i > 0 ? codes[i - 1]! : null });
  });
  return out;
}

/**
 * Keeps event_fact and stats_rollup in step with the events. Every change to an event writes an
 * event_audit row (report, each transition, rating), so the refresher reads audit rows past its
 * watermark, recomputes those events' facts from their rows and full audit trails, and applies
 * new − old to the rollups — exact, and proportional to what changed. Dashboards call `refresh()`
 * first, so they always include every committed change; a timer keeps the backlog short.
 */
@Injectable()
export class StatsRefresher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('stats');
  private running: Promise<number> | null = null;
  private rebuilding: Promise<unknown> | null = null;
  private parkedWarned = false;
  private timer: NodeJS.Timeout | null = null;
  /** stats_state row 1 is known to exist (it is never deleted). */
  private stateReady = false;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sla: SlaService,
  ) {}

  onApplicationBootstrap(): void {
    // Background catch-up so a dashboard after a busy hour does not pay for all of it.
    this.timer = setInterval(
      () =>
        void this.refresh()
          .then(() => this.warnIfParked())
          .catch((e: Error) => this.log.warn(`stats refresh failed: ${e.message}`)),
      30_000,
    );
    this.timer.unref();
  }

  /** Once per parked spell: a rebuild elsewhere holds the watermark (or died holding it). */
  private async warnIfParked(): Promise<void> {
    const [w] = await this.ds.query('SELECT watermark FROM stats_state WHERE id = 1');
    const parked = Number(w?.watermark) === REBUILDING;
    if (parked && !this.parkedWarned) this.log.warn('stats are being rebuilt, or a rebuild was interrupted (run stats:rebuild again): changes are not applied to the dashboards until it completes');
    this.parkedWarned = parked;
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Applies every change committed so far; concurrent callers in this process share one run. Returns events recomputed. */
  refresh(): Promise<number> {
    // During a rebuild in this process, wait for it: its watermark covers what a refresh would read.
    if (this.rebuilding) return this.rebuilding.then(() => this.refresh());
    if (!this.running) this.running = this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async state(): Promise<StatsState> {
    const repo = this.ds.getRepository(StatsState);
    const s = await repo.findOneBy({ id: 1 });
    if (s) return s;
    try {
      await repo.insert({ id: 1, watermark: 0, version: 0, refreshedAt: null });
    } catch {
      /* another instance created it */
    }
    return repo.findOneByOrFail({ id: 1 });
  }

  private async run(): Promise<number> {
    return (await this.runEvents()) + (await this.runPatrols());
  }

  private async runEvents(): Promise<number> {
    let total = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      // One round trip when nothing changed (every dashboard request asks).
      const rows: { id: number; event_id: number; at: unknown; watermark: number; version: number }[] = await this.ds.query(
        `SELECT a.id, a.event_id, a.at, s.watermark, s.version FROM stats_state s JOIN event_audit a ON a.id > s.watermark WHERE s.id = 1 ORDER BY a.id LIMIT ${BATCH_AUDITS}`,
      );
      if (rows.length === 0) {
        // No rows also when stats_state itself is missing (a fresh database): create it, read again.
        if (!this.stateReady) {
          await this.state();
          this.stateReady = true;
          continue;
        }
        return total;
      }
      this.stateReady = true;
      const st = { watermark: Number(rows[0]!.watermark), version: Number(rows[0]!.version) };
      const settled = Date.now() - SETTLE_MS;
      let newWm = st.watermark;
      for (const r of rows) {
        if (toDate(r.at).getTime() >= settled) break;
        newWm = Number(r.id);
      }
      const ids = [...new Set(rows.map((r) => Number(r.event_id)))];
      const facts = await this.computeFacts(ids);
      const applied = await this.ds.transaction(async (m) => {
        const claim = await m.createQueryBuilder().update(StatsState).set({ watermark: newWm, version: st.version + 1, refreshedAt: new Date() }).where('id = 1 AND version = :v', { v: st.version }).execute();
        if (!claim.affected) return false;
        await this.apply(m, ids, facts);
        return true;
      });
      if (applied) total += ids.length;
      // Only unsettled rows left: they were applied (idempotently) and will be read again next time.
      if (applied && (newWm === st.watermark || rows.length < BATCH_AUDITS)) return total;
    }
    return total;
  }

  /**
   * Check-ins past the patrol watermark: their (grid, day) pairs recounted and applied to
   * patrol_day and patrol_rollup. Like events, unsettled rows are applied (a recount is idempotent)
   * and read again next time. Returns the pairs recounted.
   */
  private async runPatrols(): Promise<number> {
    let total = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      const rows: { id: number; grid_id: number; day: string; created_at: unknown; patrol_watermark: number }[] = await this.ds.query(
        `SELECT c.id, c.grid_id, c.day, c.created_at, s.patrol_watermark FROM stats_state s JOIN patrol_checkin c ON c.id > s.patrol_watermark WHERE s.id = 1 ORDER BY c.id LIMIT ${BATCH_CHECKINS}`,
      );
      if (rows.length === 0) return total;
      const wm = Number(rows[0]!.patrol_watermark);
      const settled = Date.now() - SETTLE_MS;
      let newWm = wm;
      for (const r of rows) {
        if (toDate(r.created_at).getTime() >= settled) break;
        newWm = Number(r.id);
      }
      const seen = new Map(rows.map((r) => [`${Number(r.grid_id)}|${String(r.day)}`, { gridId: Number(r.grid_id), day: String(r.day) }]));
      const pairs = [...seen.values()];
      const counted = await countGridDays(this.ds, pairs);
      const applied = await this.ds.transaction(async (m) => {
        // Bumping version as well: an UPDATE that leaves every value as it was reports no row on MariaDB.
        const claim = await m
          .createQueryBuilder()
          .update(StatsState)
          .set({ patrolWatermark: newWm, version: () => 'version + 1' })
          .where('id = 1 AND patrol_watermark = :wm', { wm })
          .execute();
        if (!claim.affected) return false;
        await applyGridDays(m, pairs, counted, rollupKeys);
        return true;
      });
      if (applied) total += pairs.length;
      if (applied && (newWm === wm || rows.length < BATCH_CHECKINS)) return total;
    }
    return total;
  }

  /**
   * Recomputes every fact and rollup from scratch, in event-id order (the first build on a
   * database that already holds events, or a repair): the CLI `stats:rebuild`. Refreshes in this
   * process wait for it; elsewhere they find the watermark parked and apply nothing until it ends.
   */
  rebuild(onProgress?: (done: number) => void, onPhase?: (phase: RebuildPhase) => void): Promise<{ events: number; rollupRows: number; patrolGridDays: number }> {
    const run = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.rebuildNow(onProgress, onPhase));
    this.rebuilding = run.finally(() => (this.rebuilding = null)).catch(() => undefined);
    return run;
  }

  private async rebuildNow(onProgress?: (done: number) => void, onPhase?: (phase: RebuildPhase) => void): Promise<{ events: number; rollupRows: number; patrolGridDays: number }> {
    const st = await this.state();
    // As text: SQLite's driver cannot bind a Date, and 'YYYY-MM-DD HH:MM:SS' compares right in both.
    const settled = new Date(Date.now() - SETTLE_MS).toISOString().slice(0, 19).replace('T', ' ');
    // Like a refresh: the watermark stops before the first audit row that may still have
    // neighbours in flight; rows after it are read again (harmlessly) by the next refresh.
    const [mn] = await this.ds.query('SELECT MIN(id) AS m FROM event_audit WHERE at >= ?', [settled]);
    const [mx] = await this.ds.query('SELECT MAX(id) AS m FROM event_audit');
    const watermark = mn?.m !== null && mn?.m !== undefined ? Number(mn.m) - 1 : Number(mx?.m ?? 0);
    // The same for check-ins, from the newest down (created_at has no index; ids follow time).
    const tail: { id: number; created_at: unknown }[] = await this.ds.query('SELECT id, created_at FROM patrol_checkin ORDER BY id DESC LIMIT 1000');
    let patrolWatermark = tail.length ? Number(tail[0]!.id) : 0;
    for (const r of tail) {
      if (toDate(r.created_at).getTime() < Date.now() - SETTLE_MS) break;
      patrolWatermark = Number(r.id) - 1;
    }
    // Park the watermark past every audit row while rebuilding, so that refreshes elsewhere (an API
    // still running) find nothing to apply and do not collide with the rows written here; bumping
    // the version makes a refresh already under way fail its claim. The real watermark is set at
    // the end, and whatever changed meanwhile is applied by the next refresh. If a rebuild dies,
    // refreshes stay parked (and warn) until a rebuild completes.
    await this.ds.createQueryBuilder().update(StatsState).set({ watermark: REBUILDING, patrolWatermark: REBUILDING, version: st.version + 1 }).where('id = 1').execute();
    const mysql = isMysql(this.ds);
    if (mysql) {
      // Facts come out in event-id order, but event_fact is clustered by (node_path, day, event_id):
      // once it outgrows the buffer pool every insert there is a random page read and write. So it
      // loads keyed by event_id (appends) and is re-clustered at the end in one sorted pass (2 M
      // events, 128 MiB buffer pool: 566 s before, 396 s so; docs/benchmarks.md "stats"). The
      // layout is set whatever an interrupted run left.
      await this.ds.query('TRUNCATE TABLE event_fact');
      const [uq] = await this.ds.query(`SELECT COUNT(*) AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'event_fact' AND INDEX_NAME = '${FACT_EVENT_INDEX}'`);
      await this.ds.query(`ALTER TABLE event_fact ${Number(uq?.n) ? `DROP INDEX ${FACT_EVENT_INDEX}, ` : ''}DROP PRIMARY KEY, ADD PRIMARY KEY (event_id)`);
    } else await this.ds.query('DELETE FROM event_fact');
    await this.ds.query('DELETE FROM stats_rollup');
    const roll = new Map<string, { code: string; parent: string | null; span: 'd' | 'm'; day: string; s: RollupSums }>();
    let last = 0;
    let done = 0;
    for (;;) {
      const ids: number[] = (await this.ds.query('SELECT id FROM event WHERE id > ? ORDER BY id LIMIT 10000', [last])).map((r: { id: number }) => Number(r.id));
      if (ids.length === 0) break;
      last = ids[ids.length - 1]!;
      const facts = await this.computeFacts(ids);
      const rows: EventFactRow[] = [];
      for (const [id, f] of facts) {
        rows.push(factRow(id, f));
        const fs = factSums(f);
        for (const k of rollupKeys(f.nodePath)) {
          for (const sp of spansOf(f.day)) {
            const key = `${k.code}|${sp.span}|${sp.day}`;
            let e = roll.get(key);
            if (!e) roll.set(key, (e = { code: k.code, parent: k.parent, span: sp.span, day: sp.day, s: emptyRollup() }));
            mergeSigned(e.s, fs, 1);
          }
        }
      }
      for (let j = 0; j < rows.length; j += 1000) await this.ds.createQueryBuilder().insert().into(EventFactRow).values(rows.slice(j, j + 1000)).updateEntity(false).execute();
      done += ids.length;
      onProgress?.(done);
    }
    // The layout of migration ClusterEventFact, built from the loaded rows in one sorted pass.
    if (mysql) {
      onPhase?.('indexing facts');
      await this.ds.query(`ALTER TABLE event_fact DROP PRIMARY KEY, ADD PRIMARY KEY (node_path, day, event_id), ADD UNIQUE INDEX ${FACT_EVENT_INDEX} (event_id)`);
    }
    const all = [...roll.values()];
    for (let i = 0; i < all.length; i += 500) {
      await this.ds.createQueryBuilder().insert().into(StatsRollup).values(all.slice(i, i + 500).map((r) => ({ nodeCode: r.code, parentCode: r.parent, span: r.span, day: r.day, ...rollupColumns(r.s) }))).updateEntity(false).execute();
    }
    onPhase?.('counting patrols');
    const patrols = await rebuildGridDays(this.ds, rollupKeys, mysql);
    await this.ds.createQueryBuilder().update(StatsState).set({ watermark, patrolWatermark, version: st.version + 2, refreshedAt: new Date() }).where('id = 1').execute();
    return { events: done, rollupRows: all.length, patrolGridDays: patrols.gridDays };
  }

  /** Facts of these events from their rows and audit trails (events deleted since: absent). */
  async computeFacts(ids: number[]): Promise<Map<number, EventFact>> {
    const out = new Map<number, EventFact>();
    const cal = await this.sla.calendar();
    for (let i = 0; i < ids.length; i += 2000) {
      const chunk = ids.slice(i, i + 2000);
      // Dense runs of ids (a rebuild, a busy hour) read as one range; scattered ids as a list.
      let lo = Infinity;
      let hi = -Infinity;
      for (const id of chunk) {
        if (id < lo) lo = id;
        if (id > hi) hi = id;
      }
      const dense = hi - lo + 1 <= chunk.length * 2;
      const want = new Set(chunk);
      const [ew, aw, params] = dense ? ['id BETWEEN ? AND ?', 'event_id BETWEEN ? AND ?', [lo, hi]] : [`id IN (${chunk.map(() => '?').join(',')})`, `event_id IN (${chunk.map(() => '?').join(',')})`, chunk];
      const events: Record<string, unknown>[] = (await this.ds.query(`SELECT id, node_path, category, state, rating, overdue_at, created_at FROM event WHERE ${ew}`, params)).filter((e: { id: unknown }) => want.has(Number(e.id)));
      const audits: Record<string, unknown>[] = (await this.ds.query(`SELECT event_id, action, from_state, to_state, at, data FROM event_audit WHERE ${aw}`, params)).filter((a: { event_id: unknown }) => want.has(Number(a.event_id)));
      const byEvent = new Map<number, AuditStep[]>();
      for (const a of audits) {
        const id = Number(a.event_id);
        let hours: number | null = null;
        if (a.action === 'approve_extension' && a.data) {
          try {
            const d = JSON.parse(String(a.data)) as { hours?: unknown };
            hours = typeof d.hours === 'number' ? d.hours : null;
          } catch {
            hours = null;
          }
        }
        if (!byEvent.has(id)) byEvent.set(id, []);
        byEvent.get(id)!.push({ action: String(a.action), fromState: (a.from_state as string | null) ?? null, toState: String(a.to_state), at: toDate(a.at), hours });
      }
      for (const e of events) {
        const id = Number(e.id);
        const category = String(e.category);
        const policy = await this.sla.policy(category, 'handle');
        out.set(
          id,
          computeFact(
            { id, nodePath: String(e.node_path), category, state: String(e.state), rating: e.rating === null ? null : Number(e.rating), overdueAt: e.overdue_at ? toDate(e.overdue_at) : null, createdAt: toDate(e.created_at) },
            byEvent.get(id) ?? [],
            policy,
            cal,
          ),
        );
      }
    }
    return out;
  }

  /** Inside the claiming transaction: old facts out, new facts in, rollups adjusted by the difference. */
  private async apply(m: EntityManager, ids: number[], facts: Map<number, EventFact>): Promise<void> {
    const deltas = new Map<string, { code: string; parent: string | null; span: 'd' | 'm'; day: string; d: RollupSums }>();
    const add = (path: string, day: string, s: RollupSums, sign: 1 | -1) => {
      for (const k of rollupKeys(path)) {
        for (const sp of spansOf(day)) {
          const key = `${k.code}|${sp.span}|${sp.day}`;
          let e = deltas.get(key);
          if (!e) deltas.set(key, (e = { code: k.code, parent: k.parent, span: sp.span, day: sp.day, d: emptyRollup() }));
          mergeSigned(e.d, s, sign);
        }
      }
    };
    for (let i = 0; i < ids.length; i += 2000) {
      const chunk = ids.slice(i, i + 2000);
      const old: Record<string, unknown>[] = await m.query(`SELECT * FROM event_fact WHERE event_id IN (${chunk.map(() => '?').join(',')})`, chunk);
      for (const r of old) {
        const f = factOfRow(r);
        add(f.nodePath, f.day, factSums(f), -1);
      }
      if (old.length) await m.getRepository(EventFactRow).delete({ eventId: In(old.map((r) => Number(r.event_id))) });
      const rows: EventFactRow[] = [];
      for (const id of chunk) {
        const f = facts.get(id);
        if (!f) continue;
        add(f.nodePath, f.day, factSums(f), 1);
        rows.push(factRow(id, f));
      }
      for (let j = 0; j < rows.length; j += 500) await m.createQueryBuilder().insert().into(EventFactRow).values(rows.slice(j, j + 500)).updateEntity(false).execute();
    }
    const all = [...deltas.values()];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const codes = [...new Set(chunk.map((c) => c.code))];
      const days = [...new Set(chunk.map((c) => c.day))];
      const existing: Record<string, unknown>[] = await m.query(
        `SELECT * FROM stats_rollup WHERE node_code IN (${codes.map(() => '?').join(',')}) AND day IN (${days.map(() => '?').join(',')})`,
        [...codes, ...days],
      );
      const have = new Map(existing.map((r) => [`${String(r.node_code)}|${String(r.span)}|${String(r.day)}`, r]));
      const replace: Partial<StatsRollup>[] = [];
      const drop: number[] = [];
      for (const c of chunk) {
        const row = have.get(`${c.code}|${c.span}|${c.day}`);
        const s = row ? rollupOf(row) : emptyRollup();
        mergeSigned(s, c.d, 1);
        if (row) drop.push(Number(row.id));
        if (s.reported > 0) replace.push({ nodeCode: c.code, parentCode: c.parent, span: c.span, day: c.day, ...rollupColumns(s) });
      }
      if (drop.length) await m.getRepository(StatsRollup).delete({ id: In(drop) });
      if (replace.length) await m.createQueryBuilder().insert().into(StatsRollup).values(replace).updateEntity(false).execute();
    }
  }
}

function factRow(id: number, f: EventFact): EventFactRow {
  return { eventId: id, nodePath: f.nodePath, day: f.day, category: f.category, accepted: f.accepted, rejected: f.rejected, closed: f.closed, onTime: f.onTime === true, resolvedEver: f.resolvedEver, reworked: f.reworked, extended: f.extended, responseMin: f.responseMin, handlingMin: f.handlingMin, rating: f.rating };
}

export function rollupColumns(s: RollupSums): Omit<StatsRollup, 'id' | 'nodeCode' | 'parentCode' | 'span' | 'day'> {
  return {
    reported: s.reported,
    accepted: s.accepted,
    rejected: s.rejected,
    closed: s.closed,
    onTime: s.onTime,
    resolved: s.resolved,
    reworked: s.reworked,
    extended: s.extended,
    respN: s.respN,
    respSum: s.respSum,
    handN: s.handN,
    handSum: s.handSum,
    rated: s.rated,
    ratingSum: s.ratingSum,
    good: s.good,
    respHist: s.respHist.size ? histEncode(s.respHist) : null,
    handHist: s.handHist.size ? histEncode(s.handHist) : null,
    categories: encodeCategories(s.categories),
  };
}

