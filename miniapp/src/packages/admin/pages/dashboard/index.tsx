import { View, Text, Picker } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ROLE_LABEL, isRole, type StatsNodeRef, type BulletinDto } from '@weigrid/shared'
import { useStore } from '../../../../hooks/useStore'
import { useApi } from '../../../../hooks/useApi'
import { session } from '../../../../services/session'
import { api } from '../../../../services/api'
import { nav } from '../../../../services/nav'
import { openBulletin } from '../../../../platform/bulletin'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { S } from '../../../../strings'
import { adminGrants, asApiError } from '../../components/admin'
import { KpiTiles, RankBars, TrendChart } from '../../components/charts'
import { PERIODS, bulletinMonths, kpiTiles, pct, periodRange, ranking, topCategories, trend, type Period } from '../../components/statsView'
import { Tag } from '../../../../components/ui'

/**
 * The admin's home: the subtree's dashboard (KPI tiles, trend, child ranking — tap a child to
 * look inside it), the printable 月通报, and the management pages.
 */
export default function Dashboard() {
  const s = useStore(session)
  const grants = adminGrants(s?.user.roles)
  // start at the highest node the admin holds (and again if the session changes)
  const top = grants[0]
  const [trail, setTrail] = useState<StatsNodeRef[]>(() => (top ? [{ code: top.nodeCode, name: top.nodeName, level: top.nodeLevel }] : []))
  const [period, setPeriod] = useState<Period>('d30')
  const [bucket, setBucket] = useState<'day' | 'week'>('day')
  const [bulletinError, setBulletinError] = useState<string>()
  // the month is chosen (last month by default for rolling periods, as the bulletin is monthly)
  const [month, setMonth] = useState<string>()
  const [sheet, setSheet] = useState<BulletinDto>()
  const [sheetBusy, setSheetBusy] = useState(false)
  const months = bulletinMonths()
  useEffect(() => setTrail(top ? [{ code: top.nodeCode, name: top.nodeName, level: top.nodeLevel }] : []), [top?.nodeCode])
  const node = trail[trail.length - 1]
  const range = periodRange(period)
  const bulletinMonth = month ?? range.month
  const stats = useApi(() => (node ? api.stats({ node: node.code, from: range.from, to: range.to, interval: bucket }) : Promise.reject(new Error('no node'))), [node?.code, period, bucket])
  usePullDownRefresh(() => {
    stats.reload()
    Taro.stopPullDownRefresh()
  })
  const bulletin = async () => {
    if (!node) return
    setBulletinError(undefined)
    try {
      await openBulletin(node.code, bulletinMonth)
    } catch (e) {
      setBulletinError(`${S.stats.bulletinFailed}${asApiError(e).userMessage}`)
    }
  }
  const showBulletin = async () => {
    if (!node) return
    setBulletinError(undefined)
    setSheetBusy(true)
    try {
      setSheet(await api.bulletin(node.code, bulletinMonth))
    } catch (e) {
      setSheet(undefined)
      setBulletinError(`${S.stats.bulletinFailed}${asApiError(e).userMessage}`)
    } finally {
      setSheetBusy(false)
    }
  }
  const d = stats.data

  return (
    <Page>
      <View className='card' data-testid='admin-scope'>
        <Text className='card-title'>{S.admin.scope}</Text>
        {grants.length > 1 ? (
          <View className='chips'>
            {grants.map((g) => (
              <Text key={g.id} className={`chip${trail[0]?.code === g.nodeCode ? ' chip-on' : ''}`} onClick={() => setTrail([{ code: g.nodeCode, name: g.nodeName, level: g.nodeLevel }])}>
                {`${isRole(g.role) ? ROLE_LABEL[g.role] : g.role} · ${g.nodeName}`}
              </Text>
            ))}
          </View>
        ) : (
          grants.map((g) => <Text key={g.id} className='block'>{`${isRole(g.role) ? ROLE_LABEL[g.role] : g.role} · ${g.nodeName}`}</Text>)
        )}
        {trail.length > 1 && (
          <View className='row between'>
            <Text className='muted grow' data-testid='stats-trail'>{trail.map((t) => t.name).join(' / ')}</Text>
            <Text className='link' onClick={() => setTrail(trail.slice(0, -1))} data-testid='stats-up'>{S.stats.back}</Text>
          </View>
        )}
        <View className='chips'>
          {PERIODS.map((p) => (
            <Text key={p} className={`chip${p === period ? ' chip-on' : ''}`} onClick={() => setPeriod(p)} data-testid={`period-${p}`}>
              {S.stats.periods[p]}
            </Text>
          ))}
        </View>
        <Text className='muted block'>{`${S.stats.period}：${range.from} ~ ${range.to}`}</Text>
      </View>

      {node && (
        <StateView loading={stats.loading} error={stats.error} onRetry={stats.reload}>
          {d && (
            <>
              <View className='card' data-testid='kpis'>
                <Text className='card-title'>{`${d.node.name} · ${S.stats.kpis}`}</Text>
                <KpiTiles tiles={kpiTiles(d.kpis, d.overdue.count, d.patrol)} />
                {d.overdue.count > 0 && (
                  <Text className='link' onClick={() => nav.to(`/packages/admin/pages/overdue/index?node=${d.node.code}&name=${encodeURIComponent(d.node.name)}`)} data-testid='stats-overdue'>
                    {`${S.stats.overdueNow(d.overdue.count)} ›`}
                  </Text>
                )}
              </View>
              <View className='card'>
                <View className='row between'>
                  <Text className='card-title'>{S.stats.trend(d.interval)}</Text>
                  <View className='row'>
                    {(['day', 'week'] as const).map((i) => (
                      <Text key={i} className={`chip${i === bucket ? ' chip-on' : ''}`} onClick={() => setBucket(i)} data-testid={`interval-${i}`}>
                        {S.stats.interval[i]}
                      </Text>
                    ))}
                  </View>
                </View>
                {d.series.length ? <TrendChart {...trend(d)} /> : <Text className='muted block'>{S.empty}</Text>}
              </View>
              <View className='card'>
                <Text className='card-title'>{S.stats.ranking}</Text>
                {d.children.length ? (
                  <RankBars rows={ranking(d)} onTap={(code) => {
                    const c = d.children.find((x) => x.code === code)
                    if (c) setTrail([...trail, { code: c.code, name: c.name, level: c.level }])
                  }} />
                ) : (
                  <Text className='muted block'>{S.stats.noChildren}</Text>
                )}
              </View>
              {d.campaigns.length > 0 && (
                <View className='card' data-testid='stats-campaigns'>
                  <Text className='card-title'>{S.stats.campaigns}</Text>
                  {d.campaigns.map((c) => (
                    <View key={c.id} className='list-item row between' onClick={() => nav.to(`/packages/admin/pages/campaign/index?id=${c.id}&node=${d.node.code}`)} data-testid='stats-campaign'>
                      <Text className='grow'>{c.title}</Text>
                      <Text className='muted'>{S.stats.campaignFigures(c.answered, c.needsHelp)}</Text>
                    </View>
                  ))}
                </View>
              )}
              {d.topCategories.length > 0 && (
                <View className='card' data-testid='top-categories'>
                  <Text className='card-title'>{S.stats.topCategories}</Text>
                  <RankBars rows={topCategories(d)} testid='top' />
                </View>
              )}
            </>
          )}
        </StateView>
      )}

      <View className='card'>
        {node && (
          <>
            <Text className='card-title'>{S.stats.bulletinOf(bulletinMonth)}</Text>
            <Picker mode='selector' range={months} value={Math.max(0, months.indexOf(bulletinMonth))} onChange={(e) => { setMonth(months[Number(e.detail.value)]); setSheet(undefined) }}>
              <View className='row between list-item' data-testid='bulletin-month'>
                <Text>{S.stats.bulletinMonth}</Text>
                <Text className='unread'>{`${bulletinMonth} ›`}</Text>
              </View>
            </Picker>
            <View className='row wrap'>
              <Button type='primary' loading={sheetBusy} onClick={() => void showBulletin()} data-testid='bulletin-show'>{S.stats.bulletinShow}</Button>
              <Button onClick={() => void bulletin()} data-testid='bulletin'>{S.stats.bulletinPrint}</Button>
            </View>
            {bulletinError && <Text className='error block' data-testid='bulletin-error'>{bulletinError}</Text>}
            {sheet && (
              <View data-testid='bulletin-list'>
                {sheet.rows.map((r) => (
                  <View key={r.code} className='list-item' data-testid='bulletin-row'>
                    <View className='row between'>
                      <Text className='field-label grow'>{`${r.score !== null ? S.stats.bulletinRank(r.rank) : ''} ${r.name}`.trim()}</Text>
                      {r.score !== null ? <Tag tone='info'>{`${Math.round(r.score * 10) / 10} 分`}</Tag> : <Tag>{S.stats.idle}</Tag>}
                    </View>
                    {r.kpis.reported > 0 && (
                      <Text className='muted block'>{`${S.stats.reported} ${r.kpis.reported} · ${S.stats.closeRate} ${pct(r.kpis.closeRate)} · ${S.stats.onTimeRate} ${pct(r.kpis.onTimeRate)}`}</Text>
                    )}
                  </View>
                ))}
                <Text className='muted block'>{sheet.formula}</Text>
              </View>
            )}
          </>
        )}
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/overdue/index')} data-testid='go-overdue'>
          <Text>{S.admin.overdue}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/campaigns/index')} data-testid='go-campaigns'>
          <Text>{S.admin.campaigns}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/rules/index')} data-testid='go-rules'>
          <Text>{S.admin.rules}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/invite/index')} data-testid='go-admin-invite'>
          <Text>{S.invite.create}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/notice-new/index')} data-testid='go-notice-new'>
          <Text>{S.notice.send}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/notices/index')} data-testid='go-notices-sent'>
          <Text>{S.notice.sent}</Text>
        </View>
      </View>
    </Page>
  )
}
