import { View, Text } from '@tarojs/components'
import { Button } from './ui'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../services/api'
import type { CampaignDto, Page as PageOf } from '../services/contracts'
import { useApi } from '../hooks/useApi'
import { useStore } from '../hooks/useStore'
import { useLocationFlow } from '../hooks/useLocationFlow'
import { myGrid, setMyGrid } from '../services/myGrid'
import { session, login } from '../services/session'
import { nav } from '../services/nav'
import { StateView } from './StateView'
import { GridChooser } from './report/GridChooser'
import { S } from '../strings'

export const CAMPAIGN_FORM = '/packages/campaign/pages/form/index'

/**
 * Open campaigns (三询问一完善, 返乡报备…) for the resident's own micro-grid: found once by the
 * same location flow as the report page, or chosen from the tree, then remembered on the phone.
 */
export function CampaignsCard() {
  const grid = useStore(myGrid)
  const s = useStore(session)
  const loc = useLocationFlow()
  const [choosing, setChoosing] = useState(false)
  const [changing, setChanging] = useState(false)
  const [loginError, setLoginError] = useState<string>()
  const list = useApi<PageOf<CampaignDto> | null>(() => (grid && s ? api.campaigns(grid.code) : Promise.resolve(null)), [grid?.code, !!s])

  // a located micro-grid becomes "mine"; a point outside every micro-grid needs a manual choice
  useEffect(() => {
    const g = loc.grid
    if (g && g.node.level === 'micro') {
      setMyGrid({ code: g.node.code, name: g.node.name, path: g.path })
      setChanging(false)
    }
  }, [loc.grid])

  const doLogin = async () => {
    setLoginError(undefined)
    try {
      await login()
    } catch (e) {
      setLoginError(e instanceof ApiError ? e.userMessage : S.mine.loginFailed)
    }
  }

  const asking = !grid || changing
  const notMicro = loc.grid && loc.grid.node.level !== 'micro'
  return (
    <View className='card' data-testid='campaigns'>
      <Text className='card-title'>{S.campaign.title}</Text>
      {grid && !changing && (
        <View className='row between' data-testid='my-grid'>
          <Text className='grow'>{`${S.campaign.myGrid}：${grid.name}`}</Text>
          <Text className='link' onClick={() => setChanging(true)} data-testid='my-grid-change'>{S.campaign.change}</Text>
        </View>
      )}
      {asking && (
        <View>
          <Text className='muted block'>{S.campaign.noGrid}</Text>
          <View className='row wrap'>
            <Button size='small' onClick={() => void loc.locate()} disabled={loc.status === 'locating' || loc.gridLoading} data-testid='my-grid-locate'>
              {loc.status === 'locating' || loc.gridLoading ? S.campaign.locating : S.campaign.locate}
            </Button>
            <Button size='small' onClick={() => setChoosing(true)} data-testid='my-grid-choose'>{S.campaign.choose}</Button>
            {grid && <Button size='small' onClick={() => setChanging(false)}>{S.cancel}</Button>}
          </View>
          {(loc.status === 'denied' || loc.status === 'off' || loc.status === 'failed' || loc.status === 'unsupported' || loc.status === 'privacy') && (
            <Text className='error block' data-testid='my-grid-error'>{loc.status === 'privacy' ? S.privacy.declined : S.campaign.notMicro}</Text>
          )}
          {loc.gridError && <Text className='error block' data-testid='my-grid-error'>{loc.gridError.userMessage}</Text>}
          {notMicro && <Text className='warn block' data-testid='my-grid-error'>{S.campaign.notMicro}</Text>}
        </View>
      )}
      {grid && !s && (
        <View>
          <Text className='muted block'>{S.campaign.loginHint}</Text>
          <Button size='small' onClick={() => void doLogin()} data-testid='campaigns-login'>{S.campaign.login}</Button>
          {loginError && <Text className='error block'>{loginError}</Text>}
        </View>
      )}
      {grid && s && (
        <StateView loading={list.loading} error={list.error} onRetry={list.reload} empty={false}>
          {list.data && list.data.items.length === 0 && <Text className='muted block' data-testid='campaigns-none'>{S.campaign.none}</Text>}
          {list.data?.items.map((c) => (
            <View key={c.id} className='list-item row between' onClick={() => nav.to(`${CAMPAIGN_FORM}?id=${c.id}`)} data-testid='campaign-item' data-id={c.id}>
              <View className='grow'>
                <Text className='block'>{c.title}</Text>
                <Text className='muted'>{`${c.node.name} · ${c.open ? S.campaign.until(c.closesOn) : S.campaign.opensOn(c.opensOn)}`}</Text>
              </View>
              <Text className='muted'>›</Text>
            </View>
          ))}
        </StateView>
      )}
      {choosing && (
        <GridChooser
          onChoose={(g) => {
            setMyGrid({ code: g.code, name: g.name, path: g.path })
            setChoosing(false)
            setChanging(false)
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
    </View>
  )
}
