import { View, Text, Button, Textarea } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { api, ApiError } from '../../../../services/api'
import type { OutsideGridDetails } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { useStore } from '../../../../hooks/useStore'
import { session } from '../../../../services/session'
import { newRequestId } from '../../../../services/requestId'
import { LocationError } from '../../../../services/location'
import { currentPosition } from '../../../../platform/location'
import { ensurePrivacyAgreed } from '../../../../platform/privacy'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
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

/**
 * Patrol check-in (巡查打卡): locate, send, and see today's track and — for grid workers — today's
 * coverage of their grids. One requestId per intended check-in, kept across retries until it
 * succeeds, so a tap repeated on a bad network is stored once.
 */
export default function Patrol() {
  const s = useStore(session)
  const grids = (s?.user.roles ?? []).filter((g) => g.role === 'grid_worker')
  const today = localToday()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [msg, setMsg] = useState<{ ok: boolean; text: string }>()
  const requestId = useRef(newRequestId())
  const track = useApi(() => api.patrolTrack({ date: today }), [today])
  const coverage = useApi(() => Promise.all(grids.map((g) => api.patrolCoverage({ node: g.nodeCode, from: today, to: today }))), [today, grids.map((g) => g.nodeCode).join()])
  usePullDownRefresh(() => {
    track.reload()
    coverage.reload()
    Taro.stopPullDownRefresh()
  })

  async function checkIn() {
    setBusy(true)
    setMsg(undefined)
    try {
      if (!(await ensurePrivacyAgreed())) throw new LocationError('privacy')
      const p = await currentPosition()
      const r = await api.patrolCheckin({ requestId: requestId.current, location: { lat: p.lat, lng: p.lng, crs: 'gcj02' }, note: note.trim() || undefined })
      requestId.current = newRequestId()
      setNote('')
      setMsg({ ok: true, text: S.patrol.done(r.microGrid?.name ?? r.grid.name, r.outsideM) })
      track.reload()
      coverage.reload()
    } catch (e) {
      setMsg({ ok: false, text: failureText(e) })
    } finally {
      setBusy(false)
    }
  }

  const t = track.data
  return (
    <Page>
      <View className='card'>
        <Text className='field-label'>{S.patrol.note}</Text>
        <Textarea className='textarea' value={note} maxlength={500} onInput={(ev) => setNote(ev.detail.value)} data-testid='patrol-note' />
        <Button className='big-button' disabled={busy} onClick={checkIn} data-testid='patrol-checkin'>{busy ? S.patrol.checkingIn : S.patrol.checkIn}</Button>
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
