import { View, Text } from '@tarojs/components'
import type { EventDetailDto } from '../services/contracts'
import { guideFor } from '../services/guide'

/** Says what the event waits for and what this viewer can do about it (never a page of dead buttons). */
export function NextStep(props: { event: EventDetailDto }) {
  const g = guideFor(props.event)
  return (
    <View className='card guide' data-testid='next-step'>
      <Text className='guide-title'>{g.now}</Text>
      {g.next && <Text className='block' data-testid='next-step-next'>{g.next}</Text>}
      <Text className='block' data-testid='next-step-you'>{g.you}</Text>
    </View>
  )
}
