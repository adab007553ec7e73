import { View, Text } from '@tarojs/components'
import { Button, Input } from '../../../../components/ui'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { api } from '../../../../services/api'
import type { VolunteerRegisterRequest, VolunteerTaskDto } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useStore } from '../../../../hooks/useStore'
import { myGrid, setMyGrid } from '../../../../services/myGrid'
import { session } from '../../../../services/session'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { GridChooser } from '../../../../components/report/GridChooser'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'
import { useFormSave } from '../../registerForm'

const V = S.volunteer

/** The server's refusals, in the words the user reads (its own are English, for API clients). */
const REGISTER_ZH = {
  displayName: () => V.errName,
  gridCode: () => V.errGrid,
  skills: () => V.errSkills,
  availability: () => V.errLong('可服务时间', 200),
  partyOrg: () => V.errLong('所在党组织', 100)
}
const TASK_ZH = { minutes: () => V.errMinutes }
type Kind = 'volunteer' | 'party_member'

/** 双报到 for residents: register as a volunteer or party member where I live; my tasks, done with minutes. */
export default function Volunteer() {
  const mine = useApi(api.myVolunteer, [])
  const tasks = usePagedList((cursor) => api.myVolunteerTasks(cursor), [])
  useReachBottom(tasks.loadMore)
  const registered = mine.data ?? []
  const missing = (['volunteer', 'party_member'] as Kind[]).filter((k) => !registered.some((v) => v.kind === k))
  return (
    <Page>
      <StateView loading={mine.loading && !mine.data} error={mine.data ? undefined : mine.error} onRetry={mine.reload}>
        {registered.map((v) => (
          <View key={v.id} className='card' data-testid='my-volunteer'>
            <View className='row between'>
              <Text className='field-label'>{v.displayName}</Text>
              <Text className='state-chip state-done'>{`${V.kind[v.kind]} · ${V.registered}`}</Text>
            </View>
            <Text className='muted block'>{v.gridName}</Text>
            {v.skills.length > 0 && <Text className='block'>{v.skills.join('、')}</Text>}
            <Text className='muted block'>{`${V.hours(v.serviceMinutes)} · ${V.tasksDone(v.tasksDone)}`}</Text>
          </View>
        ))}
        {missing.length > 0 && <RegisterForm kinds={missing} onDone={mine.reload} />}
      </StateView>
      <Text className='field-label'>{V.myTasks}</Text>
      <StateView loading={tasks.loading && !tasks.items.length} error={tasks.items.length ? undefined : tasks.error} onRetry={tasks.reload}>
        {!tasks.loading && !tasks.items.length && <View className='card muted'>{V.noTasks}</View>}
        {tasks.items.map((t) => (
          <TaskCard key={t.id} task={t} onDone={() => { tasks.reload(); mine.reload() }} />
        ))}
        {tasks.hasMore && <Text className='link center' onClick={tasks.loadMore}>{S.loadMore}</Text>}
      </StateView>
    </Page>
  )
}

