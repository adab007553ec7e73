import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { api } from '../../../../services/api'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useApi } from '../../../../hooks/useApi'
import { useParams } from '../../../../hooks/useParams'
import { nav } from '../../../../services/nav'
import { formatTime } from '../../../../services/eventView'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { EventCard } from '../../../../components/EventCard'
import { GridChooser, type ChosenGrid } from '../../../../components/report/GridChooser'
import { S } from '../../../../strings'

/** The dashboard passes the node's name encoded; some routers hand it back still encoded. */
function decodeName(v: string | undefined): string | undefined {
  if (!v) return undefined
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

/**
 * 超期事件: open events past their deadline in my scope (the inbox's overdue box), optionally
 * narrowed to one node; cursor pages; tap opens the event page with the actions I may take.
 */
export default function Overdue() {
  const params = useParams()
  const [node, setNode] = useState<ChosenGrid | undefined>(params.node ? { code: params.node, name: decodeName(params.name) ?? params.node, path: [] } : undefined)
  const [choosing, setChoosing] = useState(false)
  const list = usePagedList((cursor) => api.events({ scope: 'inbox', box: 'overdue', node: node?.code, cursor, limit: 20 }), [node?.code])
  const categories = useApi(api.categories)
  const names = Object.fromEntries((categories.data ?? []).map((c) => [c.code, c.name]))
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  return (
    <Page>
      <View className='card'>
        <Text className='muted block'>{S.admin.overdueHint}</Text>
        <View className='row between'>
          <Text data-testid='overdue-scope'>{`${S.admin.overdueIn}：${node ? node.path.map((p) => p.name).join(' / ') || node.name : S.admin.allScope}`}</Text>
          {node && <Text className='link' onClick={() => setNode(undefined)} data-testid='overdue-all'>{S.admin.allScope}</Text>}
        </View>
        <Button size='small' onClick={() => setChoosing(true)} data-testid='overdue-choose-node'>{S.grid.choose}</Button>
      </View>
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
        {list.items.map((e) => (
          <EventCard key={e.id} event={e} categoryName={names[e.category]} note={e.deadlineAt ? S.admin.deadlineWas(formatTime(e.deadlineAt)) : undefined} onClick={() => nav.to(`/pages/event/index?id=${e.id}`)} />
        ))}
        {list.error && list.items.length > 0 && <Text className='error block' data-testid='error'>{list.error.userMessage}</Text>}
        {list.hasMore ? (
          <Button onClick={list.loadMore} loading={list.loading} data-testid='overdue-more'>{S.loadMore}</Button>
        ) : (
          list.items.length > 0 && <Text className='muted center block'>{S.noMore}</Text>
        )}
      </StateView>
      {choosing && (
        <GridChooser
          canPick={() => true}
          onChoose={(g) => {
            setNode(g)
            setChoosing(false)
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
    </Page>
  )
}
