import { View, Text } from '@tarojs/components'
import { S } from '../../strings'

export default function Mine() {
  return (
    <View className='page'>
      <View className='card'><Text>{S.mine.login}</Text></View>
    </View>
  )
}
