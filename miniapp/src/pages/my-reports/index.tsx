import { View, Text } from '@tarojs/components'
import { Button } from '../../components/ui'
import Taro, { usePullDownRefresh, useReachBottom, useDidShow } from '@tarojs/taro'
import { useRef } from 'react'
import { api } from '../../services/api'
import { usePagedList } from '../../hooks/usePagedList'
import { useApi } from '../../hooks/useApi'
import { useReportQueue } from '../../hooks/useReportQueue'
import { Page } from '../../components/Page'
import { StateView } from '../../components/StateView'
import { EventCard } from '../../components/EventCard'
import { nav } from '../../services/nav'
import { S } from '../../strings'

export default function MyReports() {
  const list = usePagedList((cursor) => api.events({ scope: 'my', cursor, limit: 20 }))
  const categories = useApi(api.categories)
  const queue = useReportQueue()
  const names = Object.fromEntries((categories.data ?? []).map((c) => [c.code, c.name]))
  const shown = useRef(false)
  useDidShow(() => {
    // back from an event page: its state may have changed
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
      {queue.items.map((q) => (
        <View key={q.requestId} className='card notice' data-testid='pending-report'>
          <Text className='field-label'>{S.report.pending}</Text>
          <Text className='block'>{q.body.description}</Text>
          {q.lastError && <Text className='error block'>{S.report.pendingFailed + q.lastError}</Text>}
          <View className='row'>
            <Button size='small' onClick={() => void queue.flush()} loading={queue.flushing}>{S.report.pendingRetry}</Button>
            <Button size='small' onClick={() => queue.discard(q.requestId)}>{S.report.pendingDiscard}</Button>
          </View>
        </View>
      ))}
      <StateView loading={list.loading && list.items.length === 0} error={list.items.length === 0 ? list.error : undefined} onRetry={list.reload} empty={!list.loading && list.items.length === 0}>
        {list.items.map((e) => (
          <EventCard key={e.id} event={e} categoryName={names[e.category]} onClick={() => nav.to(`/pages/event/index?id=${e.id}`)} />
        ))}
        {list.error && <Text className='error block'>{list.error.userMessage}</Text>}
        {list.hasMore ? (
          <Button onClick={list.loadMore} loading={list.loading}>{S.loadMore}</Button>
        ) : (
          <Text className='muted block center'>{S.noMore}</Text>
        )}
      </StateView>
    </Page>
  )
}
