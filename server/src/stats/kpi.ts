import { handledOnTime, type AuditStep, type StagePolicy, type WorkCalendar } from '../sla/clock.js';
import { localDay } from '../common/local-day.js';
import type { KpisDto } from '@weigrid/shared';

/*
 * KPI arithmetic, as pure functions. Definitions (docs/stats.md has the table):
 *
 * The cohort of a period is the events REPORTED in it (created_at, local day) under the node.
 * - accepted: passed verification (a transition into `accepted`, or created past `reported`:
 *   self-handled and machine events); rejected: state `rejected`.
 * - closed: state `closed`. 结案率 = closed / accepted.
 * - 按期结案率 = closed events whose handling stage (acceptance → first `resolved`) finished within
 *   its SLA, computed from the audit trail by sla/clock#handledOnTime (extensions add hours,
 *   suspension pauses the clock) / closed events.
 * - 返工率 = events reworked at least once / events that reached `resolved`: 返工, a failed 核查,
 *   重新打开 and a 回访 answered "not fixed" all send a resolved or closed case back to `in_progress`.
 * - 延期率 = events with at least one approved extension / accepted.
 * - response time: report → first transition out of `reported` (verify or reject), in minutes;
 *   handling time: acceptance → first `resolved`, wall-clock minutes.
 * - satisfaction: mean rating (1–5) of rated events, and the share rated 4 or 5 (a 回访 answer
 *   with a rating rates an unrated event).
 * Percentiles (p90) use nearest rank over durations rounded DOWN to the histogram buckets below
 * (exact to the minute under 1 h, to 10 min under 10 h, to the hour under 3 days, to the day
 * under 30 days), so that rollups merge them exactly.
 */

export const MINUTE = 60_000;

/** What one event contributes to the figures; recomputed from the event row and its audit trail. */
export interface EventFact {
  eventId: number;
  nodePath: string;
  day: string;
  category: string;
  accepted: boolean;
  rejected: boolean;
  closed: boolean;
  /** null unless closed and the on-time result is known. */
  onTime: boolean | null;
  resolvedEver: boolean;
  reworked: boolean;
  extended: boolean;
  responseMin: number | null;
  handlingMin: number | null;
  rating: number | null;
  overdue: boolean;
}

export interface FactEventRow {
  id: number;
  nodePath: string;
  category: string;
  state: string;
  rating: number | null;
  overdueAt: Date | null;
  createdAt: Date;
}

/** One event's fact from its row and audit (any order), with the handling-stage policy of its category. */
export function computeFact(e: FactEventRow, audit: AuditStep[], policy: StagePolicy, cal?: WorkCalendar): EventFact {
  const steps = [...audit].sort((a, b) => a.at.getTime() - b.at.getTime());
  const created = steps.find((s) => s.fromState === null);
  const accepted = steps.some((s) => s.toState === 'accepted') || (created !== undefined && created.toState !== 'reported' && created.toState !== 'rejected');
  const firstOut = steps.find((s) => s.fromState === 'reported' && s.toState !== 'reported');
  const responseMin = created && created.toState === 'reported' && firstOut ? Math.max(0, Math.round((firstOut.at.getTime() - e.createdAt.getTime()) / MINUTE)) : null;
  const acceptStep = steps.find((s) => s.toState === 'accepted' || (s.fromState === null && s.toState !== 'reported'));
  const resolvedStep = acceptStep ? steps.find((s) => s.toState === 'resolved' && s.at >= acceptStep.at) : undefined;
  const handlingMin = acceptStep && resolvedStep ? Math.max(0, Math.round((resolvedStep.at.getTime() - acceptStep.at.getTime()) / MINUTE)) : null;
  const closed = e.state === 'closed';
  const ot = closed ? handledOnTime(steps, policy, cal) : null;
  return {
    eventId: e.id,
    nodePath: e.nodePath,
    day: localDay(e.createdAt),
    category: e.category,
    accepted,
    rejected: e.state === 'rejected',
    closed,
    onTime: ot ? ot.onTime : null,
    resolvedEver: steps.some((s) => s.toState === 'resolved'),
    reworked: steps.some((s) => s.action === 'rework' || (s.toState === 'in_progress' && (s.fromState === 'resolved' || s.fromState === 'closed'))),
    extended: steps.some((s) => s.action === 'approve_extension'),
    responseMin,
    handlingMin,
    rating: e.rating === null || e.rating === undefined ? null : Number(e.rating),
    overdue: e.overdueAt !== null && !['closed', 'rejected', 'resolved'].includes(e.state),
  };
}

