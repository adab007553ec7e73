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
      <View className='tabs' data-testid='inbox-tabs'>
        {BOXES.map((b) => (
          <Text key={b} className={`tab${b === box ? ' tab-on' : ''}`} onClick={() => setBox(b)} data-testid={`box-${b}`}>
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
      <View className='card'>
        <View className='list-item' onClick={() => nav.to('/packages/worker/pages/patrol/index')} data-testid='go-patrol'>
          <Text>{S.worker.patrol}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/worker/pages/notices/index')} data-testid='go-notices'>
          <Text>{S.worker.notices}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/worker/pages/people/index')} data-testid='go-people'>
          <Text>{S.worker.people}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/worker/pages/claims/index')} data-testid='go-claims'>
          <Text>{RS.claims.title}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/worker/pages/household-edit/index')} data-testid='go-new-household'>
          <Text>{S.worker.newHousehold}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/worker/pages/care/index')} data-testid='go-care'>
          <Text>{S.worker.care}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/worker/pages/volunteers/index')} data-testid='go-volunteers'>
          <Text>{S.worker.volunteers}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/worker/pages/bind-group/index')}>
          <Text>{S.worker.bindGroup}</Text>
        </View>
        <View className='list-item' onClick={() => askSubscribe(['task_new', 'event_overdue'])}>
          <Text>{S.worker.subscribeTasks}</Text>
        </View>
      </View>
    </Page>
  )
}
