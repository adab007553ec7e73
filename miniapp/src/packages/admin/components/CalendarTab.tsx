import { View, Text, Picker } from '@tarojs/components'
import { Button, Input } from '../../../components/ui'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api, FIELD_FALLBACK } from '../../../services/api'
import type { WorkCalendarDto } from '../../../services/contracts'
import { useApi } from '../../../hooks/useApi'
import { StateView } from '../../../components/StateView'
import { S } from '../../../strings'
import { saveError } from './admin'

const WINDOW = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** "09:00-12:00, 13:30-17:30" → windows, or undefined when one is malformed, empty or out of order. */
export function parseWindows(text: string): string[] | undefined {
  const parts = text.split(/[,，;；\s]+/).filter(Boolean)
  let last = -1
  for (const w of parts) {
    const m = WINDOW.exec(w)
    if (!m) return undefined
    const a = Number(m[1]) * 60 + Number(m[2])
    const b = Number(m[3]) * 60 + Number(m[4])
    if (Number(m[2]) > 59 || Number(m[4]) > 59 || a >= b || b > 24 * 60 || a < last) return undefined
    last = b
  }
  return parts.length ? parts : undefined
}

/** The work calendar working-hour deadlines count in: working days, daily windows, holidays, 调休. */
export function CalendarTab(props: { canEdit: boolean }) {
  const cal = useApi(api.workCalendar)
  const [draft, setDraft] = useState<WorkCalendarDto>()
  const [windows, setWindows] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!cal.data) return
    setDraft(cal.data)
    setWindows(cal.data.windows.join(', '))
  }, [cal.data])

  const save = async () => {
    if (!draft) return
    const w = parseWindows(windows)
    if (!w) return setError(S.rules.errWindows)
    setBusy(true)
    setError(undefined)
    try {
      const saved = await api.putWorkCalendar({ ...draft, windows: w })
      setDraft(saved)
      setWindows(saved.windows.join(', '))
      void Taro.showToast({ title: S.rules.saved, icon: 'success' })
    } catch (e) {
      const s = saveError(e)
      setError([s.message, ...Object.values(s.fields).filter((f) => f !== FIELD_FALLBACK)].join('：'))
    } finally {
      setBusy(false)
    }
  }
  const toggleDay = (d: number) =>
    draft && setDraft({ ...draft, workdays: draft.workdays.includes(d) ? draft.workdays.filter((x) => x !== d) : [...draft.workdays, d].sort((a, b) => a - b) })

  return (
    <StateView loading={cal.loading} error={cal.error} onRetry={cal.reload}>
      {draft && (
        <View className='card' data-testid='calendar'>
          <Text className='field-label'>{S.rules.workdays}</Text>
          <View className='chips'>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <Text key={d} className={`chip${draft.workdays.includes(d) ? ' chip-on' : ''}`} onClick={() => props.canEdit && toggleDay(d)} data-testid={`workday-${d}`}>
                {S.rules.weekday[d]}
              </Text>
            ))}
          </View>
          <Text className='field-label'>{S.rules.windows}</Text>
          <Input className='textarea input' value={windows} disabled={!props.canEdit} placeholder={S.rules.windowsHint} onInput={(ev) => setWindows(ev.detail.value)} data-testid='calendar-windows' />
          <DateList label={S.rules.holidays} testid='holidays' dates={draft.holidays} canEdit={props.canEdit} onChange={(holidays) => setDraft({ ...draft, holidays })} />
          <DateList label={S.rules.extraWorkdays} testid='extra-workdays' dates={draft.extraWorkdays} canEdit={props.canEdit} onChange={(extraWorkdays) => setDraft({ ...draft, extraWorkdays })} />
          {error && <Text className='error block' data-testid='calendar-error'>{error}</Text>}
          {props.canEdit && (
            <Button type='primary' size='large' onClick={() => void save()} loading={busy} disabled={busy} data-testid='calendar-save'>{S.rules.save}</Button>
          )}
        </View>
      )}
    </StateView>
  )
}

function DateList(props: { label: string; testid: string; dates: string[]; canEdit: boolean; onChange: (dates: string[]) => void }) {
  const [note, setNote] = useState<string>()
  const add = (d: string) => {
    if (!DATE.test(d)) return setNote(S.rules.errDate)
    if (props.dates.includes(d)) return setNote(S.rules.dateTaken)
    setNote(undefined)
    props.onChange([...props.dates, d].sort())
  }
  return (
    <View className='list-item' data-testid={props.testid}>
      <Text className='field-label'>{props.label}</Text>
      {props.dates.length === 0 && <Text className='muted block'>{S.rules.noDates}</Text>}
      <View className='chips'>
        {props.dates.map((d) => (
          <Text key={d} className='chip' data-testid='date-chip'>
            {d}
            {props.canEdit && (
              <Text className='link-inline' onClick={() => props.onChange(props.dates.filter((x) => x !== d))} data-testid='date-remove'>{' ✕'}</Text>
            )}
          </Text>
        ))}
      </View>
      {props.canEdit && (
        <Picker mode='date' value={new Date().toISOString().slice(0, 10)} onChange={(ev) => add(String(ev.detail.value))} data-testid={`${props.testid}-picker`}>
          <Button size='small'>{S.rules.addDate}</Button>
        </Picker>
      )}
      {note && <Text className='error block'>{note}</Text>}
    </View>
  )
}
