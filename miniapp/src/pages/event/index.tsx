import { View, Text } from '@tarojs/components'
import { Button } from '../../components/ui'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api } from '../../services/api'
import type { EventViewDto } from '../../services/contracts'
import { useApi } from '../../hooks/useApi'
import { actionLabel } from '../../services/eventView'
import { Page } from '../../components/Page'
import { StateView } from '../../components/StateView'
import { EventDetail } from '../../components/EventDetail'
import { PublicEventDetail } from '../../components/PublicEventDetail'
import { NextStep } from '../../components/NextStep'
import { ActionPanel } from '../../components/ActionPanel'
import { useParams } from '../../hooks/useParams'
import { nav } from '../../services/nav'
import { S } from '../../strings'

/** A resident's view of one event: timeline, and close / rework / rate when it is theirs; a supporter's public view. */
export default function EventPage() {
  const id = Number(useParams().id)
  const detail = useApi(() => api.eventView(id), [id])
  const categories = useApi(api.categories)
  const [event, setEvent] = useState<EventViewDto>()
  useEffect(() => setEvent(detail.data), [detail.data])
  const names = Object.fromEntries((categories.data ?? []).map((c) => [c.code, c.name]))

  // Share cards carry only the id; the opener sees what their own access allows.
  useShareAppMessage(() => ({
    title: event ? (event.view === 'full' ? `${names[event.category] ?? S.event.title}：${event.description.slice(0, 20)}` : names[event.category] ?? S.event.title) : S.event.title,
    path: `/pages/event/index?id=${id}`
  }))

  // A card forwarded to someone outside the event's parties: the server answers 404 (it does not
  // say whether the event exists). Retrying cannot help, and a card opened from a chat has no page
  // to go back to, so offer the home page instead.
  const done = (e: EventViewDto, action: string) => {
    setEvent(e)
    void Taro.showToast({ title: S.action.done(actionLabel(action)), icon: 'none' })
  }

  const hidden = detail.error && (detail.error.status === 404 || detail.error.status === 403)
  if (hidden) {
    return (
      <Page>
        <View className='card center' data-testid='event-not-found'>
          <Text className='card-title'>{S.event.notFoundTitle}</Text>
          <Text className='muted block'>{detail.error!.userMessage}</Text>
          <Text className='muted block'>{S.event.notFoundHint}</Text>
          <Button onClick={() => nav.tab('/pages/index/index')} data-testid='event-go-home'>{S.event.goHome}</Button>
        </View>
      </Page>
    )
  }

  return (
    <Page>
      <StateView loading={detail.loading} error={detail.error} onRetry={detail.reload}>
        {event && event.view === 'public' && (
          <>
            <PublicEventDetail event={event} categoryName={names[event.category]} />
            {/* a supporter's only action: 重新打开 within the window after 结案 */}
            <ActionPanel event={event} onDone={done} onStale={detail.reload} />
          </>
        )}
        {event && event.view === 'full' && (
          <>
            <EventDetail event={event} categoryName={names[event.category]} />
            <NextStep event={event} />
            <ActionPanel event={event} categories={categories.data} onDone={done} onStale={detail.reload} />
          </>
        )}
      </StateView>
    </Page>
  )
}
