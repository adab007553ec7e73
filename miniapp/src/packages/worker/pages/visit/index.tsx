import { View, Text } from '@tarojs/components'
import { Button, Textarea } from '../../../../components/ui'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api } from '../../../../services/api'
import type { CreateCareVisitRequest } from '../../../../services/contracts'
import { useParams } from '../../../../hooks/useParams'
import { usePhotoUploads } from '../../../../hooks/usePhotoUploads'
import { KEYS, loadValue, removeValue } from '../../../../services/storage'
import { Page } from '../../../../components/Page'
import { PhotoPicker } from '../../../../components/report/PhotoPicker'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'
import { decode } from '../../register'
import { useFormSave } from '../../registerForm'

const C = S.care

/** The server's refusals of a visit, in the words the worker reads. */
const VISIT_ZH = {
  notes: () => C.errNotesLong(NOTES_MAX),
  photos: () => C.errPhotos,
  scheduleId: () => C.errSchedule,
  visitedAt: () => C.errVisitedAt,
  eventId: () => C.errEvent
}
export const NOTES_MAX = 2000

/** A care visit: notes, photos, and optionally an event raised through the report flow and linked. */
export default function Visit() {
  const params = useParams()
  const personId = Number(params.personId)
  const scheduleId = Number(params.scheduleId) || undefined
  const name = decode(params.name)
  const [notes, setNotes] = useState('')
  const photos = usePhotoUploads()
  const [eventId, setEventId] = useState<number>()
  const { errors, formError, sending, submit: save } = useFormSave(VISIT_ZH)

  // back from the report page: the event it filed is linked to this visit (read once, then removed)
  const pickRaised = () => {
    const raised = loadValue<number | null>(KEYS.raisedEvent, null)
    if (typeof raised === 'number' && raised > 0) {
      setEventId(raised)
      removeValue(KEYS.raisedEvent)
    }
  }
  useDidShow(pickRaised)
  useEffect(pickRaised, [])

  const raise = () => {
    removeValue(KEYS.raisedEvent)
    nav.to('/pages/report/index?for=visit')
  }

  const submit = async () => {
    const e: Record<string, string> = {}
    const text = notes.trim()
    if (!text) e.notes = C.errNotes
    else if (text.length > NOTES_MAX) e.notes = C.errNotesLong(NOTES_MAX)
    if (photos.pending()) e.photos = C.errPhotosPending
    else if (photos.failed()) e.photos = S.report.uploadFailed
    const ids = photos.uploadIds()
    const body: CreateCareVisitRequest = {
      personId,
      notes: text,
      ...(scheduleId ? { scheduleId } : {}),
      ...(ids.length ? { photos: ids } : {}),
      ...(eventId ? { eventId } : {})
    }
    await save(e, async () => {
      await api.recordVisit(body)
      void Taro.showToast({ title: C.saved, icon: 'success' })
      nav.back()
    })
  }

  return (
    <Page>
      <View className='card'>
        <Text className='card-title' data-testid='visit-title'>{C.visitTitle(name || `#${personId}`)}</Text>
        <Text className='field-label'>{C.notes}</Text>
        <Textarea className='textarea' value={notes} maxlength={NOTES_MAX} placeholder={C.notesPlaceholder} onInput={(ev) => setNotes(ev.detail.value)} data-testid='visit-notes' />
        <Text className='counter'>{`${notes.trim().length}/${NOTES_MAX}`}</Text>
        {errors.notes && <Text className='error block' data-testid='err-notes'>{errors.notes}</Text>}
      </View>
      <View className='card'>
        <Text className='field-label'>{C.photos}</Text>
        <PhotoPicker photos={photos.photos} onAdd={(paths) => void photos.add(paths)} onRemove={photos.remove} onRetry={photos.retry} />
        {errors.photos && <Text className='error block' data-testid='err-photos'>{errors.photos}</Text>}
      </View>
      <View className='card'>
        {eventId ? (
          <View className='row between' data-testid='visit-event'>
            <Text>{C.linked(eventId)}</Text>
            <Text className='link-inline' onClick={() => setEventId(undefined)}>{C.unlink}</Text>
          </View>
        ) : (
          <>
            <Text className='link' onClick={raise} data-testid='visit-raise'>{C.raise}</Text>
            <Text className='muted block'>{C.raiseHint}</Text>
          </>
        )}
        {errors.eventId && <Text className='error block' data-testid='err-eventId'>{errors.eventId}</Text>}
      </View>
      {(formError || errors.visitedAt || errors.scheduleId) && (
        <Text className='error block' data-testid='visit-error'>{[formError, errors.visitedAt, errors.scheduleId].filter(Boolean).join('；')}</Text>
      )}
      <Button type='primary' size='large' loading={sending} disabled={sending} onClick={() => void submit()} data-testid='visit-submit'>{C.submit}</Button>
    </Page>
  )
}
