import { View, Text } from '@tarojs/components'
import { Button, Input } from '../../../components/ui'
import { useEffect, useState } from 'react'
import { SLA_STAGES, type SlaStage } from '@weigrid/shared'
import { api, FIELD_FALLBACK } from '../../../services/api'
import type { SlaPolicyDto } from '../../../services/contracts'
import { useApi } from '../../../hooks/useApi'
import { StateView } from '../../../components/StateView'
import { S } from '../../../strings'
import { loadCategories } from './CategoriesTab'
import { saveError } from './admin'

type Mode = SlaPolicyDto['mode']
const MODES: Mode[] = ['working', 'calendar']

/**
 * Deadlines per category and stage. A category without its own row uses the default row
 * (category null), so each stage shows the figure in force and where it comes from.
 */
export function DeadlinesTab(props: { canEdit: boolean }) {
  const policies = useApi(api.slaPolicies)
  const categories = useApi(() => loadCategories(props.canEdit), [props.canEdit])
  const [rows, setRows] = useState<SlaPolicyDto[]>([])
  const [category, setCategory] = useState<string | null>(null)
  const [editing, setEditing] = useState<SlaStage>()
  useEffect(() => setRows(policies.data ?? []), [policies.data])

  const find = (cat: string | null, stage: SlaStage) => rows.find((p) => p.category === cat && p.stage === stage)
  return (
    <StateView loading={policies.loading} error={policies.error} onRetry={policies.reload}>
      <View className='card'>
        <Text className='field-label'>{S.rules.category}</Text>
        <View className='chips' data-testid='deadline-categories'>
          {[{ code: null as string | null, name: S.rules.defaultCategory }, ...(categories.data ?? []).map((c) => ({ code: c.code as string | null, name: c.name }))].map((c) => (
            <Text
              key={c.code ?? '*'}
              className={`chip${c.code === category ? ' chip-on' : ''}`}
              onClick={() => {
                setCategory(c.code)
                setEditing(undefined)
              }}
              data-testid={`deadline-cat-${c.code ?? 'default'}`}
            >
              {c.name}
            </Text>
          ))}
        </View>
        {categories.error && <Text className='error block'>{categories.error.userMessage}</Text>}
      </View>
      {SLA_STAGES.map((stage) => {
        const own = find(category, stage)
        const shown = own ?? find(null, stage)
        return editing === stage ? (
          <DeadlineForm
            key={stage}
            category={category}
            stage={stage}
            initial={shown}
            onSaved={(all) => {
              setRows(all)
              setEditing(undefined)
            }}
            onCancel={() => setEditing(undefined)}
          />
        ) : (
          <View key={stage} className='card' data-testid={`deadline-${stage}`}>
            <View className='row between'>
              <Text className='field-label'>{S.rules.stage[stage]}</Text>
              {category !== null && <Text className={own ? 'state-chip state-open' : 'state-chip'}>{own ? S.rules.own : S.rules.inherited}</Text>}
            </View>
            <Text className='muted block'>{S.rules.stageHint[stage]}</Text>
            <Text className='stat-num' data-testid={`deadline-value-${stage}`}>{shown ? S.rules.hoursLabel(shown.hours, S.rules.mode[shown.mode]) : '—'}</Text>
            {props.canEdit && <Button size='small' onClick={() => setEditing(stage)} data-testid={`deadline-edit-${stage}`}>{S.rules.edit}</Button>}
          </View>
        )
      })}
    </StateView>
  )
}

function DeadlineForm(props: { category: string | null; stage: SlaStage; initial?: SlaPolicyDto; onSaved: (all: SlaPolicyDto[]) => void; onCancel: () => void }) {
  const [hours, setHours] = useState(props.initial ? String(props.initial.hours) : '')
  const [mode, setMode] = useState<Mode>(props.initial?.mode ?? 'working')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const h = Number(hours)
    if (!hours.trim() || !Number.isFinite(h) || h < 0.25 || h > 24 * 365) return setError(S.rules.errHours)
    setBusy(true)
    setError(undefined)
    try {
      props.onSaved(await api.putSlaPolicy({ category: props.category, stage: props.stage, hours: h, mode }))
    } catch (e) {
      const s = saveError(e)
      setError([s.message, ...Object.values(s.fields).filter((f) => f !== FIELD_FALLBACK)].join('：'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' data-testid='deadline-form'>
      <Text className='field-label'>{S.rules.stage[props.stage]}</Text>
      <Text className='muted block'>{S.rules.stageHint[props.stage]}</Text>
      <Text className='field-label'>{S.rules.hours}</Text>
      <Input label={S.rules.hours} className='textarea input' type='digit' value={hours} onInput={(ev) => setHours(ev.detail.value)} data-testid='deadline-hours' />
      <View className='chips'>
        {MODES.map((m) => (
          <Text key={m} className={`chip${m === mode ? ' chip-on' : ''}`} onClick={() => setMode(m)} data-testid={`deadline-mode-${m}`}>
            {S.rules.mode[m]}
          </Text>
        ))}
      </View>
      {error && <Text className='error block' data-testid='deadline-error'>{error}</Text>}
      <View className='row'>
        <Button type='primary' onClick={() => void submit()} loading={busy} disabled={busy} data-testid='deadline-save'>{S.rules.save}</Button>
        <Button onClick={props.onCancel}>{S.cancel}</Button>
      </View>
    </View>
  )
}
