import { View, Text, Button } from '@tarojs/components'
import type { LocationFlow } from '../../hooks/useLocationFlow'
import { GRID_LEVEL_LABEL } from '@weigrid/shared'
import { S } from '../../strings'

/** The point, what to do when it cannot be had, and the micro-grid it will go to. */
export function LocationField(props: { flow: LocationFlow; error?: string; hideGrid?: boolean }) {
  const f = props.flow
  const failure =
    f.status === 'denied' ? S.location.denied : f.status === 'off' ? S.location.off : f.status === 'privacy' ? S.privacy.declined : f.status === 'failed' || f.status === 'unsupported' ? S.location.failed : undefined
  return (
    <View data-testid='location'>
      <Text className='field-label'>{S.location.label}</Text>
      {f.point && <Text className='block'>{f.point.name ?? f.point.address ?? S.location.point(f.point.lat, f.point.lng)}</Text>}
      {f.status === 'locating' && <Text className='muted block'>{S.location.locating}</Text>}
      {failure && (
        <Text className='error block' data-testid='location-error'>
          {failure}
          {f.status === 'denied' && !f.canPickOnMap ? S.location.browserHint : ''}
        </Text>
      )}
      <View className='row wrap'>
        <Button className='btn' size='mini' onClick={() => void f.locate()} disabled={f.status === 'locating'}>
          {f.point ? S.location.relocate : S.location.locate}
        </Button>
        {f.canPickOnMap && (
          <Button className='btn' size='mini' onClick={() => void f.pick()}>{S.location.pickOnMap}</Button>
        )}
        {f.status === 'denied' && f.canPickOnMap && (
          <Button className='btn' size='mini' onClick={() => void f.openSetting()}>{S.location.openSetting}</Button>
        )}
      </View>
      {f.gridLoading && <Text className='muted block'>{S.grid.locating}</Text>}
      {f.gridError && <Text className='error block' data-testid='grid-error'>{f.gridError.userMessage}</Text>}
      {f.grid && !props.hideGrid && (
        <View className='goes-to' data-testid='goes-to'>
          <Text className='muted'>{S.grid.goesTo}</Text>
          <Text className='goes-to-name'>{f.grid.node.name}</Text>
          <Text className='muted block'>
            {f.grid.path.map((p) => p.name).join(' / ')}
            {f.grid.node.level !== 'micro' ? `（${GRID_LEVEL_LABEL[f.grid.node.level]}）` : ''}
          </Text>
          {f.grid.fallback === 'nearest' && <Text className='warn block'>{S.grid.nearest(f.grid.distanceM)}</Text>}
          {f.grid.fallback === 'enclosing' && <Text className='warn block'>{S.grid.enclosing}</Text>}
        </View>
      )}
      {props.error && <Text className='error block'>{props.error}</Text>}
    </View>
  )
}
