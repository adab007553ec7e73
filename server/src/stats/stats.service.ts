import { Injectable } from '@nestjs/common';
import { OPEN_STATES, isIsoDate, type BulletinDto, type BulletinRowDto, type GridLevel, type StatsChildDto, type StatsDto, type StatsSeriesPoint } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError, notFound } from '../common/app-error.js';
import { addDays, daysBetween } from '../common/local-day.js';
import { checkPeriod } from '../common/period.js';
import { AccessService } from '../access/access.service.js';
import { DepartmentCategories } from '../accounts/department-categories.repo.js';
import { CategoryNames } from '../catalog/category-names.repo.js';
import { EventFeed } from '../events/event-feed.repo.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { PatrolCoverage } from './patrol-coverage.repo.js';
import { DashboardCampaigns } from './dashboard-campaigns.js';
import { bulletinScore, byScore, kpisOf } from './kpi.js';
import { StatsRefresher } from './refresher.service.js';
import { emptyRollup, factSums, mergeSigned, ROLLUP_LEVELS, type RollupSums } from './rollup.js';
import { StatsRepo } from './stats.repo.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import type { NodeRef } from '../grids/grid-tree.repo.js';

export const MAX_STATS_DAYS = 366;
export const BULLETIN_FORMULA = '得分 = 40×结案率 + 30×按期结案率 + 20×(平均满意度/5) + 10×(1−返工率)；本期无上报的不评分（无数据）；无受理事件时结案率和按期结案率按已办结（不予受理）的上报占比计，待核实的上报算未结；有受理无结案时按期结案率按0计，无评价按4/5计，无办结按无返工计';

interface Scope {
  node: GridNode;
  /** dept_staff: only these categories. */
  categories: string[] | null;
}

@Injectable()
export class StatsService {
  constructor(
    private readonly tree: GridTree,
    private readonly access: AccessService,
    private readonly refresher: StatsRefresher,
    private readonly coverage: PatrolCoverage,
    private readonly stats: StatsRepo,
    private readonly events: EventFeed,
    private readonly departments: DepartmentCategories,
    private readonly categoryNames: CategoryNames,
    private readonly dashboardCampaigns: DashboardCampaigns,
  ) {}

  private async scope(actor: Actor, code: string): Promise<Scope> {
    const node = await this.tree.byCode(code);
    if (!node) throw notFound('grid node', { fields: { node: `no grid node ${code}` } });
    const g = await this.access.require(actor, 'stats.read', { nodeId: node.id });
    let categories: string[] | null = null;
    if (g.role === 'dept_staff') categories = await this.departments.of(g.departmentId ?? 0);
    return { node, categories };
  }

  /**
   * Per local day, the sums of the events reported under `node` that day. Rolled-up levels read
   * stats_rollup (≤ 1 row per day); others — and department-filtered readers — sum event_fact.
   */
  private async daily(node: { code: string; path: string; level: GridLevel }, from: string, to: string, categories: string[] | null): Promise<Map<string, RollupSums>> {
    const out = new Map<string, RollupSums>();
    if (!categories && (ROLLUP_LEVELS as readonly string[]).includes(node.level)) {
      for (const r of await this.stats.dayRollups(node.code, from, to)) out.set(r.day, r.sums);
      return out;
    }
    for (const f of await this.facts(node.path, from, to, categories)) {
      let s = out.get(f.day);
      if (!s) out.set(f.day, (s = emptyRollup()));
      mergeSigned(s, factSums(f), 1);
    }
    return out;
  }

  private facts(path: string, from: string, to: string, categories: string[] | null) {
    return this.stats.factsUnder(path, from, to, categories);
  }

