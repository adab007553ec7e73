import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OPEN_STATES, isIsoDate, type BulletinDto, type BulletinRowDto, type GridLevel, type StatsChildDto, type StatsDto, type StatsSeriesPoint } from '@weigrid/shared';
import type { Actor } from '../common/actor.js';
import { AppError, notFound } from '../common/app-error.js';
import { addDays, daysBetween } from '../common/local-day.js';
import { checkPeriod } from '../common/period.js';
import { AccessService } from '../access/access.service.js';
import { GridNode } from '../grids/grid-node.entity.js';
import { ancestorPaths } from '../grids/tree.js';
import { PatrolCoverage } from './patrol-coverage.repo.js';
import { bulletinScore, kpisOf } from './kpi.js';
import { emptyRollup, factOfRow, factSums, mergeSigned, rollupOf, ROLLUP_LEVELS, StatsRefresher, type RollupSums } from './refresher.service.js';
import { dbDate as toDate } from '../db/rows.js';
import { GridTree } from '../grids/grid-tree.repo.js';
import type { NodeRef } from '../grids/grid-tree.repo.js';

export const MAX_STATS_DAYS = 366;
export const BULLETIN_FORMULA = '得分 = 40×结案率 + 30×按期结案率 + 20×(平均满意度/5) + 10×(1−返工率)；无受理事件时结案率按1计，有受理无结案时按期结案率按0计，无评价按4/5计，无办结按无返工计';

interface Scope {
  node: GridNode;
  /** dept_staff: only these categories. */
  categories: string[] | null;
}

