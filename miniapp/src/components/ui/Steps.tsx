import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface Step {
  key: string | number
  title: ReactNode
  meta?: ReactNode
  body?: ReactNode
  /** The newest step is drawn filled; earlier ones hollow. */
  current?: boolean
}

/** A vertical timeline, newest first, as residents know it from 12345 and 蓉e报. */
export function Steps(props: { steps: Step[]; testid?: string; itemTestid?: string }) {
  return (
    <View className='ui-steps' data-testid={props.testid}>
      {props.steps.map((s) => (
        <View key={s.key} className={`ui-step${s.current ? ' ui-step--current' : ''}`} data-testid={props.itemTestid}>
          <View className='ui-step__dot' aria-hidden='true' />
          <View className='ui-step__body'>
            <Text className='ui-step__title'>{s.title}</Text>
            {s.meta ? <Text className='ui-step__meta'>{s.meta}</Text> : null}
            {s.body}
          </View>
        </View>
      ))}
    </View>
  )
}
