import { View, Text } from '@tarojs/components'
import { S } from '../../../../strings'

export default function Dashboard() {
  return (
    <View className='page'>
      <View className='card'><Text>{S.admin.dashboard}</Text></View>
    </View>
  )
}
