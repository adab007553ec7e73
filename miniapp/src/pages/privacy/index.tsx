import { View, Text } from '@tarojs/components'
import { Page } from '../../components/Page'
import { S } from '../../strings'

/**
 * 用户隐私保护指引, shipped with the app: H5 has no WeChat guide to open, and on WeChat it is the
 * fallback when wx.openPrivacyContract is unavailable.
 */
export default function PrivacyGuide() {
  return (
    <Page>
      <View className='card' data-testid='privacy-guide'>
        <Text className='card-title'>{S.privacy.guideTitle}</Text>
        {S.privacy.guide.map(([title, body]) => (
          <View key={title}>
            <Text className='field-label block'>{title}</Text>
            <Text className='block'>{body}</Text>
          </View>
        ))}
      </View>
    </Page>
  )
}
