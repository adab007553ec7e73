import { View, Text } from '@tarojs/components'
import { Button } from '../ui'
import type { LocationFlow } from '../../hooks/useLocationFlow'
import { GRID_LEVEL_LABEL } from '@weigrid/shared'
import { S } from '../../strings'

/** What to do when the point cannot be had: only ways that exist on this platform are named. */
function failureText(f: LocationFlow): string | undefined {
  const map = f.canPickOnMap
  switch (f.status) {
    case 'denied':
      return map ? S.location.denied : S.location.deniedNoMap
    case 'off':
      return map ? S.location.off : S.location.offNoMap
    case 'privacy':
      return S.privacy.declined
    case 'failed':
    case 'unsupported':
      return map ? S.location.failed : S.location.failedNoMap
    default:
      return undefined
  }
}

/** The point (by its name, never as raw coordinates), how to get it, and the micro-grid it goes to. */
export function LocationField(props: { flow: LocationFlow; error?: string; hideGrid?: boolean }) {
  const f = props.flow
  const failure = failureText(f)
  return (
    <View data-testid='location'>
      <Text className='field-label'>{S.location.label}</Text>
      {f.point && <Text className='block' data-testid='location-point'>{f.point.name ?? f.point.address ?? (f.grid ? S.location.near(f.grid.node.name) : S.location.located)}</Text>}
      {f.status === 'locating' && <Text className='muted block'>{S.location.locating}</Text>}
      {failure && <Text className='error block' data-testid='location-error'>{failure}</Text>}
      <View className='row wrap'>
        <Button size='small' type={f.point ? 'default' : 'primary'} onClick={() => void f.locate()} disabled={f.status === 'locating'}>
          {f.point ? S.location.relocate : S.location.locate}
        </Button>
        {f.canPickOnMap && <Button size='small' onClick={() => void f.pick()}>{S.location.pickOnMap}</Button>}
        {f.status === 'denied' && f.canPickOnMap && <Button size='small' onClick={() => void f.openSetting()}>{S.location.openSetting}</Button>}
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
      {props.error && <Text className='error block' data-testid='err-location'>{props.error}</Text>}
    </View>
  )
}
