import { View, Text } from '@tarojs/components'
import { Button } from './ui'
import { privacyPrompt, answerPrivacy } from '../services/privacy'
import { agreeButtonProps, openPrivacyContract } from '../platform/privacy'
import { useStore } from '../hooks/useStore'
import { S } from '../strings'

/** The privacy agreement WeChat requires before location or photos are used. */
export function PrivacyDialog() {
  const open = useStore(privacyPrompt)
  if (!open) return null
  return (
    <View className='mask' data-testid='privacy-dialog'>
      <View className='dialog'>
        <Text className='card-title'>{S.privacy.title}</Text>
        <Text className='dialog-body'>{S.privacy.body}</Text>
        <Text className='link' onClick={openPrivacyContract}>{S.privacy.contract}</Text>
        <View className='row'>
          <Button onClick={() => answerPrivacy(false)}>{S.privacy.decline}</Button>
          <Button type='primary' {...agreeButtonProps(() => answerPrivacy(true))}>{S.privacy.agree}</Button>
        </View>
      </View>
    </View>
  )
}
