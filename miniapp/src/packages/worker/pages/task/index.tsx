import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../../../../services/api'
import { callPhone } from '../../../../services/phone'
import { Button } from '../../../../components/ui'
import type { EventDetailDto } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { actionLabel } from '../../../../services/eventView'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { EventDetail } from '../../../../components/EventDetail'
import { NextStep } from '../../../../components/NextStep'
import { ActionPanel } from '../../../../components/ActionPanel'
import { useParams } from '../../../../hooks/useParams'
import { S } from '../../../../strings'

/** A task as the grid worker handles it: the same detail, the actions the workflow allows. */
export default function Task() {
  const id = Number(useParams().id)
  const detail = useApi(() => api.event(id), [id])
  const categories = useApi(api.categories)
  const [event, setEvent] = useState<EventDetailDto>()
  useEffect(() => setEvent(detail.data), [detail.data])
  const names = Object.fromEntries((categories.data ?? []).map((c) => [c.code, c.name]))
  const [calling, setCalling] = useState(false)
  // The number is asked for on the tap (the server gives it to the handler alone and notes the
  // call on the timeline), then the detail is reloaded so the call shows there.
  const callReporter = async () => {
    setCalling(true)
    try {
      const { phone } = await api.callReporter(id)
      await callPhone(phone)
      detail.reload()
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.userMessage : S.worker.callReporterFailed, icon: 'none' })
    } finally {
      setCalling(false)
    }
  }
  useShareAppMessage(() => ({
    title: event ? `${S.worker.taskShare}${names[event.category] ?? ''}：${event.description.slice(0, 16)}` : S.worker.inbox,
    path: `/pages/event/index?id=${id}`
  }))
  return (
    <Page>
      <StateView loading={detail.loading} error={detail.error} onRetry={detail.reload}>
        {event && (
          <>
            <NextStep event={event} />
            {event.reporterCall && (
              <Button onClick={() => void callReporter()} loading={calling} data-testid='call-reporter'>
                {S.worker.callReporter(event.reporterCall.phoneMasked)}
              </Button>
            )}
            <ActionPanel
              event={event}
              categories={categories.data}
              onDone={(e, action) => {
                // staff always get the full view back (after 转办 one without actions)
                if (e.view === 'full') setEvent(e)
                else detail.reload()
                void Taro.showToast({ title: S.action.done(actionLabel(action)), icon: 'none' })
              }}
              onStale={detail.reload}
            />
            <EventDetail event={event} categoryName={names[event.category]} />
          </>
        )}
      </StateView>
    </Page>
  )
}
