import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api } from '../../../../services/api'
import type { NoticeStatsDto, NoticeRecipientDto } from '../../../../services/contracts'
import { ApiError } from '../../../../services/api'
import { Button } from '../../../../components/ui'
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
  const [pending, setPending] = useState<Record<number, NoticeRecipientDto[]>>({})
  const [reminded, setReminded] = useState<Record<number, string>>({})
  const [reminding, setReminding] = useState(false)
  const remind = async (id: number) => {
    setReminding(true)
    try {
      const r = await api.remindNotice(id)
      setReminded((x) => ({ ...x, [id]: S.notice.reminded(r.unread) }))
    } catch (e) {
      setReminded((x) => ({ ...x, [id]: e instanceof ApiError && e.code === 'RATE_LIMITED' ? S.notice.remindTooSoon : e instanceof ApiError ? e.userMessage : S.notice.remindFailed }))
    } finally {
      setReminding(false)
    }
  }
  usePullDownRefresh(() => {
    list.reload()
    setStats({})
    Taro.stopPullDownRefresh()
  })
  const load = async (id: number) => {
    setOpen(id)
    setError(undefined)
    try {
      const [s, p] = await Promise.all([api.noticeStats(id), api.noticePending(id)])
      setStats((x) => ({ ...x, [id]: s }))
      setPending((x) => ({ ...x, [id]: p.items }))
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
                  {pending[n.id] && (
                    <View data-testid='notice-pending' onClick={(e) => e.stopPropagation()}>
                      <Text className='field-label'>{S.notice.pendingTitle(s.recipients - s.read)}</Text>
                      {pending[n.id]!.length === 0 ? (
                        <Text className='muted block'>{S.notice.allRead}</Text>
                      ) : (
                        pending[n.id]!.map((r) => (
                          <Text key={r.userId} className='block list-item' data-testid='pending-person'>{`${r.name ?? S.notice.unnamed(r.userId)} · ${r.nodeName}`}</Text>
                        ))
                      )}
                      {s.recipients - s.read > 0 && (
                        <Button size='small' type='primary' loading={reminding} onClick={() => void remind(n.id)} data-testid='notice-remind'>{S.notice.remind}</Button>
                      )}
                      {reminded[n.id] && <Text className='block' data-testid='notice-reminded' {...({ role: 'status' } as object)}>{reminded[n.id]}</Text>}
                    </View>
                  )}
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