function RegisterForm(props: { kinds: Kind[]; onDone: () => void }) {
  const s = useStore(session)
  const grid = useStore(myGrid)
  const [kind, setKind] = useState<Kind>(props.kinds[0]!)
  const [name, setName] = useState(s?.user.name ?? '')
  const [skills, setSkills] = useState('')
  const [availability, setAvailability] = useState('')
  const [partyOrg, setPartyOrg] = useState('')
  const [choosing, setChoosing] = useState(false)
  const { errors, formError, sending, submit } = useFormSave(REGISTER_ZH)
  const send = async () => {
    const e: Record<string, string> = {}
    if (!name.trim()) e.displayName = V.errName
    if (!grid) e.gridCode = V.errGrid
    const list = skills.split(/[\s,，、]+/).map((x) => x.trim()).filter(Boolean)
    await submit(e, async () => {
      const body: VolunteerRegisterRequest = {
        kind,
        gridCode: grid!.code,
        displayName: name.trim(),
        ...(list.length ? { skills: list } : {}),
        ...(availability.trim() ? { availability: availability.trim() } : {}),
        ...(kind === 'party_member' && partyOrg.trim() ? { partyOrg: partyOrg.trim() } : {})
      }
      await api.registerVolunteer(body)
      void Taro.showToast({ title: V.registered, icon: 'success' })
      props.onDone()
    })
  }
  return (
    <View className='card' data-testid='volunteer-register'>
      <Text className='card-title'>{V.registerTitle}</Text>
      <View className='chips'>
        {props.kinds.map((k) => (
          <Text key={k} className={`chip${k === kind ? ' chip-on' : ''}`} onClick={() => setKind(k)} data-testid={`kind-${k}`}>{V.kind[k]}</Text>
        ))}
      </View>
      <Text className='field-label'>{V.displayName}</Text>
      <Input label={V.displayName} className='input' value={name} onInput={(e) => setName(e.detail.value)} data-testid='vol-name' />
      {errors.displayName && <Text className='error block' data-testid='err-displayName'>{errors.displayName}</Text>}
      <Text className='field-label'>{V.grid}</Text>
      {grid && <Text className='block' data-testid='vol-grid'>{grid.name}</Text>}
      <Text className='link' onClick={() => setChoosing(true)} data-testid='vol-choose-grid'>{V.chooseGrid}</Text>
      {errors.gridCode && <Text className='error block' data-testid='err-gridCode'>{errors.gridCode}</Text>}
      <Text className='field-label'>{V.skills}</Text>
      <Input label={V.skills} className='input' value={skills} onInput={(e) => setSkills(e.detail.value)} data-testid='vol-skills' />
      {errors.skills && <Text className='error block'>{errors.skills}</Text>}
      <Text className='field-label'>{V.availability}</Text>
      <Input label={V.availability} className='input' value={availability} onInput={(e) => setAvailability(e.detail.value)} />
      {kind === 'party_member' && (
        <>
          <Text className='field-label'>{V.partyOrg}</Text>
          <Input label={V.partyOrg} className='input' value={partyOrg} onInput={(e) => setPartyOrg(e.detail.value)} data-testid='vol-party-org' />
        </>
      )}
      {formError && <Text className='error block' data-testid='vol-error'>{formError}</Text>}
      <Button type='primary' size='large' loading={sending} onClick={() => void send()} data-testid='vol-submit'>{V.register}</Button>
      {choosing && (
        <GridChooser
          onChoose={(g) => {
            setMyGrid(g)
            setChoosing(false)
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
    </View>
  )
}

function TaskCard(props: { task: VolunteerTaskDto; onDone: () => void }) {
  const t = props.task
  const [minutes, setMinutes] = useState('')
  const { errors, formError, sending, submit } = useFormSave(TASK_ZH)
  const complete = async () => {
    const n = Number(minutes)
    const checked: Record<string, string> = !/^\d+$/.test(minutes.trim()) || n < 1 || n > 1440 ? { minutes: V.errMinutes } : {}
    await submit(checked, async () => {
      await api.completeVolunteerTask(t.id, { minutes: n })
      void Taro.showToast({ title: V.doneOk, icon: 'success' })
      props.onDone()
    })
  }
  const error = errors.minutes ?? formError
  return (
    <View className='card' data-testid='task' data-id={t.id}>
      <View className='row between'>
        <Text className='field-label'>{t.title}</Text>
        <Text className={`state-chip ${t.state === 'done' ? 'state-done' : t.state === 'assigned' ? 'state-open' : ''}`}>{V.taskState[t.state] ?? t.state}</Text>
      </View>
      {t.note && <Text className='muted block'>{t.note}</Text>}
      {t.eventId !== null && <Text className='link' onClick={() => nav.to(`/pages/event/index?id=${t.eventId}`)}>{V.event(t.eventId)}</Text>}
      {t.state === 'done' && <Text className='muted block'>{V.hours(t.minutes)}</Text>}
      {t.state === 'assigned' && (
        <View className='row'>
          <Input className='input grow' type='number' value={minutes} placeholder={V.minutes} onInput={(e) => setMinutes(e.detail.value)} data-testid='task-minutes' />
          <Button size='small' type='primary' loading={sending} onClick={() => void complete()} data-testid='task-done'>{V.done}</Button>
        </View>
      )}
      {error && <Text className='error block' data-testid='err-minutes'>{error}</Text>}
    </View>
  )
}
