/** Dashboards (GET /stats) and the monthly bulletin (月通报). Definitions: docs/stats.md. */
import type { GridLevel } from '../grid-code.js';

export interface KpisDto {
  reported: number;
  accepted: number;
  rejected: number;
  closed: number;
  /** 结案率: closed / accepted (null when nothing was accepted). */
  closeRate: number | null;
  onTimeClosed: number;
  /** 按期结案率: closed on time / closed. */
  onTimeRate: number | null;
  reworked: number;
  /** 返工率: reworked / reached resolved. */
  reworkRate: number | null;
  extended: number;
  /** 延期率: extended / accepted. */
  extensionRate: number | null;
  responseAvgMin: number | null;
  responseP90Min: number | null;
  handlingAvgMin: number | null;
  handlingP90Min: number | null;
  rated: number;
  satisfactionAvg: number | null;
  satisfactionRate: number | null;
}

export interface StatsNodeRef {
  code: string;
  name: string;
  level: GridLevel;
}

export interface StatsChildDto extends StatsNodeRef {
  kpis: KpisDto;
  /** The bulletin score (0–100) of the child over the period; null: no report in it, not scored (无数据). */
  score: number | null;
}

export interface StatsSeriesPoint {
  /** First day of the bucket (a Monday for weeks). */
  start: string;
  reported: number;
  accepted: number;
  closed: number;
  onTimeClosed: number;
}

export interface StatsOverdueItem {
  id: number;
  category: string;
  description: string;
  node: { code: string; name: string };
  state: string;
  deadlineAt: string | null;
  overdueAt: string;
}

/** GET /stats?node=&from=&to=[&interval=day|week] */
export interface StatsDto {
  node: StatsNodeRef;
  from: string;
  to: string;
  days: number;
  /** Events reported in the period under the node (the cohort), and what became of them. */
  kpis: KpisDto;
  /** null: no report in the period, not scored. */
  score: number | null;
  children: StatsChildDto[];
  interval: 'day' | 'week';
  series: StatsSeriesPoint[];
  topCategories: { code: string; name: string; reported: number }[];
  /** Open events past their deadline now (not limited to the period), most overdue first. */
  overdue: { count: number; items: StatsOverdueItem[] };
  /** Patrol coverage of the grids under the node over the period; null for a micro-grid. */
  patrol: { grids: number; gridDays: number; patrolledGridDays: number; coverage: number; checkins: number } | null;
  /** Campaigns running in the period that cover the node: households answered under it. */
  campaigns: { id: number; title: string; opensOn: string; closesOn: string; answered: number; needsHelp: number }[];
  /** Figures restricted to a department's categories (dept_staff readers). */
  categoriesFilter: string[] | null;
}

export interface BulletinRowDto extends StatsNodeRef {
  rank: number;
  /** null: no report in the month, not scored (ranked last). */
  score: number | null;
  kpis: KpisDto;
}

/** GET /stats/bulletin?node=&month=YYYY-MM — the child nodes ranked by score. */
export interface BulletinDto {
  node: StatsNodeRef;
  month: string;
  from: string;
  to: string;
  /** How the score is computed, in words (also printed on the bulletin). */
  formula: string;
  kpis: KpisDto;
  rows: BulletinRowDto[];
}
