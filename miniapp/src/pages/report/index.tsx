import { View, Text } from '@tarojs/components'
import { Button, Textarea } from '../../components/ui'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../../services/api'
import type { NearbyEventDto } from '../../services/contracts'
import { useLocationFlow } from '../../hooks/useLocationFlow'
import { useReportQueue } from '../../hooks/useReportQueue'
import { enqueue, sendQueued } from '../../services/reportQueue'
import { newRequestId } from '../../services/requestId'
import { KEYS, loadValue, removeValue, saveValue } from '../../services/storage'
import type { GcjPoint, PickedPlace } from '../../services/location'
import { compressPhoto } from '../../platform/image'
import { currentPosition } from '../../platform/location'
import { Page } from '../../components/Page'
import { SwitchRow } from '../../components/SwitchRow'
import { CategoryChips } from '../../components/report/CategoryChips'
import { PhotoPicker, type PhotoItem } from '../../components/report/PhotoPicker'
import { LocationField } from '../../components/report/LocationField'
import { GridChooser, type ChosenGrid } from '../../components/report/GridChooser'
import { nav } from '../../services/nav'
import { useParams } from '../../hooks/useParams'
import { usePresetGrid } from '../../hooks/usePresetGrid'
import { askSubscribe, prefetchTemplates } from '../../services/subscribe'
import { S } from '../../strings'

export const DESCRIPTION_MIN = 5
export const DESCRIPTION_MAX = 500

/** What survives leaving the page, a failed send or a restart: nothing typed is lost. */
interface Draft {
  requestId: string
  category: string
  description: string
  anonymous: boolean
  point?: PickedPlace
  grid?: ChosenGrid
  photos: { localPath: string; uploadId?: string }[]
}

function loadDraft(): Draft {
  const d = loadValue<Draft | null>(KEYS.reportDraft, null)
  return d && d.requestId ? d : { requestId: newRequestId(), category: '', description: '', anonymous: false, photos: [] }
}

let photoSeq = 0

