import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../../../../services/api'
import type { NoticeDto } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { useParams } from '../../../../hooks/useParams'
import { formatTime } from '../../../../services/eventView'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { S } from '../../../../strings'

/** Opening a notice records the read; 确认收到 records the acknowledgement. */
export default function Notice() {
  const id = Number(useParams().id)
  // reading it is what marks it read (the response is the notice with my readAt)
  const loaded = useApi(() => api.readNotice(id), [id])
  const [notice, setNotice] = useState<NoticeDto>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  useEffect(() => setNotice(loaded.data), [loaded.data])
  useShareAppMessage(() => ({ title: notice?.title ?? S.worker.notices, path: `/packages/worker/pages/notice/index?id=${id}` }))
  const ack = async () => {
    setBusy(true)
    setError(undefined)
    try {
      setNotice(await api.ackNotice(id))
    } catch (e) {
      setError(e instanceof ApiError ? e.userMessage : undefined)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page>
      <StateView loading={loaded.loading} error={loaded.error} onRetry={loaded.reload}>
        {notice && (
          <View className='card' data-testid='notice'>
            <Text className='card-title'>{notice.title}</Text>
            <Text className='muted block' data-testid='notice-from'>{`${S.notice.from}：${notice.senderName ? `${notice.senderName}（${notice.node.name}）` : notice.node.name} · ${formatTime(notice.createdAt)}`}</Text>
            <Text className='block notice-body'>{notice.body}</Text>
            {notice.ackDeadline && <Text className='warn block'>{`${S.notice.ackBy}${formatTime(notice.ackDeadline)}`}</Text>}
            {notice.ackRequired &&
              (notice.ackedAt ? (
                <Text className='state-chip state-done' data-testid='notice-acked'>{`${S.notice.acked} ${formatTime(notice.ackedAt)}`}</Text>
              ) : (
                <Button type='primary' size='large' onClick={() => void ack()} loading={busy} data-testid='notice-ack'>{S.notice.ack}</Button>
              ))}
            {error && <Text className='error block'>{error}</Text>}
          </View>
        )}
      </StateView>
    </Page>
  )
}
