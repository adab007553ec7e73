import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditStep } from '../sla/clock.js';
import { SlaService } from '../events/sla.service.js';
import { EventFeed } from '../events/event-feed.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import { computeFact, type EventFact } from './kpi.js';
import { CheckinSource } from './checkin-source.js';
import { applyGridDays, countGridDays, rebuildGridDays, type PatrolRollupStores } from './patrol-rollup.js';
import { PatrolDaysRepo } from './patrol-days.repo.js';
import { emptyRollup, factRow, factSums, mergeSigned, rollupColumns, rollupKeys, spansOf, type RollupSums } from './rollup.js';
import { StatsRepo } from './stats.repo.js';
import type { EventFactRow, StatsRollup, StatsState } from './stats.entities.js';

// The rollup arithmetic moved to rollup.ts; re-exported for the modules that import it from here.
export { ROLLUP_LEVELS, rollupKeys, type RollupSums } from './rollup.js';
/** Audit rows younger than this may still have neighbours with lower ids in flight (commit order); they are re-read next time. */
const SETTLE_MS = 5000;
const BATCH_AUDITS = 50_000;
const BATCH_CHECKINS = 50_000;
/** stats_state.watermark while a rebuild runs (past any audit id: refreshes find nothing to apply). */
export const REBUILDING = 2_147_483_647;

