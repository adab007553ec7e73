import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

/** Nothing here yet — said plainly, with what the viewer can do about it. */
export function Empty(props: { title: string; hint?: string; icon?: string; children?: ReactNode; testid?: string }) {
  return (
    <View className='ui-empty' data-testid={props.testid ?? 'empty'}>
      <Text className='ui-empty__icon' aria-hidden='true'>{props.icon ?? '○'}</Text>
      <Text className='ui-empty__title'>{props.title}</Text>
      {props.hint ? <Text className='ui-empty__hint'>{props.hint}</Text> : null}
      {props.children}
    </View>
  )
}
