import { View, Text } from '@tarojs/components'
import { S } from '../../strings'

export default function Report() {
  return (
    <View className='page'>
      <View className='card'><Text>{S.report.soon}</Text></View>
    </View>
  )
}
