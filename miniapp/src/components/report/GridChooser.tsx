import { View, Text } from '@tarojs/components'
import { Button, Input } from '../ui'
import { useState } from 'react'
import { GRID_LEVEL_LABEL, isGridLevel } from '@weigrid/shared'
import { api } from '../../services/api'
import type { GridNodeSummary, GridPathItem } from '../../services/contracts'
import { usePagedList } from '../../hooks/usePagedList'
import { StateView } from '../StateView'
import { S } from '../../strings'

export interface ChosenGrid {
  code: string
  name: string
  path: GridPathItem[]
}

/**
 * Choosing the micro-grid by hand: for virtual micro-grids (a building, a market), when location
 * is refused, or when the browser has no map. Drill down the tree or search by name.
 */
export function GridChooser(props: { onChoose: (g: ChosenGrid) => void; onCancel: () => void; canPick?: (level: string) => boolean; start?: GridPathItem[] }) {
  const canPick = props.canPick ?? ((level: string) => level === 'micro')
  // `start`: open inside a node (a worker's own grid) instead of at the top of the tree
  const [trail, setTrail] = useState<GridPathItem[]>(props.start ?? [])
  const [q, setQ] = useState('')
  const [term, setTerm] = useState('')
  const parent = trail[trail.length - 1]
  const list = usePagedList<GridNodeSummary & { path?: GridPathItem[] }>(
    (cursor) => (term ? api.searchGrids(term, cursor) : parent ? api.gridChildren(parent.code, cursor) : api.gridRoots(cursor)),
    [parent?.code, term]
  )
  const pick = (n: GridNodeSummary & { path?: GridPathItem[] }) =>
    props.onChoose({ code: n.code, name: n.name, path: n.path ?? [...trail, { code: n.code, name: n.name, level: n.level }] })
  const open = (n: GridNodeSummary & { path?: GridPathItem[] }) => {
    if (n.level === 'micro') {
      if (canPick(n.level)) pick(n)
      return
    }
    setTerm('')
    setQ('')
    setTrail(n.path ?? [...trail, { code: n.code, name: n.name, level: n.level }])
  }
  return (
    <View className='mask' data-testid='grid-chooser'>
      <View className='dialog dialog-tall'>
        <Text className='card-title'>{S.grid.choose}</Text>
        <View className='row'>
          <Input className='textarea input grow' value={q} placeholder={S.grid.search} onInput={(e) => setQ(e.detail.value)} onConfirm={() => setTerm(q.trim())} data-testid='grid-search' />
          <Button size='small' onClick={() => setTerm(q.trim())}>{S.grid.searchButton}</Button>
        </View>
        {trail.length > 0 && !term && (
          <View className='row wrap'>
            <Text className='muted'>{trail.map((t) => t.name).join(' / ')}</Text>
            <Text className='link' onClick={() => setTrail(trail.slice(0, -1))}>{S.grid.back}</Text>
          </View>
        )}
        <View className='scroll'>
          <StateView loading={list.loading && !list.items.length} error={list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
            {list.items.map((n) => (
              <View key={n.code} className='list-item row between' onClick={() => open(n)} data-testid='grid-option'>
                <View className='grow'>
                  <Text className='block'>{n.name}</Text>
                  <Text className='muted'>{isGridLevel(n.level) ? GRID_LEVEL_LABEL[n.level] : n.level}{n.childCount ? ` · ${n.childCount}` : ''}</Text>
                </View>
                {n.level !== 'micro' && canPick(n.level) && (
                  <Text
                    className='link'
                    onClick={(ev) => {
                      ev.stopPropagation()
                      pick(n)
                    }}
                  >
                    {S.grid.pick}
                  </Text>
                )}
                <Text className='muted'>{n.level === 'micro' ? (canPick(n.level) ? S.grid.pick : '') : '›'}</Text>
              </View>
            ))}
            {list.hasMore && <Button size='small' onClick={list.loadMore}>{S.loadMore}</Button>}
          </StateView>
        </View>
        <Button onClick={props.onCancel}>{S.cancel}</Button>
      </View>
    </View>
  )
}
