import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EventDetailDto } from '../services/contracts'
import { actionLabel, formatTime, stateClass, stateLabel } from '../services/eventView'
import { assetUrl } from '../services/api'
import { AuthImage } from './AuthImage'
import { S } from '../strings'

/** The event and its timeline (the audit trail), shared by the resident and worker pages. */
export function EventDetail(props: { event: EventDetailDto; categoryName?: string }) {
  const e = props.event
  const preview = (urls: string[], current: string) => void Taro.previewImage({ urls: urls.map(assetUrl), current: assetUrl(current) })
  return (
    <>
      <View className='card' data-testid='event'>
        <View className='row between'>
          <Text className='card-title'>{props.categoryName ?? e.category}</Text>
          <Text className={stateClass(e.state)} data-testid='event-state'>{stateLabel(e.state)}</Text>
        </View>
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
        <Text className='muted block'>{`${S.event.grid}：${e.microGrid.name}`}</Text>
        {e.address && <Text className='muted block'>{e.address}</Text>}
        <Text className='muted block'>{`${S.event.reportedAt}：${formatTime(e.createdAt)}`}</Text>
        {e.deadlineAt && (
          <Text className={`block ${e.overdue ? 'error' : 'muted'}`}>{`${S.event.deadline}：${formatTime(e.deadlineAt)}${e.overdue ? `（${S.event.overdue}）` : ''}`}</Text>
        )}
        {e.supporters > 0 && <Text className='muted block'>{S.event.supporters(e.supporters)}</Text>}
        {e.rating !== null && <Text className='block' data-testid='event-rating'>{`${S.event.rating}：${'★'.repeat(e.rating)}${'☆'.repeat(5 - e.rating)}`}</Text>}
      </View>
      <View className='card' data-testid='timeline'>
        <Text className='card-title'>{S.event.timeline}</Text>
        {[...e.timeline].reverse().map((t, i) => (
          <View key={i} className='timeline-item' data-testid='timeline-item'>
            <Text className='block'>
              <Text className='field-label'>{actionLabel(t.action)}</Text>
              {` → ${stateLabel(t.toState)}`}
            </Text>
            <Text className='muted block'>{`${formatTime(t.at)} · ${t.actor.system ? S.event.system : t.actor.name ?? (e.reporter && t.actor.id === e.reporter.id ? S.event.reporter : S.event.someone)}`}</Text>
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
          </View>
        ))}
      </View>
    </>
  )
}
