import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api } from '../../../../services/api'
import type { NoticeStatsDto } from '../../../../services/contracts'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useParams } from '../../../../hooks/useParams'
import { formatTime } from '../../../../services/eventView'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { S } from '../../../../strings'

function pct(n: number, d: number): string {
  return d ? `${Math.round((n / d) * 100)}%` : '—'
}

/** Notices sent in my scope; tap one for read and ack rates per child node. */
export default function SentNotices() {
  const params = useParams()
  const list = usePagedList((cursor) => api.noticesSent(cursor))
  const [open, setOpen] = useState<number | undefined>(params.id ? Number(params.id) : undefined)
  const [stats, setStats] = useState<Record<number, NoticeStatsDto>>({})
  const [error, setError] = useState<string>()
  usePullDownRefresh(() => {
    list.reload()
    setStats({})
    Taro.stopPullDownRefresh()
  })
  const load = async (id: number) => {
    setOpen(id)
    setError(undefined)
    try {
      const s = await api.noticeStats(id)
      setStats((x) => ({ ...x, [id]: s }))
    } catch (e) {
      setError((e as { userMessage?: string }).userMessage)
    }
  }
  // opened right after sending: show that notice's rates
  useEffect(() => {
    if (params.id) void load(Number(params.id))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return (
    <Page>
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
        {list.items.map((n) => {
          const s = stats[n.id]
          return (
            <View key={n.id} className='card' onClick={() => void load(n.id)} data-testid='sent-notice' data-id={n.id}>
              <Text className='field-label'>{n.title}</Text>
              <Text className='muted block'>{`${n.node.name} · ${formatTime(n.createdAt)} · ${n.recipients} 人`}</Text>
              {open === n.id && s && (
                <View data-testid='notice-stats'>
                  <Text className='block'>{`${S.notice.readRate(s.read, s.recipients)}（${pct(s.read, s.recipients)}）${n.ackRequired ? ` · ${S.notice.ackRate(s.acked, s.recipients)}` : ''}`}</Text>
                  {s.byChild.map((c) => (
                    <View key={c.code} className='row between list-item'>
                      <Text>{c.name}</Text>
                      <View className='bar'>
                        <View className='bar-fill' style={{ width: pct(c.read, c.recipients) === '—' ? '0%' : pct(c.read, c.recipients) }} />
                      </View>
                      <Text className='muted'>{`${c.read}/${c.recipients}`}</Text>
                    </View>
                  ))}
                </View>
              )}
              {open === n.id && error && <Text className='error block'>{error}</Text>}
            </View>
          )
        })}
      </StateView>
    </Page>
  )
}
