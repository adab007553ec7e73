import type { KpisDto, StatsDto } from '@weigrid/shared'
import { S } from '../../../strings'
import type { RankRow, Tile, TrendSeries } from './charts'

export type Period = 'd7' | 'd30' | 'month' | 'lastMonth'
export const PERIODS: Period[] = ['d7', 'd30', 'month', 'lastMonth']

const pad = (n: number) => String(n).padStart(2, '0')
/** The phone's local day, YYYY-MM-DD (the server reads days in +08:00, as do phones in China). */
export function dayOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** from/to (inclusive local days) of a period, and the month whose bulletin goes with it. */
export function periodRange(p: Period, now = new Date()): { from: string; to: string; month: string } {
  const y = now.getFullYear()
  const mo = now.getMonth()
  const back = (days: number) => dayOf(new Date(y, mo, now.getDate() - days))
  const lastMonth = `${new Date(y, mo - 1, 1).getFullYear()}-${pad(new Date(y, mo - 1, 1).getMonth() + 1)}`
  switch (p) {
    case 'd7':
      return { from: back(6), to: dayOf(now), month: lastMonth }
    case 'd30':
      return { from: back(29), to: dayOf(now), month: lastMonth }
    case 'month':
      return { from: dayOf(new Date(y, mo, 1)), to: dayOf(now), month: `${y}-${pad(mo + 1)}` }
    case 'lastMonth':
      return { from: dayOf(new Date(y, mo - 1, 1)), to: dayOf(new Date(y, mo, 0)), month: lastMonth }
  }
}

export function pct(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`
}

/** Minutes as a person reads a duration: 45 分钟, 3.5 小时, 2.1 天. */
export function duration(min: number | null): string {
  if (min === null) return '—'
  if (min < 60) return `${Math.round(min)} 分钟`
  if (min < 48 * 60) return `${Math.round(min / 6) / 10} 小时`
  return `${Math.round(min / 144) / 10} 天`
}

export function kpiTiles(k: KpisDto, overdue: number, patrol?: StatsDto['patrol']): Tile[] {
  const tiles: Tile[] = [
    { key: 'reported', label: S.stats.reported, value: String(k.reported), sub: `受理 ${k.accepted} · 不予受理 ${k.rejected}` },
    { key: 'closeRate', label: S.stats.closeRate, value: pct(k.closeRate), sub: `${k.closed}/${k.accepted}` },
    { key: 'onTimeRate', label: S.stats.onTimeRate, value: pct(k.onTimeRate), sub: `${k.onTimeClosed}/${k.closed}`, tone: k.onTimeRate !== null && k.onTimeRate < 0.8 ? 'bad' : undefined },
    { key: 'reworkRate', label: S.stats.reworkRate, value: pct(k.reworkRate), sub: `${k.reworked} 件`, tone: k.reworkRate !== null && k.reworkRate > 0.1 ? 'bad' : undefined },
    { key: 'extensionRate', label: S.stats.extensionRate, value: pct(k.extensionRate), sub: `${k.extended} 件` },
    { key: 'overdue', label: S.admin.overdue, value: String(overdue), tone: overdue > 0 ? 'bad' : 'good' },
    { key: 'response', label: S.stats.response, value: duration(k.responseAvgMin), sub: k.responseP90Min === null ? undefined : S.stats.p90(duration(k.responseP90Min)) },
    { key: 'handling', label: S.stats.handling, value: duration(k.handlingAvgMin), sub: k.handlingP90Min === null ? undefined : S.stats.p90(duration(k.handlingP90Min)) },
    {
      key: 'satisfaction',
      label: S.stats.satisfaction,
      value: k.satisfactionAvg === null ? '—' : `${k.satisfactionAvg.toFixed(1)} 分`,
      sub: k.rated ? `满意 ${pct(k.satisfactionRate)} · ${S.stats.rated(k.rated)}` : S.stats.rated(0)
    }
  ]
  if (patrol) tiles.push({ key: 'patrol', label: S.stats.patrol, value: pct(patrol.coverage), sub: `${patrol.patrolledGridDays}/${patrol.gridDays} 网格·天 · 打卡 ${patrol.checkins} 次` })
  return tiles
}

export function trend(s: StatsDto): { labels: string[]; series: TrendSeries[] } {
  return {
    labels: s.series.map((p) => p.start.slice(5)),
    series: [
      { name: S.stats.reported, tone: 'a', values: s.series.map((p) => p.reported) },
      { name: S.stats.closed, tone: 'b', values: s.series.map((p) => p.closed) }
    ]
  }
}

/** The most reported categories, as bars relative to the first. */
export function topCategories(s: StatsDto): RankRow[] {
  const max = Math.max(1, ...s.topCategories.map((c) => c.reported))
  return s.topCategories.map((c) => ({ code: c.code, name: c.name, value: (c.reported / max) * 100, text: `${c.reported} 件` }))
}

/**
 * Children ranked by score. The server does not score a child with no report in the period
 * (score null): it is said as 本期无上报 and listed after the scored ones.
 */
export function ranking(s: StatsDto): RankRow[] {
  const scored = s.children.filter((c) => c.score !== null).sort((a, b) => b.score! - a.score!)
  const idle = s.children.filter((c) => c.score === null)
  return [
    ...scored.map((c) => ({
      code: c.code,
      name: c.name,
      value: c.score!,
      text: `${Math.round(c.score! * 10) / 10}`,
      sub: `${S.stats.reported} ${c.kpis.reported} · ${S.stats.closeRate} ${pct(c.kpis.closeRate)} · ${S.stats.onTimeRate} ${pct(c.kpis.onTimeRate)}`
    })),
    ...idle.map((c) => ({ code: c.code, name: c.name, value: 0, text: S.stats.idle, sub: S.stats.idleHint }))
  ]
}

/** The months a bulletin can be asked for, newest first: this month and the 11 before. */
export function bulletinMonths(now = new Date()): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1)
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`
  })
}
