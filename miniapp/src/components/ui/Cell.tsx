import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A row of a list: icon, title, a line below, a value or tag at the end, › when it opens something. */
export function Cell(props: {
  title: ReactNode
  label?: ReactNode
  value?: ReactNode
  icon?: string
  onClick?: () => void
  testid?: string
  className?: string
}) {
  const link = !!props.onClick
  return (
    <View
      className={`ui-cell${link ? ' ui-cell--link' : ''}${props.className ? ` ${props.className}` : ''}`}
      onClick={props.onClick}
      data-testid={props.testid}
      {...(link ? { role: 'button', tabIndex: 0 } : {})}
    >
      {props.icon ? <Text className='ui-cell__icon' aria-hidden='true'>{props.icon}</Text> : null}
      <View className='ui-cell__body'>
        <Text className='ui-cell__title'>{props.title}</Text>
        {props.label ? <Text className='ui-cell__label'>{props.label}</Text> : null}
      </View>
      {props.value !== undefined ? <View className='ui-cell__value'>{props.value}</View> : null}
      {link ? <Text className='ui-cell__arrow' aria-hidden='true'>›</Text> : null}
    </View>
  )
}