  /** Sums per child node over the period (every child listed, zero when quiet). */
  private async children(node: GridNode, from: string, to: string, categories: string[] | null): Promise<{ child: NodeRef; sums: RollupSums }[]> {
    const kids = await this.tree.children(node.id);
    const sums = new Map(kids.map((k) => [k.code, emptyRollup()]));
    if (kids.length === 0) return [];
    const childLevel = kids[0]!.level;
    if (!categories && (ROLLUP_LEVELS as readonly string[]).includes(childLevel)) {
      // Whole months from the month rows, the days at either end from the day rows.
      const { months, dayRanges } = splitPeriod(from, to);
      const rows = await this.stats.childMonthRollups(node.code, months);
      for (const [a, b] of dayRanges) rows.push(...(await this.stats.childDayRollups(node.code, a, b)));
      for (const r of rows) {
        const s = sums.get(r.code);
        if (s) mergeSigned(s, r.sums, 1);
      }
    } else {
      const depth = node.path.split('/').filter(Boolean).length;
      for (const f of await this.facts(node.path, from, to, categories)) {
        const s = sums.get(f.nodePath.split('/')[depth] ?? '');
        if (s) mergeSigned(s, factSums(f), 1);
      }
    }
    return kids.map((k) => ({ child: k, sums: sums.get(k.code)! }));
  }

  async dashboard(actor: Actor, q: { node: string; from: string; to: string; interval?: 'day' | 'week' }): Promise<StatsDto> {
    const days = checkPeriod(q.from, q.to, MAX_STATS_DAYS);
    const { node, categories } = await this.scope(actor, q.node);
    await this.refresher.refresh();
    // Independent reads, run side by side on the pool.
    const [daily, kids, overdue, patrol, campaigns] = await Promise.all([
      this.daily(node, q.from, q.to, categories),
      this.children(node, q.from, q.to, categories),
      this.overdue(node, categories),
      node.level === 'micro' ? null : this.coverage.summary(node, q.from, q.to, days),
      this.campaigns(node, q.from, q.to),
    ]);
    const total = emptyRollup();
    for (const s of daily.values()) mergeSigned(total, s, 1);
    const interval = q.interval ?? (days <= 62 ? 'day' : 'week');
    const children: StatsChildDto[] = kids.map(({ child, sums }) => {
      const k = kpisOf(sums);
      return { code: child.code, name: child.name, level: child.level, kpis: k, score: bulletinScore(k) };
    });
    const kpis = kpisOf(total);
    return {
      node: { code: node.code, name: node.name, level: node.level },
      from: q.from,
      to: q.to,
      days,
      kpis,
      score: bulletinScore(kpis),
      children,
      interval,
      series: series(daily, q.from, q.to, interval),
      topCategories: await this.topCategories(total),
      overdue,
      patrol,
      campaigns,
      categoriesFilter: categories,
    };
  }

