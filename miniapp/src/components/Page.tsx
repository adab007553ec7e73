import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { elderMode } from '../services/prefs'
import { useStore } from '../hooks/useStore'
import { dismissSent, sentFromQueue } from '../services/reportQueue'
import { nav } from '../services/nav'
import { PrivacyDialog } from './PrivacyDialog'
import { Button } from './ui'
import { S } from '../strings'

/** Reports saved offline and sent later: said on whatever page is open, so nobody wonders. */
function SentNotice() {
  const sent = useStore(sentFromQueue)
  if (!sent.length) return null
  const open = () => {
    dismissSent()
    if (sent.length === 1) nav.to(`/pages/event/index?id=${sent[0]!.id}`)
    else nav.to('/pages/my-reports/index')
  }
  return (
    <View className='card guide row between' data-testid='sent-from-queue' {...({ role: 'status' } as object)}>
      <Text className='grow'>{S.report.sentFromQueue(sent.length)}</Text>
      <Button size='small' type='primary' onClick={open}>{S.report.viewSent}</Button>
      <Button size='small' onClick={dismissSent}>{S.close}</Button>
    </View>
  )
}

/** Every page's root: applies large-text mode and hosts the privacy dialog. */
export function Page(props: { children?: ReactNode; className?: string }) {
  const elder = useStore(elderMode)
  return (
    <View className={`page${elder ? ' elder' : ''}${props.className ? ` ${props.className}` : ''}`} data-testid='page' {...({ lang: 'zh-CN' } as object)}>
      <SentNotice />
      {props.children}
      <PrivacyDialog />
    </View>
  )
}