/** What a rebuild does after the events (no progress count to show): the CLI says so. */
export type RebuildPhase = 'indexing facts' | 'counting patrols';

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

  private readonly patrolStores: PatrolRollupStores;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sla: SlaService,
    private readonly stats: StatsRepo,
    private readonly events: EventFeed,
    private readonly patrolDays: PatrolDaysRepo,
    checkins: CheckinSource,
    tree: GridTree,
  ) {
    this.patrolStores = { checkins, tree, days: patrolDays };
  }

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
    const parked = (await this.stats.watermark()) === REBUILDING;
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

  private state(): Promise<StatsState> {
    return this.stats.state();
  }

  private async run(): Promise<number> {
    return (await this.runEvents()) + (await this.runPatrols());
  }

  private async runEvents(): Promise<number> {
    let total = 0;
    for (let guard = 0; guard < 10_000; guard++) {
      // One round trip when nothing changed (every dashboard request asks).
      const rows = await this.stats.auditsPastWatermark(BATCH_AUDITS);
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
      const st = { watermark: rows[0]!.watermark, version: rows[0]!.version };
      const settled = Date.now() - SETTLE_MS;
      let newWm = st.watermark;
      for (const r of rows) {
        if (r.at.getTime() >= settled) break;
        newWm = r.id;
      }
      const ids = [...new Set(rows.map((r) => r.eventId))];
      const facts = await this.computeFacts(ids);
      const applied = await this.ds.transaction(async (m) => {
        if (!(await this.stats.claimEvents(st.version, newWm, new Date(), m))) return false;
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
      const rows = await this.stats.checkinsPastWatermark(BATCH_CHECKINS);
      if (rows.length === 0) return total;
      const wm = rows[0]!.patrolWatermark;
      const settled = Date.now() - SETTLE_MS;
      let newWm = wm;
      for (const r of rows) {
        if (r.createdAt.getTime() >= settled) break;
        newWm = r.id;
      }
      const seen = new Map(rows.map((r) => [`${r.gridId}|${r.day}`, { gridId: r.gridId, day: r.day }]));
      const pairs = [...seen.values()];
      const counted = await countGridDays(this.patrolStores, pairs);
      const applied = await this.ds.transaction(async (m) => {
        if (!(await this.stats.claimPatrols(wm, newWm, m))) return false;
        await applyGridDays(m, this.patrolDays, pairs, counted, rollupKeys);
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
    const mn = await this.events.firstAuditSince(settled);
    const watermark = mn !== null ? mn - 1 : await this.events.maxAuditId();
    // The same for check-ins, from the newest down (created_at has no index; ids follow time).
    const tail = await this.patrolStores.checkins.newest(1000);
    let patrolWatermark = tail.length ? tail[0]!.id : 0;
    for (const r of tail) {
      if (r.createdAt.getTime() < Date.now() - SETTLE_MS) break;
      patrolWatermark = r.id - 1;
    }
    // Park the watermark past every audit row while rebuilding, so that refreshes elsewhere (an API
    // still running) find nothing to apply and do not collide with the rows written here; bumping
    // the version makes a refresh already under way fail its claim. The real watermark is set at
    // the end, and whatever changed meanwhile is applied by the next refresh. If a rebuild dies,
    // refreshes stay parked (and warn) until a rebuild completes.
    await this.stats.setState({ watermark: REBUILDING, patrolWatermark: REBUILDING, version: st.version + 1 });
    // On MariaDB keyed by event_id while loading, re-clustered at the end (StatsRepo.emptyFactsForLoad).
    await this.stats.emptyFactsForLoad();
    await this.stats.emptyRollups();
    const roll = new Map<string, { code: string; parent: string | null; span: 'd' | 'm'; day: string; s: RollupSums }>();
    let last = 0;
    let done = 0;
    for (;;) {
      const ids = await this.events.idsAfter(last, 10000);
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
      for (let j = 0; j < rows.length; j += 1000) await this.stats.insertFacts(rows.slice(j, j + 1000));
      done += ids.length;
      onProgress?.(done);
    }
    // The layout of migration ClusterEventFact, built from the loaded rows in one sorted pass.
    await this.stats.clusterFacts(() => onPhase?.('indexing facts'));
    const all = [...roll.values()];
    for (let i = 0; i < all.length; i += 500) {
      await this.stats.insertRollups(all.slice(i, i + 500).map((r) => ({ nodeCode: r.code, parentCode: r.parent, span: r.span, day: r.day, ...rollupColumns(r.s) })));
    }
    onPhase?.('counting patrols');
    const patrols = await rebuildGridDays(this.patrolStores, rollupKeys);
    await this.stats.setState({ watermark, patrolWatermark, version: st.version + 2, refreshedAt: new Date() });
    return { events: done, rollupRows: all.length, patrolGridDays: patrols.gridDays };
  }

  /** Facts of these events from their rows and audit trails (events deleted since: absent). */
  async computeFacts(ids: number[]): Promise<Map<number, EventFact>> {
    const out = new Map<number, EventFact>();
    const cal = await this.sla.calendar();
    for (let i = 0; i < ids.length; i += 2000) {
      const chunk = ids.slice(i, i + 2000);
      const { events, audits } = await this.events.withAudits(chunk);
      const byEvent = new Map<number, AuditStep[]>();
      for (const a of audits) {
        let hours: number | null = null;
        if (a.action === 'approve_extension' && a.data) {
          try {
            const d = JSON.parse(a.data) as { hours?: unknown };
            hours = typeof d.hours === 'number' ? d.hours : null;
          } catch {
            hours = null;
          }
        }
        if (!byEvent.has(a.eventId)) byEvent.set(a.eventId, []);
        byEvent.get(a.eventId)!.push({ action: a.action, fromState: a.fromState, toState: a.toState, at: a.at, hours });
      }
      for (const e of events) {
        const policy = await this.sla.policy(e.category, 'handle');
        out.set(e.id, computeFact(e, byEvent.get(e.id) ?? [], policy, cal));
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
      const old = await this.stats.factsOf(chunk, m);
      for (const f of old) add(f.nodePath, f.day, factSums(f), -1);
      await this.stats.deleteFacts(old.map((f) => f.eventId), m);
      const rows: EventFactRow[] = [];
      for (const id of chunk) {
        const f = facts.get(id);
        if (!f) continue;
        add(f.nodePath, f.day, factSums(f), 1);
        rows.push(factRow(id, f));
      }
      for (let j = 0; j < rows.length; j += 500) await this.stats.insertFacts(rows.slice(j, j + 500), m);
    }
    const all = [...deltas.values()];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const codes = [...new Set(chunk.map((c) => c.code))];
      const days = [...new Set(chunk.map((c) => c.day))];
      const existing = await this.stats.rollupsAt(codes, days, m);
      const have = new Map(existing.map((r) => [`${r.code}|${r.span}|${r.day}`, r]));
      const replace: Partial<StatsRollup>[] = [];
      const drop: number[] = [];
      for (const c of chunk) {
        const row = have.get(`${c.code}|${c.span}|${c.day}`);
        const s = row ? row.sums : emptyRollup();
        mergeSigned(s, c.d, 1);
        if (row) drop.push(row.id);
        if (s.reported > 0) replace.push({ nodeCode: c.code, parentCode: c.parent, span: c.span, day: c.day, ...rollupColumns(s) });
      }
      await this.stats.deleteRollups(drop, m);
      await this.stats.insertRollups(replace, m);
    }
  }
}

