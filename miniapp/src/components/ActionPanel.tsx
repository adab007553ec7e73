import { View, Text } from '@tarojs/components'
import { Button, Textarea, Input } from './ui'
import { useEffect, useState } from 'react'
import type { EventAction, EventPriority } from '@weigrid/shared'
import { api, ApiError } from '../services/api'
import type { EventDetailDto, EventViewDto } from '../services/contracts'
import { actionForm, actionHint, actionLabel } from '../services/eventView'
import { usePhotoUploads } from '../hooks/usePhotoUploads'
import { PhotoPicker } from './report/PhotoPicker'
import { askSubscribe } from '../services/subscribe'
import { S } from '../strings'

/** The server takes notes up to this length (EventActionDto). */
const NOTE_MAX = 1000

/** What the panel needs of an event: the full detail, or a supporter's public view (重新打开). */
export type ActionTarget = Pick<EventDetailDto, 'id' | 'version' | 'actions' | 'category' | 'state'>

/** A yes/no choice as two buttons (核查 通过/不通过, 回访 解决/未解决). */
function Choice(props: { value: boolean | undefined; yes: string; no: string; onChange: (v: boolean) => void; testid: string }) {
  return (
    <View className='row wrap' data-testid={props.testid}>
      <Button size='small' type={props.value === true ? 'primary' : 'default'} onClick={() => props.onChange(true)} data-testid={`${props.testid}-yes`}>{props.yes}</Button>
      <Button size='small' type={props.value === false ? 'danger' : 'default'} onClick={() => props.onChange(false)} data-testid={`${props.testid}-no`}>{props.no}</Button>
    </View>
  )
}

/**
 * The buttons the server says this viewer may press (`detail.actions`, computed from the shared
 * workflow table), each opening a small form with the inputs that action takes, its one-line
 * explanation and the 常用语 for the event's category and state.
 */