export default function Report() {
  // opened from a care visit's 发起事件: go back to the visit with the new event's id instead of to the event
  const params = useParams()
  const forVisit = params.for === 'visit'
  const [draft] = useState(loadDraft)
  const [requestId, setRequestId] = useState(draft.requestId)
  // a category entry of the home page opens the report with it chosen (a draft's own choice wins)
  const [category, setCategory] = useState(draft.category || (params.category ?? ''))
  const [description, setDescription] = useState(draft.description)
  const [anonymous, setAnonymous] = useState(draft.anonymous)
  const [chosenGrid, setChosenGrid] = useState<ChosenGrid | undefined>(draft.grid)
  const [choosing, setChoosing] = useState(false)
  const [photos, setPhotos] = useState<PhotoItem[]>(() =>
    draft.photos.map((p) => ({ key: `p${++photoSeq}`, localPath: p.localPath, uploadId: p.uploadId, status: p.uploadId ? 'done' : 'waiting', progress: p.uploadId ? 100 : 0 }))
  )
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string>()
  // saved without network: the form is cleared and this page says so (no page change, whose code may not be loaded offline)
  const [savedOffline, setSavedOffline] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [nearby, setNearby] = useState<NearbyEventDto[]>([])
  const [supported, setSupported] = useState<number[]>([])
  const loc = useLocationFlow(draft.point)
  // opened from a place QR code (scene g=<code>) or a group card's report button: that micro-grid
  const preset = usePresetGrid()
  useEffect(() => {
    if (preset.grid) setChosenGrid(preset.grid)
  }, [preset.grid])
  const queue = useReportQueue()
  const photosRef = useRef(photos)
  photosRef.current = photos

  // keep the draft
  useEffect(() => {
    saveValue(KEYS.reportDraft, {
      requestId,
      category,
      description,
      anonymous,
      point: loc.point,
      grid: chosenGrid,
      photos: photos.map((p) => ({ localPath: p.localPath, uploadId: p.uploadId }))
    } satisfies Draft)
  }, [requestId, category, description, anonymous, loc.point, chosenGrid, photos])

  // An error belongs to the value it was about: it goes as soon as that value is fixed.
  const dropErrors = (...keys: string[]) =>
    setErrors((e) => {
      if (!keys.some((k) => k in e)) return e
      const next = { ...e }
      for (const k of keys) delete next[k]
      return next
    })
  useEffect(() => {
    if (category) dropErrors('category')
  }, [category])
  useEffect(() => {
    if (loc.point || chosenGrid) dropErrors('location', 'gridCode')
  }, [loc.point, chosenGrid])
  useEffect(() => {
    const len = description.trim().length
    if (len >= DESCRIPTION_MIN && len <= DESCRIPTION_MAX) dropErrors('description')
  }, [description])
  useEffect(() => {
    if (!photos.some((p) => p.status === 'uploading' || p.status === 'compressing' || p.status === 'failed')) dropErrors('photos', 'file')
  }, [photos])

  // route a restored point once; fetch subscribe templates so the submit tap can ask at once
  useEffect(() => {
    void prefetchTemplates()
    if (draft.point) void loc.setPoint(draft.point)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // "me too": open events of this category near this point
  useEffect(() => {
    setNearby([])
    if (!category || !loc.point) return
    let alive = true
    api.nearbyEvents({ category, lat: loc.point.lat, lng: loc.point.lng }).then(
      (list) => alive && setNearby(list),
      () => undefined // an optional hint: never block reporting on it
    )
    return () => {
      alive = false
    }
  }, [category, loc.point])

  const updatePhoto = (key: string, change: Partial<PhotoItem>) => setPhotos((ps) => ps.map((p) => (p.key === key ? { ...p, ...change } : p)))

  const uploadPhoto = async (key: string, path: string) => {
    updatePhoto(key, { status: 'uploading', progress: 0, error: undefined })
    try {
      const up = await api.upload(path, (pct) => updatePhoto(key, { progress: pct }))
      updatePhoto(key, { status: 'done', progress: 100, uploadId: up.id })
    } catch (e) {
      // offline: the queue uploads it later; other failures can be retried by tapping
      updatePhoto(key, { status: e instanceof ApiError && e.isNetwork ? 'waiting' : 'failed', error: e instanceof ApiError ? e.userMessage : undefined })
    }
  }

  const addPhotos = async (paths: string[]) => {
    const items: PhotoItem[] = paths.map((p) => ({ key: `p${++photoSeq}`, localPath: p, status: 'compressing', progress: 0 }))
    setPhotos((ps) => [...ps, ...items])
    for (const it of items) {
      const small = await compressPhoto(it.localPath)
      updatePhoto(it.key, { localPath: small })
      await uploadPhoto(it.key, small)
    }
  }

  const validate = (): Record<string, string> => {
    const e: Record<string, string> = {}
    if (!category) e.category = S.report.errCategory
    const len = description.trim().length
    if (len < DESCRIPTION_MIN) e.description = S.report.errDescription
    else if (len > DESCRIPTION_MAX) e.description = S.report.errDescriptionLong(DESCRIPTION_MAX)
    if (!loc.point && !chosenGrid) e.location = S.report.errLocation
    if (photos.some((p) => p.status === 'uploading' || p.status === 'compressing')) e.photos = S.report.errPhotosPending
    return e
  }

  const finish = (message: string, eventId?: number) => {
    removeValue(KEYS.reportDraft)
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
    if (forVisit) {
      if (eventId) saveValue(KEYS.raisedEvent, eventId)
      nav.back()
    } else if (eventId) nav.redirect(`/pages/event/index?id=${eventId}`)
    else nav.tab('/pages/index/index')
  }

  const resetForm = () => {
    removeValue(KEYS.reportDraft)
    setRequestId(newRequestId())
    setCategory('')
    setDescription('')
    setAnonymous(false)
    setChosenGrid(undefined)
    setPhotos([])
    setNearby([])
  }

  const submit = async () => {
    setFormError(undefined)
    setSavedOffline(false)
    const e = validate()
    setErrors(e)
    if (Object.keys(e).length) return
    askSubscribe(['event_progress'])
    setSubmitting(true)
    try {
      enqueue({
        requestId,
        body: {
          category,
          description: description.trim(),
          // a grid chosen by hand wins over the point (virtual micro-grids have no polygon)
          ...(loc.point ? { location: { lat: loc.point.lat, lng: loc.point.lng, crs: 'gcj02' as const } } : {}),
          ...(chosenGrid ? { gridCode: chosenGrid.code } : {}),
          ...(loc.point?.address || loc.point?.name ? { address: loc.point.address ?? loc.point.name } : {}),
          anonymous
        },
        photos: photosRef.current.map((p) => ({ localPath: p.localPath, uploadId: p.uploadId }))
      })
      const r = await sendQueued(requestId, (i, pct) => {
        const p = photosRef.current[i]
        if (p) updatePhoto(p.key, { status: 'uploading', progress: pct })
      })
      if (r.kind === 'sent') finish(r.result.replayed ? S.report.sentReplayed : r.result.held ? S.report.heldNotice : S.report.sent, r.result.id)
      else if (r.kind === 'offline') {
        // Stay here: offline, the next page's code may not be loadable (H5 chunks), and a page that
        // still shows the form would look unsent. The queue sends it and says so when it does.
        resetForm()
        setSavedOffline(true)
        if (forVisit) finish(S.report.queued)
      }
      else {
        // refused: show the server's reasons beside the fields; what was typed stays
        setErrors(r.error.shownFieldErrors)
        setFormError(r.error.userMessage)
        setRequestId(newRequestId())
      }
    } finally {
      setSubmitting(false)
    }
  }

  const meToo = async (id: number) => {
    // where the user stands now (not the point picked for the report): the server checks it is near
    let here: GcjPoint
    try {
      here = await currentPosition()
    } catch {
      setFormError(S.report.meTooNeedsLocation)
      return
    }
    try {
      await api.supportEvent(id, here)
      setSupported((s) => [...s, id])
      void Taro.showToast({ title: S.report.meTooDone, icon: 'none' })
    } catch (e) {
      setFormError(e instanceof ApiError ? e.userMessage : undefined)
    }
  }

  const count = description.trim().length
  return (
    <Page>
      {savedOffline && (
        <View className='card notice' data-testid='saved-offline' {...({ role: 'status' } as object)}>
          <Text className='card-title'>{S.report.savedOfflineTitle}</Text>
          <Text className='block'>{S.report.queued}</Text>
        </View>
      )}
      {queue.items.length > 0 && (
        <View className='card notice' data-testid='queued'>
          <Text>{S.home.queued(queue.items.length)}</Text>
          <Button size='small' onClick={() => void queue.flush()} loading={queue.flushing}>{S.report.pendingRetry}</Button>
        </View>
      )}

      <View className='card'>
        <Text className='field-label'>{S.report.category}</Text>
        <CategoryChips value={category} onChange={setCategory} />
        {errors.category && <Text className='error block' data-testid='err-category'>{errors.category}</Text>}
      </View>

      <View className='card'>
        <Text className='field-label'>{S.report.photos}</Text>
        <PhotoPicker
          photos={photos}
          onAdd={(paths) => void addPhotos(paths)}
          onRemove={(key) => setPhotos((ps) => ps.filter((p) => p.key !== key))}
          onRetry={(key) => {
            const p = photos.find((x) => x.key === key)
            if (p) void uploadPhoto(key, p.localPath)
          }}
        />
        {(errors.photos || errors.file) && <Text className='error block'>{errors.photos ?? errors.file}</Text>}
      </View>

      <View className='card'>
        <LocationField flow={loc} error={errors.location ?? errors.gridCode} hideGrid={!!chosenGrid} />
        {preset.failed && <Text className='warn block'>{S.report.presetFailed}</Text>}
        {chosenGrid ? (
          <View className='goes-to' data-testid='chosen-grid'>
            <Text className='muted'>{S.grid.goesTo}</Text>
            <Text className='goes-to-name'>{chosenGrid.name}</Text>
            <Text className='muted block'>{chosenGrid.path.map((p) => p.name).join(' / ')}</Text>
            <Text className='muted block'>{S.grid.manualHint}</Text>
            <Text className='link' onClick={() => setChosenGrid(undefined)}>{S.cancel}</Text>
          </View>
        ) : (
          <Text className='link' onClick={() => setChoosing(true)} data-testid='choose-grid'>{S.location.chooseGrid}</Text>
        )}
      </View>
      {choosing && (
        <GridChooser
          onChoose={(g) => {
            setChosenGrid(g)
            setChoosing(false)
          }}
          onCancel={() => setChoosing(false)}
        />
      )}

      {nearby.length > 0 && (
        <View className='card' data-testid='nearby'>
          <Text className='field-label'>{S.report.nearbyTitle}</Text>
          <Text className='muted block'>{S.report.nearbyHint}</Text>
          {nearby.map((n) => (
            <View key={n.id} className='row between list-item'>
              <View className='grow'>
                <Text className='block'>{n.description}</Text>
                <Text className='muted'>{`${Math.round(n.distanceM)} 米 · ${n.supporters} 人遇到`}</Text>
              </View>
              <Button size='small' disabled={supported.includes(n.id)} onClick={() => void meToo(n.id)}>
                {supported.includes(n.id) ? S.report.meTooDone : S.report.meToo}
              </Button>
            </View>
          ))}
        </View>
      )}

      <View className='card'>
        <Text className='field-label'>{S.report.description}</Text>
        <Textarea
          label={S.report.description}
          className='textarea'
          value={description}
          maxlength={-1}
          placeholder={S.report.descriptionPlaceholder}
          onInput={(e) => setDescription(e.detail.value)}
          data-testid='description'
        />
        <Text className={`counter${count > DESCRIPTION_MAX ? ' error' : ''}`} data-testid='counter'>{`${count}/${DESCRIPTION_MAX}`}</Text>
        {count > DESCRIPTION_MAX && !errors.description && <Text className='error block' data-testid='over-description'>{S.report.overBy(count - DESCRIPTION_MAX)}</Text>}
        {errors.description && <Text className='error block' data-testid='err-description'>{errors.description}</Text>}
      </View>

      <SwitchRow className='card row between' label={S.report.anonymous} hint={S.report.anonymousHint} checked={anonymous} onChange={setAnonymous} testid='anonymous' />

      {formError && <View className='card error' data-testid='form-error'>{formError}</View>}
      <Button type='primary' size='large' onClick={() => void submit()} loading={submitting} disabled={submitting} data-testid='submit'>
        {submitting ? S.report.submitting : S.report.submit}
      </Button>
    </Page>
  )
}
