import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { api } from '../../../../services/api'
import { usePagedList } from '../../../../hooks/usePagedList'
import { formatTime } from '../../../../services/eventView'
import { askSubscribe, prefetchTemplates } from '../../../../services/subscribe'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'

/** Instructions (指令直达) addressed to me: unread first in bold, ack where required. */
export default function Notices() {
  const list = usePagedList((cursor) => api.noticeInbox(cursor))
  const shown = useRef(false)
  useEffect(() => void prefetchTemplates(), [])
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
      <Button size='small' onClick={() => askSubscribe(['notice'])}>{S.notice.subscribe}</Button>
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
        {list.items.map((n) => (
          <View key={n.id} className='card' onClick={() => nav.to(`/packages/worker/pages/notice/index?id=${n.id}`)} data-testid='notice-card' data-id={n.id}>
            <View className='row between'>
              <Text className={n.readAt ? 'field-label' : 'field-label unread'}>{n.title}</Text>
              {n.ackRequired && <Text className={n.ackedAt ? 'state-chip state-done' : 'state-chip state-open'}>{n.ackedAt ? S.notice.acked : S.notice.needAck}</Text>}
            </View>
            <Text className='muted block'>{`${n.senderName ?? n.node.name} · ${formatTime(n.createdAt)}${n.readAt ? '' : ` · ${S.notice.unread}`}`}</Text>
          </View>
        ))}
        {list.hasMore && <Text className='link center' onClick={list.loadMore}>{S.loadMore}</Text>}
      </StateView>
    </Page>
  )
}
