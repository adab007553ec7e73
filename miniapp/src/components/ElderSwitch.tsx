import { View, Text } from '@tarojs/components'
import { Switch } from './ui'
import { elderMode, setElderMode } from '../services/prefs'
import { useStore } from '../hooks/useStore'
import { S } from '../strings'

/** 适老化 toggle: large text everywhere, remembered on this phone. */
export function ElderSwitch() {
  const on = useStore(elderMode)
  return (
    <View className='row between' data-testid='elder-switch'>
      <View>
        <Text className='field-label'>{S.elder.label}</Text>
        <Text className='muted block'>{S.elder.hint}</Text>
      </View>
      <Switch checked={on} onChange={(e) => setElderMode(!!e.detail.value)} label={S.elder.label} data-testid='elder-toggle' />
    </View>
  )
}
