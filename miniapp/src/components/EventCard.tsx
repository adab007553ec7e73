import { View, Text } from '@tarojs/components'
import type { EventSummaryDto } from '../services/contracts'
import { formatTime, stateClass, stateLabel } from '../services/eventView'

/** One event in a list: state chip, what, where, when; overdue in red. */
export function EventCard(props: { event: EventSummaryDto; categoryName?: string; note?: string; onClick: () => void }) {
  const e = props.event
  return (
    <View className='card' onClick={props.onClick} data-testid='event-card' data-id={e.id}>
      <View className='row between'>
        <Text className='field-label'>{props.categoryName ?? e.category}</Text>
        <Text className={stateClass(e.state)} data-testid='state-chip'>{stateLabel(e.state)}</Text>
      </View>
      <Text className='block'>{e.description}</Text>
      <Text className='muted block'>{`${e.microGrid.name} · ${formatTime(e.createdAt)}`}</Text>
      {e.overdue && <Text className='error block'>已超期</Text>}
      {props.note && <Text className='muted block'>{props.note}</Text>}
    </View>
  )
}
