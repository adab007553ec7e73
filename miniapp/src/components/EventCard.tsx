import { View, Text } from '@tarojs/components'
import type { EventSummaryDto } from '../services/contracts'
import { formatTime, shorten, stateLabel, stateTone } from '../services/eventView'
import { Tag } from './ui'

/** One event in a list: state tag, what (its start only), where, when; overdue said in words. */
export function EventCard(props: { event: EventSummaryDto; categoryName?: string; note?: string; onClick: () => void }) {
  const e = props.event
  return (
    <View className='card' onClick={props.onClick} data-testid='event-card' data-id={e.id} {...({ role: 'link' } as object)}>
      <View className='row between'>
        <Text className='field-label'>{props.categoryName ?? e.category}</Text>
        <Tag tone={stateTone(e.state)} testid='state-chip'>{stateLabel(e.state)}</Tag>
      </View>
      <Text className='block clamp-2' data-testid='event-card-text'>{shorten(e.description)}</Text>
      <Text className='muted block'>{`${e.microGrid.name} · ${formatTime(e.createdAt)}`}</Text>
      {e.overdue && <Text className='error block'>已超期</Text>}
      {props.note && <Text className='muted block'>{props.note}</Text>}
    </View>
  )
}
