import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { api } from '../../../../services/api'
import { useApi } from '../../../../hooks/useApi'
import { usePagedList } from '../../../../hooks/usePagedList'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'
import { day, householdUrl, visitUrl } from '../../register'

const C = S.care

/** Overdue care visits in my micro-grids: counts per micro-grid (tap one to filter), then the people. */
export default function Care() {
  const [node, setNode] = useState<string>()
  const byGrid = useApi(() => api.careOverdueByGrid(), [])
  const list = usePagedList((cursor) => api.careSchedules({ overdue: true, node }, cursor), [node])
  const shown = useRef(false)
  useDidShow(() => {
    // back from recording a visit: that person has left the overdue list
    if (shown.current) {
      byGrid.reload()
      list.reload()
    }
    shown.current = true
  })
  usePullDownRefresh(() => {
    byGrid.reload()
    list.reload()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(list.loadMore)
  const grids = (byGrid.data ?? []).filter((g) => g.overdue > 0)
  return (
    <Page>
      <View className='card' data-testid='care-by-grid'>
        <Text className='card-title'>{C.byGrid}</Text>
        <StateView loading={byGrid.loading && !byGrid.data} error={byGrid.data ? undefined : byGrid.error} onRetry={byGrid.reload} empty={!byGrid.loading && grids.length === 0}>
          <View className='chips'>
            <Text className={`chip${!node ? ' chip-on' : ''}`} onClick={() => setNode(undefined)}>{C.allGrids}</Text>
            {grids.map((g) => (
              <Text key={g.gridCode} className={`chip${node === g.gridCode ? ' chip-on' : ''}`} onClick={() => setNode(g.gridCode)} data-testid='care-grid'>
                {`${g.gridName} ${g.overdue}`}
              </Text>
            ))}
          </View>
        </StateView>
      </View>
      <Text className='field-label'>{C.overdueList}</Text>
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload}>
        {!list.loading && !list.items.length ? (
          <View className='card muted' data-testid='care-empty'>{C.noOverdue}</View>
        ) : (
          list.items.map((s) => (
            <View key={s.id} className='card' data-testid='care-item'>
              <View className='row between'>
                <Text className='field-label'>{s.personName}</Text>
                <Text className='state-chip state-bad'>{C.overdueDays(s.overdueDays)}</Text>
              </View>
              <Text className='muted block'>{`${s.tag} · ${C.every(s.intervalDays)}`}</Text>
              <Text className='muted block'>{`${C.lastVisit}：${s.lastVisitAt ? day(s.lastVisitAt) : C.never}`}</Text>
              <View className='row'>
                <Button size='small' type='primary' onClick={() => nav.to(visitUrl({ personId: s.personId, name: s.personName, householdId: s.householdId, scheduleId: s.id }))} data-testid='care-visit'>{S.register.visit}</Button>
                <Button size='small' onClick={() => nav.to(householdUrl(s.householdId))}>{C.file}</Button>
              </View>
            </View>
          ))
        )}
        {list.hasMore && <Text className='link center' onClick={list.loadMore}>{S.loadMore}</Text>}
      </StateView>
    </Page>
  )
}
