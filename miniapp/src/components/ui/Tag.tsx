import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'

export type Tone = 'open' | 'done' | 'bad' | 'info' | 'plain'

/** A state in words on a tinted ground (the colour repeats the word, it never replaces it). */
export function Tag(props: { tone?: Tone; children?: ReactNode; testid?: string }) {
  return (
    <Text className={`ui-tag ui-tag--${props.tone ?? 'plain'}`} data-testid={props.testid}>
      {props.children}
    </Text>
  )
}