// ─── histogram buckets ──────────────────────────────────────────────────────────────────────

/** Bucket index of a duration in minutes. */
export function bucketOf(min: number): number {
  const m = Math.max(0, Math.floor(min));
  if (m < 60) return m;
  if (m < 600) return 60 + Math.floor((m - 60) / 10);
  if (m < 4320) return 114 + Math.floor((m - 600) / 60);
  if (m < 43200) return 176 + Math.floor((m - 4320) / 1440);
  return 203;
}

/** The lower edge (in minutes) of a bucket: what a percentile falling in it reports. */
export function bucketEdge(b: number): number {
  if (b < 60) return b;
  if (b < 114) return 60 + (b - 60) * 10;
  if (b < 176) return 600 + (b - 114) * 60;
  if (b < 203) return 4320 + (b - 176) * 1440;
  return 43200;
}

export type Hist = Map<number, number>;

export function histAdd(h: Hist, min: number, n = 1): void {
  const b = bucketOf(min);
  h.set(b, (h.get(b) ?? 0) + n);
}

export function histMerge(into: Hist, from: Hist): void {
  for (const [b, n] of from) into.set(b, (into.get(b) ?? 0) + n);
}

/** "b:n,b:n" — compact text for a rollup column. */
export function histEncode(h: Hist): string {
  return [...h.entries()].sort((a, b) => a[0] - b[0]).map(([b, n]) => `${b}:${n}`).join(',');
}

export function histDecodeInto(into: Hist, s: string | null): void {
  if (!s) return;
  for (const part of s.split(',')) {
    const i = part.indexOf(':');
    const b = Number(part.slice(0, i));
    into.set(b, (into.get(b) ?? 0) + Number(part.slice(i + 1)));
  }
}

/** Nearest-rank percentile (0 < p ≤ 1) of the histogram, as a bucket edge in minutes; null when empty. */
export function histPercentile(h: Hist, p: number): number | null {
  let total = 0;
  for (const n of h.values()) total += n;
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const b of [...h.keys()].sort((x, y) => x - y)) {
    seen += h.get(b)!;
    if (seen >= rank) return bucketEdge(b);
  }
  return null;
}

// ─── additive sums and the KPIs derived from them ────────────────────────────────────────────

/** Additive counters: what a rollup row stores and what merges by addition. */
export interface Sums {
  reported: number;
  accepted: number;
  rejected: number;
  closed: number;
  onTime: number;
  resolved: number;
  reworked: number;
  extended: number;
  respN: number;
  respSum: number;
  handN: number;
  handSum: number;
  rated: number;
  ratingSum: number;
  good: number;
  respHist: Hist;
  handHist: Hist;
}

export const SUM_COLUMNS = ['reported', 'accepted', 'rejected', 'closed', 'onTime', 'resolved', 'reworked', 'extended', 'respN', 'respSum', 'handN', 'handSum', 'rated', 'ratingSum', 'good'] as const;

export function emptySums(): Sums {
  return { reported: 0, accepted: 0, rejected: 0, closed: 0, onTime: 0, resolved: 0, reworked: 0, extended: 0, respN: 0, respSum: 0, handN: 0, handSum: 0, rated: 0, ratingSum: 0, good: 0, respHist: new Map(), handHist: new Map() };
}

