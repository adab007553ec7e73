import { View, Text } from '@tarojs/components'
import { Button, Textarea } from '../../../../components/ui'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { api, ApiError } from '../../../../services/api'
import type { OutsideGridDetails, PatrolCheckinRequest } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { useStore } from '../../../../hooks/useStore'
import { usePhotoUploads } from '../../../../hooks/usePhotoUploads'
import { session } from '../../../../services/session'
import { newRequestId } from '../../../../services/requestId'
import { LocationError } from '../../../../services/location'
import { currentPosition } from '../../../../platform/location'
import { ensurePrivacyAgreed } from '../../../../platform/privacy'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { SwitchRow } from '../../../../components/SwitchRow'
import { PhotoPicker } from '../../../../components/report/PhotoPicker'
import { CategoryChips } from '../../../../components/report/CategoryChips'
import { S } from '../../../../strings'

/** Today as the server counts patrol days (UTC+8). */
const localToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const hhmm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16)

function failureText(e: unknown): string {
  if (e instanceof LocationError) return e.kind === 'denied' ? S.location.denied : e.kind === 'off' ? S.location.off : e.kind === 'privacy' ? S.privacy.declined : S.location.failed
  if (e instanceof ApiError && e.code === 'OUTSIDE_GRID') {
    const d = e.envelope?.details as OutsideGridDetails | undefined
    return S.patrol.outside(d?.distanceM ?? null, d?.toleranceM ?? 50)
  }
  if (e instanceof ApiError && e.code === 'FORBIDDEN') return S.patrol.notPatroller
  return e instanceof ApiError ? e.userMessage : S.location.failed
}

/** Longest finding description the API takes. */
const FINDING_MAX = 500

/**
 * Patrol check-in (巡查打卡): locate, send (with a note, photos and optionally a finding filed as
 * an event — already resolved when fixed on the spot), and see today's track and — for grid
 * workers — today's coverage of their grids. One requestId per intended check-in, kept across
 * retries until it succeeds (and while its finding could not be filed: sending it again retries
 * the filing), so a tap repeated on a bad network is stored once.
 */