  private async topCategories(total: RollupSums): Promise<StatsDto['topCategories']> {
    const top = [...total.categories.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    if (!top.length) return [];
    const names = await this.categoryNames.of(top.map(([c]) => c));
    return top.map(([code, reported]) => ({ code, name: names.get(code) ?? code, reported }));
  }

  /** Open events past their deadline under the node now (the scheduler sets overdue_at), most overdue first. */
  private async overdue(node: GridNode, categories: string[] | null): Promise<StatsDto['overdue']> {
    if (categories && categories.length === 0) return { count: 0, items: [] };
    const open = OPEN_STATES.filter((s) => s !== 'resolved');
    const { count, rows } = await this.events.overdueUnder(node.path, open, categories, 20);
    // Owner nodes' code and name through the GridTree port (an event whose node is gone is left
    // out of the list, as the former inner join did).
    const nodes = new Map((await this.tree.refsByIds(rows.map((r) => r.ownerNodeId))).map((n) => [n.id, n]));
    return {
      count,
      items: rows.filter((r) => nodes.has(r.ownerNodeId)).map((r) => ({ id: r.id, category: r.category, description: r.description.slice(0, 100), node: { code: nodes.get(r.ownerNodeId)!.code, name: nodes.get(r.ownerNodeId)!.name }, state: r.state, deadlineAt: r.deadlineAt, overdueAt: r.overdueAt })),
    };
  }

  /** Campaigns open during the period whose area covers the node (or lies under it): answers under the node. */
  private campaigns(node: GridNode, from: string, to: string): Promise<StatsDto['campaigns']> {
    return this.dashboardCampaigns.openDuring(node, (ROLLUP_LEVELS as readonly string[]).includes(node.level), from, to);
  }

  /** 月通报: the node's children ranked by score over a calendar month; ties: more closed, then code. */
  async bulletin(actor: Actor, q: { node: string; month: string }): Promise<BulletinDto> {
    const from = `${q.month}-01`;
    if (!isIsoDate(from)) throw new AppError('VALIDATION_FAILED', 'month is not a calendar month', { fields: { month: 'YYYY-MM' } });
    const next = addDays(from, 31).slice(0, 7);
    const to = addDays(`${next}-01`, -1);
    checkPeriod(from, to, MAX_STATS_DAYS);
    const { node, categories } = await this.scope(actor, q.node);
    await this.refresher.refresh();
    const total = emptyRollup();
    for (const s of (await this.daily(node, from, to, categories)).values()) mergeSigned(total, s, 1);
    const kids = await this.children(node, from, to, categories);
    const rows: BulletinRowDto[] = kids
      .map(({ child, sums }) => {
        const k = kpisOf(sums);
        return { code: child.code, name: child.name, level: child.level, rank: 0, score: bulletinScore(k), kpis: k };
      })
      .sort((a, b) => byScore(a.score, b.score) || b.kpis.closed - a.kpis.closed || (a.code < b.code ? -1 : 1));
    rows.forEach((r, i) => (r.rank = i + 1));
    return { node: { code: node.code, name: node.name, level: node.level }, month: q.month, from, to, formula: BULLETIN_FORMULA, kpis: kpisOf(total), rows };
  }
}

/** A period as the calendar months wholly inside it and the day ranges left at either end. */
export function splitPeriod(from: string, to: string): { months: string[]; dayRanges: [string, string][] } {
  const months: string[] = [];
  // First whole month: the month of `from` if it starts on the 1st, else the next.
  let m = from.endsWith('-01') ? from.slice(0, 7) : addDays(`${from.slice(0, 7)}-01`, 32).slice(0, 7);
  const monthEnd = (ym: string) => addDays(`${addDays(`${ym}-01`, 32).slice(0, 7)}-01`, -1);
  while (`${m}-01` >= from && monthEnd(m) <= to) {
    months.push(m);
    m = addDays(`${m}-01`, 32).slice(0, 7);
  }
  if (!months.length) return { months, dayRanges: [[from, to]] };
  const dayRanges: [string, string][] = [];
  const first = `${months[0]}-01`;
  const last = monthEnd(months[months.length - 1]!);
  if (from < first) dayRanges.push([from, addDays(first, -1)]);
  if (to > last) dayRanges.push([addDays(last, 1), to]);
  return { months, dayRanges };
}

/** The daily sums bucketed by day or ISO week (weeks start on Monday; the first may be partial). */
function series(daily: Map<string, RollupSums>, from: string, to: string, interval: 'day' | 'week'): StatsSeriesPoint[] {
  const out: StatsSeriesPoint[] = [];
  const n = daysBetween(from, to) + 1;
  let cur: StatsSeriesPoint | null = null;
  for (let i = 0; i < n; i++) {
    const day = addDays(from, i);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (!cur || interval === 'day' || weekday === 1) {
      cur = { start: day, reported: 0, accepted: 0, closed: 0, onTimeClosed: 0 };
      out.push(cur);
    }
    const s = daily.get(day);
    if (s) {
      cur.reported += s.reported;
      cur.accepted += s.accepted;
      cur.closed += s.closed;
      cur.onTimeClosed += s.onTime;
    }
  }
  return out;
}