export function addFact(s: Sums, f: Pick<EventFact, 'accepted' | 'rejected' | 'closed' | 'onTime' | 'resolvedEver' | 'reworked' | 'extended' | 'responseMin' | 'handlingMin' | 'rating'>): void {
  s.reported++;
  if (f.accepted) s.accepted++;
  if (f.rejected) s.rejected++;
  if (f.closed) s.closed++;
  if (f.closed && f.onTime) s.onTime++;
  if (f.resolvedEver) s.resolved++;
  if (f.reworked) s.reworked++;
  if (f.extended) s.extended++;
  if (f.responseMin !== null) {
    s.respN++;
    s.respSum += f.responseMin;
    histAdd(s.respHist, f.responseMin);
  }
  if (f.handlingMin !== null) {
    s.handN++;
    s.handSum += f.handlingMin;
    histAdd(s.handHist, f.handlingMin);
  }
  if (f.rating !== null) {
    s.rated++;
    s.ratingSum += f.rating;
    if (f.rating >= 4) s.good++;
  }
}

export function mergeSums(into: Sums, from: Sums): void {
  for (const k of SUM_COLUMNS) into[k] += from[k];
  histMerge(into.respHist, from.respHist);
  histMerge(into.handHist, from.handHist);
}

/** The figures of one node and period: exactly the API's shape (docs/stats.md defines each). */
export type Kpis = KpisDto;

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);
const avg = (sum: number, n: number): number | null => (n > 0 ? Math.round((sum / n) * 10) / 10 : null);

export function kpisOf(s: Sums): Kpis {
  return {
    reported: s.reported,
    accepted: s.accepted,
    rejected: s.rejected,
    closed: s.closed,
    closeRate: ratio(s.closed, s.accepted),
    onTimeClosed: s.onTime,
    onTimeRate: ratio(s.onTime, s.closed),
    reworked: s.reworked,
    reworkRate: ratio(s.reworked, s.resolved),
    extended: s.extended,
    extensionRate: ratio(s.extended, s.accepted),
    responseAvgMin: avg(s.respSum, s.respN),
    responseP90Min: histPercentile(s.respHist, 0.9),
    handlingAvgMin: avg(s.handSum, s.handN),
    handlingP90Min: histPercentile(s.handHist, 0.9),
    rated: s.rated,
    satisfactionAvg: s.rated > 0 ? Math.round((s.ratingSum / s.rated) * 100) / 100 : null,
    satisfactionRate: ratio(s.good, s.rated),
  };
}

/**
 * The bulletin score (月通报) of a node, 0–100 (docs/stats.md):
 *   40 × 结案率 + 30 × 按期结案率 + 20 × (mean rating / 5) + 10 × (1 − 返工率).
 * A node with no report in the period is not scored (null, shown as 无数据): a quiet grid and a
 * grid whose reports all wait for verification used to both score 96. Where a rate has nothing to
 * measure: with nothing accepted, 结案率 and 按期结案率 count the share of reports settled (rejected)
 * — reports still waiting for verification are open work; 按期结案率 counts 0 when work was
 * accepted but nothing closed; no ratings count as 4/5; no resolved events count as no rework.
 * Ties break by more events closed, then code; unscored nodes rank last.
 */
export function bulletinScore(k: Kpis): number | null {
  if (k.reported === 0) return null;
  const settled = k.rejected / k.reported;
  const close = k.closeRate ?? settled;
  const onTime = k.onTimeRate ?? (k.accepted > 0 ? 0 : settled);
  const sat = k.satisfactionAvg === null ? 0.8 : k.satisfactionAvg / 5;
  const rework = k.reworkRate ?? 0;
  return Math.round((40 * close + 30 * onTime + 20 * sat + 10 * (1 - rework)) * 100) / 100;
}

/** Order of the bulletin: higher score first, unscored (null) last. */
export function byScore(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}