export default function Patrol() {
  const s = useStore(session)
  const grids = (s?.user.roles ?? []).filter((g) => g.role === 'grid_worker')
  const today = localToday()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>()
  const photos = usePhotoUploads()
  const [finding, setFinding] = useState(false)
  const [category, setCategory] = useState('')
  const [description, setDescription] = useState('')
  const [selfHandled, setSelfHandled] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const requestId = useRef(newRequestId())
  const track = useApi(() => api.patrolTrack({ date: today }), [today])
  const coverage = useApi(() => Promise.all(grids.map((g) => api.patrolCoverage({ node: g.nodeCode, from: today, to: today }))), [today, grids.map((g) => g.nodeCode).join()])
  usePullDownRefresh(() => {
    track.reload()
    coverage.reload()
    Taro.stopPullDownRefresh()
  })

  async function checkIn() {
    setMsg(undefined)
    const e: Record<string, string> = {}
    if (photos.pending()) e.photos = S.report.errPhotosPending
    else if (photos.failed()) e.photos = S.report.uploadFailed
    if (finding && !category) e.category = S.patrol.errFindingCategory
    if (finding && !description.trim()) e.description = S.patrol.errFindingDescription
    else if (finding && description.trim().length > FINDING_MAX) e.description = S.report.errDescriptionLong(FINDING_MAX)
    setErrors(e)
    if (Object.keys(e).length) return
    setBusy(true)
    try {
      if (!(await ensurePrivacyAgreed())) throw new LocationError('privacy')
      const p = await currentPosition()
      const ids = photos.uploadIds()
      const body: PatrolCheckinRequest = {
        requestId: requestId.current,
        location: { lat: p.lat, lng: p.lng, crs: 'gcj02' },
        note: note.trim() || undefined,
        ...(ids.length ? { photos: ids } : {}),
        ...(finding ? { finding: { category, description: description.trim(), selfHandled } } : {})
      }
      const r = await api.patrolCheckin(body)
      const done = S.patrol.done(r.microGrid?.name ?? r.grid.name, r.outsideM)
      if (finding && !r.finding) {
        // Stored, but not (yet) an event: keep the form and the requestId so a second tap retries the filing only.
        setMsg({ ok: false, text: `${done}；${S.patrol.notFiled(r.findingReason ?? '')}` })
      } else {
        requestId.current = newRequestId()
        setNote('')
        photos.clear()
        setFinding(false)
        setCategory('')
        setDescription('')
        setSelfHandled(false)
        setMsg({ ok: true, text: r.finding ? `${done}；${S.patrol.filed(r.finding.eventId, r.finding.selfHandled)}` : done })
      }
      track.reload()
      coverage.reload()
    } catch (err) {
      setMsg({ ok: false, text: failureText(err) })
    } finally {
      setBusy(false)
    }
  }

  const t = track.data
  return (
    <Page>
      <View className='card'>
        <Text className='field-label'>{S.patrol.note}</Text>
        <Textarea label={S.patrol.note} className='textarea' value={note} maxlength={500} onInput={(ev) => setNote(ev.detail.value)} data-testid='patrol-note' />
        <Text className='field-label'>{S.patrol.photos}</Text>
        <PhotoPicker photos={photos.photos} onAdd={(paths) => void photos.add(paths)} onRemove={photos.remove} onRetry={photos.retry} disabled={busy} />
        {errors.photos && <Text className='error block' data-testid='err-photos'>{errors.photos}</Text>}
      </View>
      <View className='card'>
        <SwitchRow label={S.patrol.finding} hint={S.patrol.findingHint} checked={finding} onChange={setFinding} testid='patrol-finding' />
        {finding && (
          <View data-testid='patrol-finding-form'>
            <CategoryChips value={category} onChange={setCategory} testid='finding-category' />
            {errors.category && <Text className='error block' data-testid='err-finding-category'>{errors.category}</Text>}
            <Text className='field-label'>{S.patrol.findingDescription}</Text>
            <Textarea label={S.patrol.finding} className='textarea' value={description} maxlength={FINDING_MAX} placeholder={S.patrol.findingPlaceholder} onInput={(ev) => setDescription(ev.detail.value)} data-testid='finding-description' />
            {errors.description && <Text className='error block' data-testid='err-finding-description'>{errors.description}</Text>}
            <SwitchRow label={S.patrol.selfHandled} hint={S.patrol.selfHandledHint} checked={selfHandled} onChange={setSelfHandled} testid='finding-self-handled' />
          </View>
        )}
        <Button type='primary' size='large' disabled={busy} onClick={checkIn} data-testid='patrol-checkin'>{busy ? S.patrol.checkingIn : S.patrol.checkIn}</Button>
        {msg && <Text className={`block ${msg.ok ? '' : 'error'}`} data-testid='patrol-msg'>{msg.text}</Text>}
      </View>
      <View className='card' data-testid='patrol-track'>
        <Text className='card-title'>{S.patrol.track}</Text>
        <StateView loading={track.loading && !t} error={t ? undefined : track.error} onRetry={track.reload}>
          {t && (t.points.length ? <Text className='block'>{S.patrol.trackSummary(t.points.length, t.distanceM, t.microGridsVisited)}</Text> : <Text className='muted'>{S.patrol.noTrack}</Text>)}
          {t?.points.map((p) => (
            <Text key={p.id} className='block muted'>{`${hhmm(p.at)} · ${p.microGrid?.name ?? p.grid.name}${p.note ? ` · ${p.note}` : ''}`}</Text>
          ))}
        </StateView>
      </View>
      {grids.length > 0 && (
        <View className='card' data-testid='patrol-coverage'>
          <Text className='card-title'>{S.patrol.coverage}</Text>
          <StateView loading={coverage.loading && !coverage.data} error={coverage.data ? undefined : coverage.error} onRetry={coverage.reload}>
            {(coverage.data ?? []).flatMap((c) => c.grids).map((g) => {
              const d = g.days[g.days.length - 1]
              return (
                <View key={g.code} className='row between list-item'>
                  <Text>{g.name}</Text>
                  <Text className={d?.patrolled ? 'state-chip state-done' : 'state-chip state-open'}>{`${d?.patrolled ? S.patrol.patrolled : S.patrol.notPatrolled} · ${S.patrol.micro(d?.microGridsVisited ?? 0, g.microGrids)}`}</Text>
                </View>
              )
            })}
          </StateView>
        </View>
      )}
    </Page>
  )
}
