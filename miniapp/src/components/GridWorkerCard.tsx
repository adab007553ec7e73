import { View, Text } from '@tarojs/components'
import { api } from '../services/api'
import type { GridContactsDto } from '../services/contracts'
import { useApi } from '../hooks/useApi'
import { useStore } from '../hooks/useStore'
import { myGrid } from '../services/myGrid'
import { session } from '../services/session'
import { callPhone } from '../services/phone'
import { StateView } from './StateView'
import { Button, Cell } from './ui'
import { S } from '../strings'

/**
 * 我的网格员: the grid worker of the resident's own micro-grid (the one the campaigns card found or
 * the resident chose), with a call button, and whether the micro-grid has a group chat. Nothing
 * until a micro-grid is known; logged out, it says that logging in shows the contact.
 */
export function GridWorkerCard() {
  const grid = useStore(myGrid)
  const s = useStore(session)
  const res = useApi<GridContactsDto | null>(() => (grid && s ? api.gridContacts(grid.code) : Promise.resolve(null)), [grid?.code, !!s])
  if (!grid) return null
  const c = res.data
  return (
    <View className='card' data-testid='grid-worker'>
      <Text className='card-title'>{S.home.worker}</Text>
      {!s ? (
        <Text className='muted block'>{S.home.workerLogin}</Text>
      ) : (
        <StateView loading={res.loading && !c} error={res.error} onRetry={res.reload} empty={false}>
          {c && c.contacts.length === 0 && <Text className='muted block' data-testid='grid-worker-none'>{S.home.noWorker}</Text>}
          {c?.contacts.map((w, i) => {
            const name = w.name ?? S.home.workerUnnamed
            return (
              <Cell
                key={i}
                icon='👤'
                title={name}
                label={`${S.home.workerRole} · ${c.node.name}`}
                testid='grid-worker-item'
                value={
                  w.phone ? (
                    <Button size='small' type='primary' onClick={() => void callPhone(w.phone!)} data-testid='grid-worker-call' aria-label={S.home.call(name)}>
                      {S.home.callShort}
                    </Button>
                  ) : (
                    <Text className='muted'>{S.home.noPhone}</Text>
                  )
                }
              />
            )
          })}
          {c?.groupBound && <Text className='muted block' data-testid='grid-worker-group'>{S.home.group}</Text>}
        </StateView>
      )}
    </View>
  )
}
