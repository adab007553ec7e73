import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

/**
 * A labelled input with its hint and its error. The error is said in words (never colour alone)
 * and belongs to the value it was about: callers drop it as soon as that value changes.
 */
export function Field(props: { label: string; hint?: string; error?: string; required?: boolean; testid?: string; className?: string; children?: ReactNode }) {
  return (
    <View className={`ui-field${props.error ? ' ui-field--error' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <Text className='ui-field__label'>
        {props.label}
        {props.required ? <Text className='ui-field__req'>（必填）</Text> : null}
      </Text>
      {props.hint ? <Text className='ui-field__hint'>{props.hint}</Text> : null}
      {props.children}
      {props.error ? (
        <Text className='ui-field__error' {...({ role: 'alert' } as object)} data-testid={props.testid ? `err-${props.testid}` : undefined}>
          {`⚠ ${props.error}`}
        </Text>
      ) : null}
    </View>
  )
}
