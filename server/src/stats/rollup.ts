import { levelOfCode } from '@weigrid/shared';
import { bool, num, numOrNull } from '../db/rows.js';
import { addFact, emptySums, histDecodeInto, histEncode, type EventFact, type Sums, SUM_COLUMNS } from './kpi.js';
import type { EventFactRow, StatsRollup } from './stats.entities.js';

/*
 * The additive sums of the dashboards (docs/stats.md) and how they map to event_fact and
 * stats_rollup rows: pure functions, shared by the refresher, the stats repository and the
 * dashboards.
 */

/** Levels kept in stats_rollup; below them the dashboards sum event_fact directly. */
export const ROLLUP_LEVELS = ['city', 'district', 'street'] as const;

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
  s.reported = num(r.reported);
  s.accepted = num(r.accepted);
  s.rejected = num(r.rejected);
  s.closed = num(r.closed);
  s.onTime = num(r.on_time);
  s.resolved = num(r.resolved);
  s.reworked = num(r.reworked);
  s.extended = num(r.extended);
  s.respN = num(r.resp_n);
  s.respSum = num(r.resp_sum);
  s.handN = num(r.hand_n);
  s.handSum = num(r.hand_sum);
  s.rated = num(r.rated);
  s.ratingSum = num(r.rating_sum);
  s.good = num(r.good);
  histDecodeInto(s.respHist, (r.resp_hist as string | null) ?? null);
  histDecodeInto(s.handHist, (r.hand_hist as string | null) ?? null);
  decodeCategoriesInto(s.categories, (r.categories as string | null) ?? null);
  return s;
}

/** A stored fact row (raw) as the fact fields addFact reads. */
export function factOfRow(r: Record<string, unknown>): Parameters<typeof factSums>[0] & { nodePath: string; day: string } {
  return {
    nodePath: String(r.node_path),
    day: String(r.day),
    category: String(r.category),
    accepted: bool(r.accepted),
    rejected: bool(r.rejected),
    closed: bool(r.closed),
    onTime: bool(r.on_time),
    resolvedEver: bool(r.resolved_ever),
    reworked: bool(r.reworked),
    extended: bool(r.extended),
    responseMin: numOrNull(r.response_min),
    handlingMin: numOrNull(r.handling_min),
    rating: numOrNull(r.rating),
  };
}

/** The rollup rows a fact on `day` feeds per node: the day's and its month's. */
export function spansOf(day: string): { span: 'd' | 'm'; day: string }[] {
  return [
    { span: 'd', day },
    { span: 'm', day: day.slice(0, 7) },
  ];
}

/** The rollup nodes an event path feeds: (code, parent code) for each rolled-up level on it. */
export function rollupKeys(nodePath: string): { code: string; parent: string | null }[] {
  const codes = nodePath.split('/').filter(Boolean);
  const out: { code: string; parent: string | null }[] = [];
  codes.forEach((c, i) => {
    const lvl = levelOfCode(c);
    if (lvl && (ROLLUP_LEVELS as readonly string[]).includes(lvl)) out.push({ code: c, parent: i > 0 ? codes[i - 1]! : null });
  });
  return out;
}

/** A fact as its event_fact row. */
export function factRow(id: number, f: EventFact): EventFactRow {
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