export function ActionPanel(props: { event: ActionTarget; onDone: (e: EventViewDto, action: string) => void; onStale: () => void; hide?: string[]; categories?: { code: string; name: string }[] }) {
  const actions = props.event.actions.filter((a) => !props.hide?.includes(a))
  const [open, setOpen] = useState<EventAction>()
  const [note, setNote] = useState('')
  const [rating, setRating] = useState(0)
  const [hours, setHours] = useState('')
  const [yesNo, setYesNo] = useState<boolean>()
  const [category, setCategory] = useState('')
  const [gridCode, setGridCode] = useState('')
  const [departmentId, setDepartmentId] = useState('')
  const [targetId, setTargetId] = useState('')
  const [priority, setPriority] = useState<EventPriority>()
  const [templates, setTemplates] = useState<string[]>([])
  const photos = usePhotoUploads()
  const [error, setError] = useState<string>()
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  // an error goes once its value is fixed
  const drop = (k: string) => setFieldErrors((fe) => {
    if (!(k in fe)) return fe
    const next = { ...fe }
    delete next[k]
    return next
  })
  // 常用语 for the event's category and state, once a form that takes a note opens
  const { category: eventCategory, state: eventState } = props.event
  useEffect(() => {
    setTemplates([])
    if (!open || !actionForm(open).note) return
    let live = true
    // chips are a help, never a blocker: no templates (or no answer) leaves the note empty
    Promise.resolve()
      .then(() => api.templates(eventCategory, eventState))
      .then((rows) => live && setTemplates(rows.map((r) => r.text)), () => undefined)
    return () => {
      live = false
    }
  }, [open, eventCategory, eventState])
  if (!actions.length) return null
  const form = open ? actionForm(open) : undefined

  const submit = async () => {
    if (!open || !form) return
    // from the claim tap (WeChat asks only inside a tap): the next new task and this one's deadline
    if (open === 'claim') askSubscribe(['task_new', 'event_overdue'])
    const fe: Record<string, string> = {}
    if (form.noteRequired && note.trim().length === 0) fe.note = S.action.errNote
    else if (note.trim().length > NOTE_MAX) fe.note = S.report.errDescriptionLong(NOTE_MAX)
    if (form.rating && (rating < 1 || rating > 5)) fe.rating = S.action.errRating
    const h = Number(hours)
    if (form.hours && (!Number.isInteger(h) || h < 1 || h > 720)) fe.hours = S.action.errHours
    if (photos.pending() || photos.failed()) fe.photos = S.report.errPhotosPending
    else if (form.photosRequired && photos.photos.length === 0) fe.photos = S.action.errPhotoRequired
    if (form.passed && yesNo === undefined) fe.passed = S.action.errPassed
    if (form.fixed && yesNo === undefined) fe.fixed = S.action.errFixed
    if (form.category && (!category || category === props.event.category)) fe.category = S.action.errCategory
    if (open === 'transfer' && (gridCode.trim() === '') === (departmentId.trim() === '')) fe.gridCode = S.action.errTransfer
    if (open === 'relocate' && !gridCode.trim()) fe.gridCode = S.action.errGridCode
    const target = Number(targetId)
    if (form.targetId && (!Number.isInteger(target) || target < 1)) fe.targetId = S.action.errTargetId
    if (form.priority && !priority) fe.priority = S.action.errPriority
    setFieldErrors(fe)
    if (Object.keys(fe).length) return
    setBusy(true)
    setError(undefined)
    try {
      const updated = await api.eventAction(props.event.id, open, {
        version: props.event.version,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(form.rating ? { rating } : {}),
        ...(form.hours ? { hours: h } : {}),
        ...(photos.photos.length ? { photos: photos.uploadIds() } : {}),
        ...(form.passed ? { passed: yesNo } : {}),
        ...(form.fixed ? { fixed: yesNo } : {}),
        ...(form.category ? { category } : {}),
        ...(form.gridCode && gridCode.trim() ? { gridCode: gridCode.trim() } : {}),
        ...(form.departmentId && departmentId.trim() ? { departmentId: Number(departmentId) } : {}),
        ...(form.targetId ? { targetId: target } : {}),
        ...(form.priority ? { priority } : {})
      })
      const done = open
      setOpen(undefined)
      setNote('')
      setRating(0)
      setHours('')
      setYesNo(undefined)
      setCategory('')
      setGridCode('')
      setDepartmentId('')
      setTargetId('')
      setPriority(undefined)
      photos.clear()
      props.onDone(updated, done)
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, undefined)
      setError(err.userMessage)
      setFieldErrors(err.shownFieldErrors)
      if (err.code === 'STALE_VERSION' || err.code === 'INVALID_TRANSITION') props.onStale()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' data-testid='actions'>
      <View className='row wrap'>
        {actions.map((a) => (
          <Button key={a} size='small' type={open === a ? 'primary' : 'default'} onClick={() => setOpen(open === a ? undefined : a)} data-testid={`action-${a}`}>
            {actionLabel(a)}
          </Button>
        ))}
      </View>
      {open && form && (
        <View data-testid='action-form'>
          <Text className='muted block' data-testid='action-hint'>{actionHint(open)}</Text>
          {form.passed && <Choice value={yesNo} yes={S.action.passed} no={S.action.failed} onChange={(v) => { setYesNo(v); drop('passed') }} testid='check-passed' />}
          {fieldErrors.passed && <Text className='error block'>{fieldErrors.passed}</Text>}
          {form.fixed && <Choice value={yesNo} yes={S.action.fixed} no={S.action.notFixed} onChange={(v) => { setYesNo(v); drop('fixed') }} testid='followup-fixed' />}
          {fieldErrors.fixed && <Text className='error block'>{fieldErrors.fixed}</Text>}
          {form.category && (
            <View className='row wrap' data-testid='category-choice'>
              {(props.categories ?? []).filter((c) => c.code !== props.event.category).map((c) => (
                <Button key={c.code} size='small' type={category === c.code ? 'primary' : 'default'} onClick={() => { setCategory(c.code); drop('category') }} data-testid={`category-${c.code}`}>{c.name}</Button>
              ))}
            </View>
          )}
          {fieldErrors.category && <Text className='error block'>{fieldErrors.category}</Text>}
          {form.priority && (
            <View className='row wrap' data-testid='priority-choice'>
              {(['urgent', 'normal'] as const).map((p) => (
                <Button key={p} size='small' type={priority === p ? 'primary' : 'default'} onClick={() => { setPriority(p); drop('priority') }} data-testid={`priority-${p}`}>{S.action.priority[p]}</Button>
              ))}
            </View>
          )}
          {fieldErrors.priority && <Text className='error block'>{fieldErrors.priority}</Text>}
          {form.gridCode && (
            <Input className='textarea' type='number' value={gridCode} placeholder={S.action.gridCode} onInput={(e) => { setGridCode(e.detail.value); drop('gridCode') }} data-testid='grid-code' />
          )}
          {form.departmentId && (
            <Input className='textarea' type='number' value={departmentId} placeholder={S.action.departmentId} onInput={(e) => { setDepartmentId(e.detail.value); drop('gridCode') }} data-testid='department-id' />
          )}
          {fieldErrors.gridCode && <Text className='error block'>{fieldErrors.gridCode}</Text>}
          {fieldErrors.departmentId && <Text className='error block'>{fieldErrors.departmentId}</Text>}
          {form.targetId && (
            <Input className='textarea' type='number' value={targetId} placeholder={S.action.targetId} onInput={(e) => { setTargetId(e.detail.value); drop('targetId') }} data-testid='target-id' />
          )}
          {fieldErrors.targetId && <Text className='error block'>{fieldErrors.targetId}</Text>}
          {templates.length > 0 && (
            <View className='row wrap' data-testid='templates'>
              <Text className='muted'>{S.action.templates}</Text>
              {templates.map((text, i) => (
                <Button key={i} size='small' onClick={() => { setNote(text); drop('note') }} data-testid='template'>{text}</Button>
              ))}
            </View>
          )}
          {form.rating && (
            <View className='stars' data-testid='stars'>
              {[1, 2, 3, 4, 5].map((n) => (
                <Text key={n} className={`star${n <= rating ? ' star-on' : ''}`} onClick={() => {
                  setRating(n)
                  drop('rating')
                }} data-testid={`star-${n}`}>★</Text>
              ))}
            </View>
          )}
          {fieldErrors.rating && <Text className='error block'>{fieldErrors.rating}</Text>}
          {form.hours && (
            <Input className='textarea' type='number' value={hours} placeholder={S.action.hours} onInput={(e) => {
              setHours(e.detail.value)
              drop('hours')
            }} data-testid='hours' />
          )}
          {fieldErrors.hours && <Text className='error block'>{fieldErrors.hours}</Text>}
          {form.note && <Textarea
            className='textarea'
            value={note}
            maxlength={-1}
            placeholder={form.noteRequired ? S.action.noteRequired : S.action.noteOptional}
            onInput={(e) => {
              setNote(e.detail.value)
              if (e.detail.value.trim()) drop('note')
            }}
            data-testid='action-note'
          />}
          {form.note && <Text className={`counter${note.trim().length > NOTE_MAX ? ' error' : ''}`}>{`${note.trim().length}/${NOTE_MAX}`}</Text>}
          {fieldErrors.note && <Text className='error block' data-testid='err-note'>{fieldErrors.note}</Text>}
          {form.photos && (
            <PhotoPicker photos={photos.photos} onAdd={(p) => void photos.add(p)} onRemove={photos.remove} onRetry={photos.retry} />
          )}
          {fieldErrors.photos && <Text className='error block'>{fieldErrors.photos}</Text>}
          {error && <Text className='error block' data-testid='action-error'>{error}</Text>}
          <Button type='primary' size='large' onClick={() => void submit()} loading={busy} disabled={busy} data-testid='action-submit'>
            {`${S.action.confirm}${actionLabel(open)}`}
          </Button>
        </View>
      )}
    </View>
  )
}
