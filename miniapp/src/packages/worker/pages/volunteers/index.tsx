import { View, Text } from '@tarojs/components'
import { Button, Input } from '../../../../components/ui'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { api } from '../../../../services/api'
import type { AssignVolunteerTaskRequest, VolunteerDto } from '../../../../services/contracts'
import { usePagedList } from '../../../../hooks/usePagedList'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { S } from '../../../../strings'
import { useFormSave } from '../../registerForm'

const V = S.volunteer

/** The server's refusals of a task, in the worker's words. */
const ASSIGN_ZH = {
  title: () => V.errLong('任务内容', 200),
  eventId: () => V.errEventRefused,
  note: () => V.errLong('说明', 500)
}
type Kind = '' | 'volunteer' | 'party_member'

/** Volunteers and party members registered in my grids, filtered by skill; assign one a task (optionally for an event). */
export default function Volunteers() {
  const [kind, setKind] = useState<Kind>('')
  const [skillText, setSkillText] = useState('')
  const [skill, setSkill] = useState('')
  const [assigning, setAssigning] = useState<number>()
  const list = usePagedList((cursor) => api.volunteers({ kind: kind || undefined, skill: skill || undefined }, cursor), [kind, skill])
  useReachBottom(list.loadMore)
  return (
    <Page>
      <View className='tabs'>
        {(['', 'volunteer', 'party_member'] as Kind[]).map((k) => (
          <Text key={k || 'all'} className={`tab${k === kind ? ' tab-on' : ''}`} onClick={() => setKind(k)}>{k ? V.kind[k] : V.all}</Text>
        ))}
      </View>
      <View className='card row'>
        <Input className='input grow' value={skillText} placeholder={V.skillFilter} onInput={(e) => setSkillText(e.detail.value)} onConfirm={() => setSkill(skillText.trim())} data-testid='skill-input' />
        <Button size='small' onClick={() => setSkill(skillText.trim())} data-testid='skill-filter'>{V.filter}</Button>
      </View>
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
        {list.items.map((v) => (
          <View key={v.id} className='card' data-testid='volunteer' data-id={v.id}>
            <View className='row between'>
              <Text className='field-label'>{v.displayName}</Text>
              <Text className='state-chip'>{V.kind[v.kind]}</Text>
            </View>
            <Text className='muted block'>{v.gridName}</Text>
            {v.skills.length > 0 && <Text className='block'>{v.skills.join('、')}</Text>}
            {v.availability && <Text className='muted block'>{v.availability}</Text>}
            <Text className='muted block'>{`${V.hours(v.serviceMinutes)} · ${V.tasksDone(v.tasksDone)}`}</Text>
            {assigning === v.id ? (
              <AssignForm volunteer={v} onDone={() => { setAssigning(undefined); list.reload() }} onCancel={() => setAssigning(undefined)} />
            ) : (
              <Button size='small' type='primary' onClick={() => setAssigning(v.id)} data-testid='assign'>{V.assign}</Button>
            )}
          </View>
        ))}
        {list.hasMore && <Text className='link center' onClick={list.loadMore}>{S.loadMore}</Text>}
      </StateView>
    </Page>
  )
}

function AssignForm(props: { volunteer: VolunteerDto; onDone: () => void; onCancel: () => void }) {
  const [title, setTitle] = useState('')
  const [eventText, setEventText] = useState('')
  const [note, setNote] = useState('')
  const { errors, formError, sending, submit } = useFormSave(ASSIGN_ZH)
  const send = async () => {
    const e: Record<string, string> = {}
    if (!title.trim()) e.title = V.errTitle
    if (eventText.trim() && !/^\d+$/.test(eventText.trim())) e.eventId = V.errEvent
    const body: AssignVolunteerTaskRequest = {
      title: title.trim(),
      ...(eventText.trim() ? { eventId: Number(eventText.trim()) } : {}),
      ...(note.trim() ? { note: note.trim() } : {})
    }
    await submit(e, async () => {
      await api.assignVolunteerTask(props.volunteer.id, body)
      void Taro.showToast({ title: V.assigned, icon: 'success' })
      props.onDone()
    })
  }
  return (
    <View data-testid='assign-form'>
      <Text className='field-label'>{V.taskTitle}</Text>
      <Input label={V.taskTitle} className='input' value={title} onInput={(e) => setTitle(e.detail.value)} data-testid='task-title' />
      {errors.title && <Text className='error block' data-testid='err-title'>{errors.title}</Text>}
      <Text className='field-label'>{V.taskEvent}</Text>
      <Input label={V.taskEvent} className='input' type='number' value={eventText} onInput={(e) => setEventText(e.detail.value)} data-testid='task-event' />
      {errors.eventId && <Text className='error block' data-testid='err-eventId'>{errors.eventId}</Text>}
      <Text className='field-label'>{V.taskNote}</Text>
      <Input label={V.taskNote} className='input' value={note} onInput={(e) => setNote(e.detail.value)} data-testid='task-note' />
      {errors.note && <Text className='error block'>{errors.note}</Text>}
      {formError && <Text className='error block' data-testid='assign-error'>{formError}</Text>}
      <View className='row'>
        <Button size='small' type='primary' loading={sending} onClick={() => void send()} data-testid='task-send'>{V.send}</Button>
        <Button size='small' onClick={props.onCancel}>{S.cancel}</Button>
      </View>
    </View>
  )
}
