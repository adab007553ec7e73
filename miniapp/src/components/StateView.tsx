import { View, Text } from '@tarojs/components'
import { Button } from './ui'
import type { ReactNode } from 'react'
import type { ApiError } from '../services/api'
import { S } from '../strings'

/** Loading, error (with the error code's message) and empty states, the same on every page. */
export function StateView(props: { loading: boolean; error?: ApiError; empty?: boolean; onRetry?: () => void; children?: ReactNode }) {
  if (props.loading) return <View className='card muted'>{S.loading}</View>
  if (props.error) {
    return (
      <View className='card'>
        <Text className='error' data-testid='error'>{props.error.userMessage}</Text>
        {props.onRetry && <Button size='small' onClick={props.onRetry}>{S.retry}</Button>}
      </View>
    )
  }
  if (props.empty) return <View className='card muted'>{S.empty}</View>
  return <>{props.children}</>
}
