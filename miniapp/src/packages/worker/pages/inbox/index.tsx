import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { api } from '../../../../services/api'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useApi } from '../../../../hooks/useApi'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { EventCard } from '../../../../components/EventCard'
import { nav } from '../../../../services/nav'
import { askSubscribe, prefetchTemplates } from '../../../../services/subscribe'
import { S } from '../../../../strings'
import { RS } from '../../strings'

type Box = 'new' | 'overdue' | 'in_progress'
const BOXES: Box[] = ['new', 'overdue', 'in_progress']

const go = (url: string) => () => nav.to(url)
const TOOLS = [
  { id: 'go-patrol', icon: '🚶', label: S.worker.patrol, go: go('/packages/worker/pages/patrol/index') },
  { id: 'go-notices', icon: '📢', label: S.worker.notices, go: go('/packages/worker/pages/notices/index') },
  { id: 'go-people', icon: '🏠', label: S.worker.peopleShort, go: go('/packages/worker/pages/people/index') },
  { id: 'go-claims', icon: '🪪', label: RS.claims.title, go: go('/packages/worker/pages/claims/index') },
  { id: 'go-new-household', icon: '➕', label: S.worker.newHousehold, go: go('/packages/worker/pages/household-edit/index') },
  { id: 'go-care', icon: '🤝', label: S.worker.care, go: go('/packages/worker/pages/care/index') },
  { id: 'go-volunteers', icon: '🙋', label: S.worker.volunteers, go: go('/packages/worker/pages/volunteers/index') },
  { id: 'go-bind-group', icon: '👥', label: S.worker.bindGroup, go: go('/packages/worker/pages/bind-group/index') },
  { id: 'go-subscribe', icon: '🔔', label: S.worker.subscribeTasks, go: () => askSubscribe(['task_new', 'event_overdue']) }
]

/** The grid worker's tasks: new first, then overdue, then what they are handling. */
export default function Inbox() {
  const [box, setBox] = useState<Box>('new')
  const list = usePagedList((cursor) => api.events({ scope: 'inbox', box, cursor, limit: 20 }), [box])
  const categories = useApi(api.categories)
  const names = Object.fromEntries((categories.data ?? []).map((c) => [c.code, c.name]))
  useEffect(() => void prefetchTemplates(), [])
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) list.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(list.loadMore)
  return (
    <Page>
      {/* the worker's tools first: a long task list must not push them off the screen */}
      <View className='card tools' data-testid='worker-tools'>
        {TOOLS.map((t) => (
          <View key={t.id} className='tool' onClick={t.go} data-testid={t.id} {...({ role: 'button' } as object)}>
            <Text className='tool-icon' aria-hidden='true'>{t.icon}</Text>
            <Text className='tool-label'>{t.label}</Text>
          </View>
        ))}
      </View>
      <View className='tabs' data-testid='inbox-tabs' {...({ role: 'tablist' } as object)}>
        {BOXES.map((b) => (
          <Text key={b} className={`tab${b === box ? ' tab-on' : ''}`} onClick={() => setBox(b)} data-testid={`box-${b}`} {...({ role: 'tab', tabIndex: 0, 'aria-selected': b === box } as object)}>
            {S.worker.box[b]}
          </Text>
        ))}
      </View>
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
        {list.items.map((e) => (
          <EventCard key={e.id} event={e} categoryName={names[e.category]} onClick={() => nav.to(`/packages/worker/pages/task/index?id=${e.id}`)} />
        ))}
        {list.hasMore && (
          <Text className='link center' onClick={list.loadMore}>{S.loadMore}</Text>
        )}
      </StateView>
    </Page>
  )
}
