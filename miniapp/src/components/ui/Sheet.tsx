import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A panel from the bottom of the screen over a dimmed page (choices, confirmations, pickers). */
export function Sheet(props: { title: string; onClose?: () => void; children?: ReactNode; testid?: string; tall?: boolean }) {
  return (
    <View className='ui-sheet-mask' onClick={props.onClose} data-testid={props.testid}>
      <View
        className={`ui-sheet${props.tall ? ' ui-sheet--tall' : ''}`}
        role='dialog'
        aria-modal='true'
        aria-label={props.title}
        onClick={(e) => e.stopPropagation()}
      >
        <Text className='ui-sheet__title'>{props.title}</Text>
        {props.children}
      </View>
    </View>
  )
}
