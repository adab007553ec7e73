import { View, Text } from '@tarojs/components'
import type { EventPublicDto } from '../services/contracts'
import { formatTime, stateClass, stateLabel } from '../services/eventView'
import { nav } from '../services/nav'
import { S } from '../strings'

/**
 * What a neighbour who said "me too" sees: the category, the state, the micro-grid, their own
 * support and the progress as state labels. The server sends nothing more (no reporter, handler,
 * note, photo or address), so there is nothing else to show.
 */
export function PublicEventDetail(props: { event: EventPublicDto; categoryName?: string }) {
  const e = props.event
  return (
    <>
      <View className='card' data-testid='event-public'>
        <View className='row between'>
          <Text className='card-title'>{props.categoryName ?? e.category}</Text>
          <Text className={stateClass(e.state)} data-testid='event-state'>{stateLabel(e.state)}</Text>
        </View>
        <Text className='muted block'>{`${S.event.grid}：${e.microGrid.name}`}</Text>
        <Text className='muted block'>{`${S.event.reportedAt}：${formatTime(e.createdAt)}`}</Text>
        <Text className='muted block'>{`${S.event.supportedAt}：${formatTime(e.supportedAt)}`}</Text>
        {e.supporters > 0 && <Text className='muted block'>{S.event.supporters(e.supporters)}</Text>}
        {e.mergedInto !== null && (
          <Text className='block link' onClick={() => nav.to(`/pages/event/index?id=${e.mergedInto}`)} data-testid='event-merged'>{S.event.mergedInto(e.mergedInto)}</Text>
        )}
        <Text className='muted block'>{S.event.publicHint}</Text>
      </View>
      <View className='card' data-testid='timeline'>
        <Text className='card-title'>{S.event.timeline}</Text>
        {[...e.progress].reverse().map((p, i) => (
          <View key={i} className='timeline-item' data-testid='timeline-item'>
            <Text className='block field-label'>{stateLabel(p.state)}</Text>
            <Text className='muted block'>{formatTime(p.at)}</Text>
          </View>
        ))}
      </View>
    </>
  )
}
