import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLE_LABEL } from '@weigrid/shared'
import type { EventDetailDto } from '../services/contracts'
import { actionLabel, formatTime, stateLabel, stateTone } from '../services/eventView'
import { assetUrl } from '../services/api'
import { session } from '../services/session'
import { openMap } from '../platform/location'
import { AuthImage } from './AuthImage'
import { Button, Steps, Tag } from './ui'
import { nav } from '../services/nav'
import { S } from '../strings'

/**
 * Who did a step, as the viewer may know them: the name the server gives (with the role they act
 * through, e.g. 王网格（专职网格员）), else that role, else their part in the event; 工作人员 only
 * when the server says nothing more.
 */
export function actorName(e: EventDetailDto, a: EventDetailDto['timeline'][number]['actor']): string {
  if (a.system) return S.event.system
  const role = a.role ? ROLE_LABEL[a.role] : null
  if (a.name) return role ? `${a.name}（${role}）` : a.name
  if (a.id !== null && a.id === session.get()?.user.id) return S.event.me
  if (role) return role
  if (e.reporter && a.id === e.reporter.id) return S.event.reporter
  if (a.id !== null && a.id === e.handlerId) return S.event.handler
  return S.event.someone
}

/** The event and its timeline (the audit trail), shared by the resident and worker pages. */
export function EventDetail(props: { event: EventDetailDto; categoryName?: string }) {
  const e = props.event
  const preview = (urls: string[], current: string) => void Taro.previewImage({ urls: urls.map(assetUrl), current: assetUrl(current) })
  const place = e.address ?? S.location.near(e.microGrid.name)
  const timeline = [...e.timeline].reverse()
  return (
    <>
      <View className='card' data-testid='event'>
        <View className='row between'>
          <Text className='card-title'>{props.categoryName ?? e.category}</Text>
          <View className='row'>
            {e.priority === 'urgent' && <Tag tone='bad' testid='event-urgent'>{S.event.urgent}</Tag>}
            <Tag tone={stateTone(e.state)} testid='event-state'>{stateLabel(e.state)}</Tag>
          </View>
        </View>
        {e.mergedInto !== null && (
          <Text className='block link' onClick={() => nav.to(`/pages/event/index?id=${e.mergedInto}`)} data-testid='event-merged'>{S.event.mergedInto(e.mergedInto)}</Text>
        )}
        {e.state === 'resolved' && (e.check.result !== null || e.check.required) && (
          <Text className={`block ${e.check.result === 'failed' ? 'error' : 'muted'}`} data-testid='event-check'>
            {e.check.result === 'passed' ? S.event.check.passed : e.check.result === 'failed' ? S.event.check.failed : S.event.check.pending}
          </Text>
        )}
        {e.onBehalf && <Text className='muted block' data-testid='event-caller'>{S.event.caller(e.onBehalf.name, e.onBehalf.phoneMasked)}</Text>}
        {e.followup && <Text className='muted block' data-testid='event-followup'>{S.event.followup(e.followup.fixed)}</Text>}
        <Text className='block' data-testid='event-description'>{e.description}</Text>
        {e.held && <Text className='warn block'>{S.event.held}</Text>}
        {e.photos.length > 0 && (
          <View className='photos'>
            {e.photos.map((p) => (
              <View key={p.id} className='photo'>
                <AuthImage src={p.thumbUrl} onClick={() => preview(e.photos.map((x) => x.url), p.url)} />
              </View>
            ))}
          </View>
        )}
        <View className='goes-to' data-testid='event-place'>
          <Text className='block'>{`${S.event.place}：${place}`}</Text>
          <Text className='muted block'>{`${S.event.grid}：${e.microGrid.name}`}</Text>
          {e.location && (
            <Button size='small' onClick={() => void openMap({ lat: e.location!.lat, lng: e.location!.lng, name: place, address: e.microGrid.name })} data-testid='event-navigate'>
              {S.location.navigate}
            </Button>
          )}
        </View>
        <Text className='muted block'>{`${S.event.reportedAt}：${formatTime(e.createdAt)}`}</Text>
        {e.deadlineAt && (
          <Text className={`block ${e.overdue ? 'error' : 'muted'}`}>{`${S.event.deadline}：${formatTime(e.deadlineAt)}${e.overdue ? `（${S.event.overdue}）` : ''}`}</Text>
        )}
        {e.supporters > 0 && <Text className='muted block'>{S.event.supporters(e.supporters)}</Text>}
        {e.rating !== null && <Text className='block' data-testid='event-rating'>{`${S.event.rating}：${'★'.repeat(e.rating)}${'☆'.repeat(5 - e.rating)}`}</Text>}
      </View>
      <View className='card' data-testid='timeline'>
        <Text className='card-title'>{S.event.timeline}</Text>
        <Steps
          itemTestid='timeline-item'
          steps={timeline.map((t, i) => ({
            key: i,
            current: i === 0,
            title: `${actionLabel(t.action)} → ${stateLabel(t.toState)}`,
            meta: `${formatTime(t.at)} · ${actorName(e, t.actor)}`,
            body: (
              <>
                {t.note && <Text className='block'>{t.note}</Text>}
                {t.photos.length > 0 && (
                  <View className='photos'>
                    {t.photos.map((p) => (
                      <View key={p.id} className='photo'>
                        <AuthImage src={p.thumbUrl} onClick={() => preview(t.photos.map((x) => x.url), p.url)} />
                      </View>
                    ))}
                  </View>
                )}
              </>
            )
          }))}
        />
      </View>
    </>
  )
}
