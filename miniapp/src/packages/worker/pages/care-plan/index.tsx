import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api } from '../../../../services/api'
import type { CareScheduleDto } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { useParams } from '../../../../hooks/useParams'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { nav } from '../../../../services/nav'
import { RS } from '../../strings'
import { ChipsField, TextField } from '../../components/Fields'
import { formFailure, useFormSave } from '../../registerForm'
import { day, decode } from '../../register'

const P = RS.carePlan
const INTERVALS = ['7', '14', '30'] as const

/** The server's schedule field details, in Chinese (`nextDueAt` of a change is `firstDueAt` of a new one). */
const ZH = { tag: () => P.err.tag, intervalDays: () => P.err.interval, firstDueAt: () => P.err.due, nextDueAt: () => P.err.due }

/** `YYYY-MM-DD` typed → that day 09:00 China time (ISO), or undefined when it is not a real date. */
export function dueAt(typed: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed.trim())
  if (!m) return undefined
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 1)
  const d = new Date(t)
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d.toISOString() : undefined
}

/** Interval and due date as typed, checked as the server checks them (1–365 days, a real date). */
function check(v: { interval: string; due: string }, dueKey: string): Record<string, string> {
  const e: Record<string, string> = {}
  const n = Number(v.interval)
  if (!/^\d{1,3}$/.test(v.interval.trim()) || n < 1 || n > 365) e.intervalDays = P.err.interval
  if (v.due.trim() && !dueAt(v.due)) e[dueKey] = P.err.due
  return e
}

/**
 * 走访计划 of one person (`?personId=&name=&tags=&householdId=`): the active schedules (tag, every
 * N days, next due, last visit), each changed in place (interval, next due) or stopped; a new
 * schedule for a tag that has none. Opened from the person on the household file.
 */
export default function CarePlan() {
  const params = useParams()
  const personId = Number(params.personId)
  const name = decode(params.name)
  const tags = decode(params.tags).split(',').filter(Boolean)
  const list = useApi(() => api.careSchedules({ personId }), [personId])
  const active = list.data?.items ?? []
  const free = tags.filter((t) => !active.some((s) => s.tag === t))

  const [tag, setTag] = useState('')
  const [v, setV] = useState({ interval: '7', due: '' })
  const create = useFormSave(ZH)
  const save = () => {
    const e = check(v, 'firstDueAt')
    if (!tag) e.tag = P.err.tag
    void create.submit(e, async () => {
      const first = dueAt(v.due)
      await api.createSchedule({ personId, tag, intervalDays: Number(v.interval), ...(first ? { firstDueAt: first } : {}) })
      void Taro.showToast({ title: P.saved, icon: 'success' })
      setTag('')
      setV({ interval: '7', due: '' })
      list.reload()
    })
  }

  return (
    <Page>
      <View className='card'>
        <Text className='card-title'>{P.title(name)}</Text>
        <StateView loading={list.loading && !list.data} error={list.data ? undefined : list.error} onRetry={list.reload}>
          {active.length === 0 && <Text className='muted block' data-testid='plan-none'>{P.none}</Text>}
          {active.map((s) => <Schedule key={s.id} s={s} onChanged={list.reload} />)}
        </StateView>
      </View>
      {list.data && free.length > 0 && (
        <View className='card' data-testid='plan-new'>
          <Text className='card-title'>{P.newTitle}</Text>
          <ChipsField id='plan-tag' label={P.tag} options={free} value={tag} onChange={(t) => setTag(t as string)} error={create.errors.tag} />
          <ChipsField id='plan-every' label={P.every} options={INTERVALS} value={(INTERVALS as readonly string[]).includes(v.interval) ? (v.interval as (typeof INTERVALS)[number]) : ''} labelOf={P.everyChip} onChange={(d) => setV({ ...v, interval: d as string })} />
          <TextField id='plan-interval' label={P.intervalDays} type='number' maxlength={3} value={v.interval} onInput={(interval) => setV({ ...v, interval })} error={create.errors.intervalDays} />
          <TextField id='plan-due' label={P.firstDue} hint={P.firstDueHint} placeholder='2026-12-01' maxlength={10} value={v.due} onInput={(due) => setV({ ...v, due })} error={create.errors.firstDueAt} />
          {create.formError && <Text className='error block' data-testid='plan-error'>{create.formError}</Text>}
          <Button type='primary' size='large' loading={create.sending} disabled={create.sending} onClick={save} data-testid='plan-save'>{P.save}</Button>
        </View>
      )}
      {list.data && tags.length === 0 && <Text className='muted block'>{P.noTags}</Text>}
      <Text className='link center' onClick={() => nav.to('/packages/worker/pages/care/index')} data-testid='plan-to-care'>{P.toCare}</Text>
    </Page>
  )
}