@Injectable()
export class StatsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tree: GridTree,
    private readonly access: AccessService,
    private readonly refresher: StatsRefresher,
    private readonly coverage: PatrolCoverage,
  ) {}

  private async scope(actor: Actor, code: string): Promise<Scope> {
    const node = await this.tree.byCode(code);
    if (!node) throw notFound('grid node', { fields: { node: `no grid node ${code}` } });
    const g = await this.access.require(actor, 'stats.read', { nodeId: node.id });
    let categories: string[] | null = null;
    if (g.role === 'dept_staff') {
      const rows: { category_code: string }[] = await this.ds.query('SELECT category_code FROM department_category WHERE department_id = ? ORDER BY category_code', [g.departmentId ?? 0]);
      categories = rows.map((r) => r.category_code);
    }
    return { node, categories };
  }

  /**
   * Per local day, the sums of the events reported under `node` that day. Rolled-up levels read
   * stats_rollup (≤ 1 row per day); others — and department-filtered readers — sum event_fact.
   */
  private async daily(node: { code: string; path: string; level: GridLevel }, from: string, to: string, categories: string[] | null): Promise<Map<string, RollupSums>> {
    const out = new Map<string, RollupSums>();
    if (!categories && (ROLLUP_LEVELS as readonly string[]).includes(node.level)) {
      const rows: Record<string, unknown>[] = await this.ds.query("SELECT * FROM stats_rollup WHERE node_code = ? AND span = 'd' AND day >= ? AND day <= ?", [node.code, from, to]);
      for (const r of rows) out.set(String(r.day), rollupOf(r));
      return out;
    }
    for (const f of await this.facts(node.path, from, to, categories)) {
      let s = out.get(f.day);
      if (!s) out.set(f.day, (s = emptyRollup()));
      mergeSigned(s, factSums(f), 1);
    }
    return out;
  }

  private async facts(path: string, from: string, to: string, categories: string[] | null) {
    if (categories && categories.length === 0) return [];
    const cat = categories ? ` AND category IN (${categories.map(() => '?').join(',')})` : '';
    const rows: Record<string, unknown>[] = await this.ds.query(`SELECT * FROM event_fact WHERE node_path LIKE ? AND day >= ? AND day <= ?${cat}`, [`${path}%`, from, to, ...(categories ?? [])]);
    return rows.map(factOfRow);
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
      const rows: Record<string, unknown>[] = [];
      if (months.length) rows.push(...(await this.ds.query(`SELECT * FROM stats_rollup WHERE parent_code = ? AND span = 'm' AND day IN (${months.map(() => '?').join(',')})`, [node.code, ...months])));
      for (const [a, b] of dayRanges) rows.push(...(await this.ds.query("SELECT * FROM stats_rollup WHERE parent_code = ? AND span = 'd' AND day >= ? AND day <= ?", [node.code, a, b])));
      for (const r of rows) {
        const s = sums.get(String(r.node_code));
        if (s) mergeSigned(s, rollupOf(r), 1);
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
    const names: { code: string; name: string }[] = await this.ds.query(`SELECT code, name FROM category WHERE code IN (${top.map(() => '?').join(',')})`, top.map(([c]) => c));
    return top.map(([code, reported]) => ({ code, name: names.find((n) => n.code === code)?.name ?? code, reported }));
  }

  /** Open events past their deadline under the node now (the scheduler sets overdue_at), most overdue first. */
  private async overdue(node: GridNode, categories: string[] | null): Promise<StatsDto['overdue']> {
    if (categories && categories.length === 0) return { count: 0, items: [] };
    const open = OPEN_STATES.filter((s) => s !== 'resolved');
    const cat = categories ? ` AND e.category IN (${categories.map(() => '?').join(',')})` : '';
    const where = `e.state IN (${open.map(() => '?').join(',')}) AND e.overdue_at IS NOT NULL AND e.owner_path LIKE ?${cat}`;
    const params = [...open, `${node.path}%`, ...(categories ?? [])];
    const [c] = await this.ds.query(`SELECT COUNT(*) AS n FROM event e WHERE ${where}`, params);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT e.id, e.category, e.description, e.state, e.deadline_at, e.overdue_at, e.owner_node_id FROM event e WHERE ${where} ORDER BY e.overdue_at ASC, e.id ASC LIMIT 20`,
      params,
    );
    // Owner nodes' code and name through the GridTree port (an event whose node is gone is left
    // out of the list, as the former inner join did).
    const nodes = new Map((await this.tree.refsByIds(rows.map((r) => Number(r.owner_node_id)))).map((n) => [n.id, n]));
    return {
      count: Number(c?.n ?? 0),
      items: rows.filter((r) => nodes.has(Number(r.owner_node_id))).map((r) => ({ id: Number(r.id), category: String(r.category), description: String(r.description).slice(0, 100), node: { code: nodes.get(Number(r.owner_node_id))!.code, name: nodes.get(Number(r.owner_node_id))!.name }, state: String(r.state), deadlineAt: r.deadline_at ? toDate(r.deadline_at).toISOString() : null, overdueAt: toDate(r.overdue_at).toISOString() })),
    };
  }

  /** Campaigns open during the period whose area covers the node (or lies under it): answers under the node. */
  private async campaigns(node: GridNode, from: string, to: string): Promise<StatsDto['campaigns']> {
    const ancestors = ancestorPaths(node.path);
    // Cities, districts and streets read campaign_progress (kept with each answer); smaller nodes
    // count their answers through idx_campaign_answer_node_help alone.
    const rolled = (ROLLUP_LEVELS as readonly string[]).includes(node.level);
    const counts = rolled
      ? `COALESCE((SELECT p.answered FROM campaign_progress p WHERE p.campaign_id = c.id AND p.node_code = ?), 0) AS answered,
         COALESCE((SELECT p.needs_help FROM campaign_progress p WHERE p.campaign_id = c.id AND p.node_code = ?), 0) AS needs_help`
      : `(SELECT COUNT(*) FROM campaign_answer a WHERE a.campaign_id = c.id AND a.node_path LIKE ?) AS answered,
         (SELECT COUNT(*) FROM campaign_answer a WHERE a.campaign_id = c.id AND a.node_path LIKE ? AND a.needs_help = 1) AS needs_help`;
    const key = rolled ? node.code : `${node.path}%`;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT c.id, c.title, c.opens_on, c.closes_on, ${counts}
       FROM campaign c
       WHERE (c.node_path IN (${ancestors.map(() => '?').join(',')}) OR c.node_path LIKE ?) AND c.opens_on <= ? AND c.closes_on >= ?
       ORDER BY c.id DESC LIMIT 20`,
      [key, key, ...ancestors, `${node.path}%`, to, from],
    );
    return rows.map((r) => ({ id: Number(r.id), title: String(r.title), opensOn: String(r.opens_on), closesOn: String(r.closes_on), answered: Number(r.answered), needsHelp: Number(r.needs_help) }));
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
      .sort((a, b) => b.score - a.score || b.kpis.closed - a.kpis.closed || (a.code < b.code ? -1 : 1));
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
