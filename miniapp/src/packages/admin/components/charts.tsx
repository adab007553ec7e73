import { View, Text } from '@tarojs/components'
import './charts.css'

/*
 * Charts from plain Views and CSS, no chart library (the admin subpackage has a size budget and
 * canvas differs between WeChat and the browser). Coordinates are percentages of the plot, so
 * the same markup draws at any width, in large-text mode too.
 */

export interface TrendSeries {
  name: string
  /** CSS class giving the colour: chart-a, chart-b. */
  tone: 'a' | 'b'
  values: number[]
}

/** Percent (0–100, from the bottom) of v on a 0..max axis. */
function y(v: number, max: number): number {
  return max > 0 ? Math.max(0, Math.min(100, (v / max) * 100)) : 0
}

/** A "nice" axis top: 1, 2, 5 × 10^n at or above max. */
export function niceMax(max: number): number {
  if (max <= 0) return 1
  const p = 10 ** Math.floor(Math.log10(max))
  return [1, 2, 5, 10].map((k) => k * p).find((v) => v >= max) ?? 10 * p
}

const LINE = 2.5 // line thickness, % of the plot height

/**
 * Line chart: each segment between two buckets is a box from one x to the next whose clip-path
 * is the slanted band between the two values; the first series also gets a filled area.
 */
export function TrendChart(props: { labels: string[]; series: TrendSeries[]; testid?: string }) {
  const n = props.labels.length
  const max = niceMax(Math.max(0, ...props.series.flatMap((s) => s.values)))
  const x = (i: number) => (n <= 1 ? 50 : (i / (n - 1)) * 100)
  const band = (a: number, b: number, fill: boolean) => {
    const ta = 100 - y(a, max)
    const tb = 100 - y(b, max)
    const poly = fill
      ? `polygon(0% ${ta}%, 100% ${tb}%, 100% 100%, 0% 100%)`
      : `polygon(0% ${ta - LINE / 2}%, 100% ${tb - LINE / 2}%, 100% ${tb + LINE / 2}%, 0% ${ta + LINE / 2}%)`
    return { clipPath: poly, WebkitClipPath: poly }
  }
  const ticks = n <= 1 ? [0] : [0, Math.floor((n - 1) / 2), n - 1].filter((v, i, a) => a.indexOf(v) === i)
  return (
    <View className='chart' data-testid={props.testid ?? 'trend'}>
      <View className='row'>
        <View className='chart-axis'>
          <Text className='chart-tick'>{String(max)}</Text>
          {/* counts: no half tick on an axis of 1 */}
          <Text className='chart-tick'>{Number.isInteger(max / 2) ? String(max / 2) : ''}</Text>
          <Text className='chart-tick'>0</Text>
        </View>
        <View className='chart-plot grow'>
          <View className='chart-grid' style={{ bottom: '50%' }} />
          {props.series.map((s, si) =>
            s.values.slice(0, -1).map((v, i) => (
              <View key={`${s.name}-${i}`}>
                {si === 0 && <View className={`chart-seg chart-area-${s.tone}`} style={{ left: `${x(i)}%`, width: `${x(i + 1) - x(i)}%`, ...band(v, s.values[i + 1]!, true) }} />}
                <View className={`chart-seg chart-line-${s.tone}`} style={{ left: `${x(i)}%`, width: `${x(i + 1) - x(i)}%`, ...band(v, s.values[i + 1]!, false) }} />
              </View>
            ))
          )}
          {props.series.map((s) =>
            s.values.map((v, i) => <View key={`${s.name}-d${i}`} className={`chart-dot chart-dot-${s.tone}`} style={{ left: `${x(i)}%`, bottom: `${y(v, max)}%` }} />)
          )}
        </View>
      </View>
      <View className='row between chart-xlabels'>
        {ticks.map((i) => (
          <Text key={i} className='chart-tick'>{props.labels[i]}</Text>
        ))}
      </View>
      <View className='row wrap chart-legend'>
        {props.series.map((s) => (
          <Text key={s.name} className='chart-legend-item'>
            <Text className={`chart-key chart-dot-${s.tone}`} />
            {`${s.name} ${s.values.reduce((a, b) => a + b, 0)}`}
          </Text>
        ))}
      </View>
      {/* the figures behind the picture, for screen readers and tests */}
      <View className='sr-only'>
        {props.labels.map((l, i) => (
          <Text key={l} data-testid='trend-point'>{`${l}：${props.series.map((s) => `${s.name} ${s.values[i] ?? 0}`).join('，')}`}</Text>
        ))}
      </View>
    </View>
  )
}

export interface RankRow {
  code: string
  name: string
  /** 0–100: the bar's length. */
  value: number
  text: string
  sub?: string
}

/** Horizontal bars, longest first; a tap on a row drills into that node. */
export function RankBars(props: { rows: RankRow[]; onTap?: (code: string) => void; testid?: string }) {
  const rows = [...props.rows].sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
  return (
    <View data-testid={props.testid ?? 'ranking'}>
      {rows.map((r, i) => (
        <View key={r.code} className='rank-row' onClick={() => props.onTap?.(r.code)} data-testid={props.testid ? `${props.testid}-row` : 'rank-row'} data-code={r.code}>
          <View className='row between'>
            <Text className='grow'>{`${i + 1}. ${r.name}`}</Text>
            <Text className='rank-value'>{r.text}</Text>
          </View>
          <View className='bar rank-bar'>
            <View className={`bar-fill${i === 0 ? ' bar-top' : ''}`} style={{ width: `${Math.max(0, Math.min(100, r.value))}%` }} />
          </View>
          {r.sub && <Text className='muted block'>{r.sub}</Text>}
        </View>
      ))}
    </View>
  )
}

export interface Tile {
  key: string
  label: string
  value: string
  sub?: string
  /** Colours the figure: good (green), bad (red) or plain. */
  tone?: 'good' | 'bad'
}

export function KpiTiles(props: { tiles: Tile[] }) {
  return (
    <View className='tiles'>
      {props.tiles.map((t) => (
        <View key={t.key} className='tile' data-testid={`kpi-${t.key}`}>
          <Text className='tile-label'>{t.label}</Text>
          <Text className={`tile-value${t.tone ? ` tile-${t.tone}` : ''}`} data-testid='kpi-value'>{t.value}</Text>
          {t.sub && <Text className='tile-sub'>{t.sub}</Text>}
        </View>
      ))}
    </View>
  )
}
