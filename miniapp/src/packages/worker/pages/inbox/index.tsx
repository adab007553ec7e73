import { View, Text } from '@tarojs/components'
import { S } from '../../../../strings'

export default function Inbox() {
  return (
    <View className='page'>
      <View className='card'><Text>{S.worker.inbox}</Text></View>
    </View>
  )
}
