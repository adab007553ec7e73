import { View, Text } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { GRID_LEVELS, GRID_LEVEL_LABEL } from '@weigrid/shared'
import { api } from '../../services/api'
import { useApi } from '../../hooks/useApi'
import { useStore } from '../../hooks/useStore'
import { StateView } from '../../components/StateView'
import { Page } from '../../components/Page'
import { ElderSwitch } from '../../components/ElderSwitch'
import { CampaignsCard } from '../../components/CampaignsCard'
import { GroupCard } from '../../components/GroupCard'
import { GridWorkerCard } from '../../components/GridWorkerCard'
import { Button, Cell, Tag } from '../../components/ui'
import { useReportQueue } from '../../hooks/useReportQueue'
import { session } from '../../services/session'
import { categoryIcon } from '../../services/categoryIcon'
import { formatTime, shorten, stateLabel, stateTone } from '../../services/eventView'
import { nav } from '../../services/nav'
import { KEYS, loadValue, saveValue } from '../../services/storage'
import type { OverviewDto } from '../../services/contracts'
import { S } from '../../strings'

/** My last reports with their state (logged-in residents); the whole list is one tap away. */
function MyRecent() {
  const s = useStore(session)
  const recent = useApi(() => (s ? api.events({ scope: 'my', limit: 3 }) : Promise.resolve(null)), [s?.user.id])
  const shown = useRef(false)
  useDidShow(() => {
    // back from a report or an event: show the new state
    if (shown.current) recent.reload()
    shown.current = true
  })
  if (!s) return null
  const items = recent.data?.items ?? []
  return (
    <View className='card' data-testid='my-recent'>
      <View className='row between'>
        <Text className='card-title'>{S.home.myReports}</Text>
        {items.length > 0 && <Text className='link' onClick={() => nav.to('/pages/my-reports/index')} data-testid='my-recent-all'>{S.home.all}</Text>}
      </View>
      <StateView loading={recent.loading && !recent.data} error={recent.error} onRetry={recent.reload}>
        {items.length === 0 ? (
          <Text className='muted block'>{S.home.noReports}</Text>
        ) : (
          items.map((e) => (
            <Cell
              key={e.id}
              title={shorten(e.description, 24)}
              label={`${e.microGrid.name} · ${formatTime(e.createdAt)}`}
              value={<Tag tone={stateTone(e.state)}>{stateLabel(e.state)}</Tag>}
              onClick={() => nav.to(`/pages/event/index?id=${e.id}`)}
              testid='my-recent-item'
            />
          ))
        )}
      </StateView>
    </View>
  )
}

/**
 * The resident's home, as 蓉e报 and 随申办 are laid out: one big 我要上报, the common problems as
 * picture entries that open the report with the category chosen, my micro-grid and its campaigns,
 * my recent reports with their state, then the 长辈版 switch and the service area.
 */
/** Tiles drawn while the categories load (the default set has 12): the card keeps its height, so nothing below it jumps (CLS). */
const SKELETON_TILES = 12

export default function Index() {
  const overview = useApi(api.overview)
  // the last answer, drawn at once; the fresh one replaces it
  const cached = useRef(loadValue<OverviewDto | null>(KEYS.overview, null))
  useEffect(() => {
    if (overview.data) saveValue(KEYS.overview, overview.data)
  }, [overview.data])
  const o = overview.data ?? cached.current
  const queue = useReportQueue()
  return (
    <Page>
      <GroupCard />
      <View className='card hero'>
        <Text className='hero-title'>{S.home.hello}</Text>
        <Text className='muted block'>{S.home.reportHint}</Text>
        <Button type='primary' size='large' onClick={() => nav.to('/pages/report/index')} data-testid='go-report'>{S.home.report}</Button>
        {queue.items.length > 0 && <Text className='warn block' data-testid='queued'>{S.home.queued(queue.items.length)}</Text>}
      </View>

      <StateView loading={false} error={o ? undefined : overview.error} onRetry={overview.reload}>
        <View className='card' data-testid='categories'>
          <Text className='card-title'>{S.home.categories}</Text>
          <View className='tools'>
            {o
              ? o.categories.map((c) => (
                  <View
                    key={c.code}
                    className='tool'
                    onClick={() => nav.to(`/pages/report/index?category=${encodeURIComponent(c.code)}`)}
                    data-testid={`home-category-${c.code}`}
                    {...({ role: 'button' } as object)}
                  >
                    <Text className='tool-icon' aria-hidden='true'>{categoryIcon(c.icon)}</Text>
                    <Text className='tool-label'>{c.name}</Text>
                  </View>
                ))
              : Array.from({ length: SKELETON_TILES }, (_, i) => (
                  <View key={i} className='tool tool-skeleton' aria-hidden='true' data-testid='category-skeleton'>
                    <Text className='tool-icon'>{'\u00a0'}</Text>
                    <Text className='tool-label'>{'\u00a0'}</Text>
                  </View>
                ))}
          </View>
        </View>
      </StateView>

      <CampaignsCard />
      <GridWorkerCard />
      <MyRecent />

      <View className='card'>
        <ElderSwitch />
      </View>

      {o && (
        <View className='card' data-testid='region'>
          <Text className='card-title'>{S.home.region}</Text>
          <Text>{o.region ? o.region.name : S.home.noRegion}</Text>
          <View>
            {GRID_LEVELS.filter((l) => o.gridCounts[l]).map((l) => (
              <View key={l} className='stat'>
                <Text className='stat-num'>{o.gridCounts[l]}</Text>
                <Text className='muted'>{GRID_LEVEL_LABEL[l]}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </Page>
  )
}
