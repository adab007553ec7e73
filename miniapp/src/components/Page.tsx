import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { elderMode } from '../services/prefs'
import { useStore } from '../hooks/useStore'
import { PrivacyDialog } from './PrivacyDialog'

/** Every page's root: applies large-text mode and hosts the privacy dialog. */
export function Page(props: { children?: ReactNode; className?: string }) {
  const elder = useStore(elderMode)
  return (
    <View className={`page${elder ? ' elder' : ''}${props.className ? ` ${props.className}` : ''}`} data-testid='page'>
      {props.children}
      <PrivacyDialog />
    </View>
  )
}
