import { View, Text } from '@tarojs/components'
import { Switch } from './ui'

/** A yes/no choice with its label and a line saying what it does; the switch carries `testid`. */
export function SwitchRow(props: { label: string; hint: string; checked: boolean; onChange: (on: boolean) => void; testid: string; className?: string }) {
  return (
    <View className={props.className ?? 'row between'}>
      <View className='grow'>
        <Text className='field-label'>{props.label}</Text>
        <Text className='muted block'>{props.hint}</Text>
      </View>
      <Switch label={props.label} checked={props.checked} onChange={(ev) => props.onChange(!!ev.detail.value)} data-testid={props.testid} />
    </View>
  )
}