/** One active schedule: shown, changed in place (interval, next due) or stopped after a confirmation. */
function Schedule({ s, onChanged }: { s: CareScheduleDto; onChanged: () => void }) {
  const [editing, setEditing] = useState(false)
  const [v, setV] = useState({ interval: String(s.intervalDays), due: day(s.nextDueAt) })
  const [stopError, setStopError] = useState<string>()
  const change = useFormSave(ZH)
  const save = () =>
    void change.submit(check(v, 'nextDueAt'), async () => {
      const next = dueAt(v.due)
      await api.updateSchedule(s.id, { intervalDays: Number(v.interval), ...(next && day(next) !== day(s.nextDueAt) ? { nextDueAt: next } : {}) })
      void Taro.showToast({ title: P.saved, icon: 'success' })
      setEditing(false)
      onChanged()
    })
  const stop = async () => {
    const ok = await Taro.showModal({ title: P.stop, content: P.stopConfirm(s.tag) })
    if (!ok.confirm) return
    setStopError(undefined)
    try {
      await api.stopSchedule(s.id)
      void Taro.showToast({ title: P.stopped, icon: 'success' })
      onChanged()
    } catch (e) {
      setStopError(formFailure(e).form)
    }
  }
  return (
    <View className='list-item' data-testid='plan' data-id={s.id}>
      <View className='row between'>
        <Text className='field-label'>{`${s.tag} · ${P.everyChip(String(s.intervalDays))}`}</Text>
        {s.overdueDays > 0 && <Text className='state-chip state-bad'>{P.overdue(s.overdueDays)}</Text>}
      </View>
      <Text className='muted block' data-testid='plan-next'>{`${P.nextDue}：${day(s.nextDueAt)}`}</Text>
      <Text className='muted block'>{`${P.lastVisit}：${s.lastVisitAt ? day(s.lastVisitAt) : P.never}`}</Text>
      {editing ? (
        <>
          <TextField id='plan-edit-interval' label={P.intervalDays} type='number' maxlength={3} value={v.interval} onInput={(interval) => setV({ ...v, interval })} error={change.errors.intervalDays} />
          <TextField id='plan-edit-due' label={P.nextDue} placeholder='2026-12-01' maxlength={10} value={v.due} onInput={(due) => setV({ ...v, due })} error={change.errors.nextDueAt} />
          {change.formError && <Text className='error block' data-testid='plan-edit-error'>{change.formError}</Text>}
          <View className='row'>
            <Button size='small' type='primary' loading={change.sending} disabled={change.sending} onClick={save} data-testid='plan-edit-save'>{P.saveChange}</Button>
            <Button size='small' onClick={() => setEditing(false)}>{P.cancel}</Button>
          </View>
        </>
      ) : (
        <View className='row'>
          <Text className='link-action' onClick={() => setEditing(true)} data-testid='plan-change'>{P.change}</Text>
          <Text className='link-action' onClick={() => void stop()} data-testid='plan-stop'>{P.stop}</Text>
        </View>
      )}
      {stopError && <Text className='error block' data-testid='plan-stop-error'>{stopError}</Text>}
    </View>
  )
}
