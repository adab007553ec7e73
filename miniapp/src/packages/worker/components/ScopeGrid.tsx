import { View, Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { PERMISSIONS, type Role } from '@weigrid/shared'
import type { GrantDto } from '../../../services/contracts'
import { useStore } from '../../../hooks/useStore'
import { session } from '../../../services/session'
import { GridChooser, type ChosenGrid } from '../../../components/report/GridChooser'
import { RS } from '../strings'

/** Roles that may write the register: `register.write` in @weigrid/shared's permission table (the server checks the scope again). */
const WRITERS: readonly Role[] = PERMISSIONS['register.write']

/**
 * The micro-grid a new place lies in, chosen inside the worker's own scope: a grant on a
 * micro-grid is picked directly (and preselected when it is the only one); a grant higher up opens
 * the tree at that node.
 */
export function ScopeGrid(props: { value?: ChosenGrid; onChange: (g: ChosenGrid) => void; error?: string }) {
  const s = useStore(session)
  const grants = (s?.user.roles ?? []).filter((g, i, all) => WRITERS.includes(g.role) && all.findIndex((x) => x.nodeCode === g.nodeCode) === i)
  const [inside, setInside] = useState<GrantDto>()
  const asGrid = (g: GrantDto): ChosenGrid => ({ code: g.nodeCode, name: g.nodeName, path: [] })
  const only = grants.length === 1 && grants[0]!.nodeLevel === 'micro' ? grants[0] : undefined
  useEffect(() => {
    if (!props.value && only) props.onChange(asGrid(only))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [only?.nodeCode])
  return (
    <View className='field'>
      <Text className='field-label'>{RS.regForm.grid}</Text>
      {props.value && <Text className='block' data-testid='chosen-grid'>{props.value.name}</Text>}
      <View className='chips'>
        {grants.map((g) => (
          <Text
            key={g.nodeCode}
            className={`chip${props.value?.code === g.nodeCode ? ' chip-on' : ''}`}
            onClick={() => (g.nodeLevel === 'micro' ? props.onChange(asGrid(g)) : setInside(g))}
            data-testid='scope-grant'
          >
            {g.nodeLevel === 'micro' ? g.nodeName : `${g.nodeName} ›`}
          </Text>
        ))}
      </View>
      {props.error && <Text className='error block' data-testid='err-gridCode'>{props.error}</Text>}
      {inside && (
        <GridChooser
          start={[{ code: inside.nodeCode, name: inside.nodeName, level: inside.nodeLevel }]}
          onChoose={(g) => {
            props.onChange(g)
            setInside(undefined)
          }}
          onCancel={() => setInside(undefined)}
        />
      )}
    </View>
  )
}
