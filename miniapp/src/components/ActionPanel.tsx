import { View, Text } from '@tarojs/components'
import { Button, Textarea, Input } from './ui'
import { useState } from 'react'
import type { EventAction } from '@weigrid/shared'
import { api, ApiError } from '../services/api'
import type { EventDetailDto } from '../services/contracts'
import { actionForm, actionLabel } from '../services/eventView'
import { usePhotoUploads } from '../hooks/usePhotoUploads'
import { PhotoPicker } from './report/PhotoPicker'
import { askSubscribe } from '../services/subscribe'
import { S } from '../strings'

/** The server takes notes up to this length (EventActionDto). */
const NOTE_MAX = 1000

/**
 * The buttons the server says this viewer may press (`detail.actions`, computed from the shared
 * workflow table), each opening a small form with the inputs that action takes.
 */
export function ActionPanel(props: { event: EventDetailDto; onDone: (e: EventDetailDto, action: string) => void; onStale: () => void; hide?: string[] }) {
  const actions = props.event.actions.filter((a) => !props.hide?.includes(a))
  const [open, setOpen] = useState<EventAction>()
  const [note, setNote] = useState('')
  const [rating, setRating] = useState(0)
  const [hours, setHours] = useState('')
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
        ...(photos.photos.length ? { photos: photos.uploadIds() } : {})
      })
      const done = open
      setOpen(undefined)
      setNote('')
      setRating(0)
      setHours('')
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
          <Textarea
            className='textarea'
            value={note}
            maxlength={-1}
            placeholder={form.noteRequired ? S.action.noteRequired : S.action.noteOptional}
            onInput={(e) => {
              setNote(e.detail.value)
              if (e.detail.value.trim()) drop('note')
            }}
            data-testid='action-note'
          />
          <Text className={`counter${note.trim().length > NOTE_MAX ? ' error' : ''}`}>{`${note.trim().length}/${NOTE_MAX}`}</Text>
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
