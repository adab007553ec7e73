import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { ORG_KIND_LABEL, RISK_KIND_LABEL, RISK_STATES } from '@weigrid/shared'
import { api, ApiError } from '../../../../services/api'
import type { PersonDto, RiskDto } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { useParams } from '../../../../hooks/useParams'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'
import { formFailure } from '../../registerForm'
import { carePlanUrl, day, personUrl, rooms, visitUrl } from '../../register'

const R = S.register

/** 一户一档: the household's people (masked until revealed, and each reveal logged), place, organizations, risks, visits, events, campaign answers and timeline. */
export default function Household() {
  const id = Number(useParams().id)
  const file = useApi(() => (id > 0 ? api.householdFile(id) : Promise.reject(new ApiError(404, { code: 'NOT_FOUND', message: 'no household' }))), [id])
  // revealed people replace the masked ones by id; a refusal is shown beside that person
  const [full, setFull] = useState<Record<number, PersonDto>>({})
  const [revealErr, setRevealErr] = useState<Record<number, string>>({})
  const [busy, setBusy] = useState<number>()
  const shown = useRef(false)
  useDidShow(() => {
    // back from recording a visit: the file shows it
    if (shown.current) file.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    file.reload()
    Taro.stopPullDownRefresh()
  })

  const reveal = async (p: PersonDto) => {
    setBusy(p.id)
    setRevealErr((e) => ({ ...e, [p.id]: '' }))
    try {
      const r = await api.person(p.id, true)
      setFull((f) => ({ ...f, [p.id]: r }))
    } catch (e) {
      const msg = e instanceof ApiError && e.status === 403 ? R.revealWho : e instanceof ApiError ? e.userMessage : R.revealWho
      setRevealErr((x) => ({ ...x, [p.id]: msg }))
    } finally {
      setBusy(undefined)
    }
  }

  // a risk's state changed in place (待整改 → 整改中 → 已消除); a refusal shows beside that risk
  const [riskErr, setRiskErr] = useState<Record<number, string>>({})
  const setRiskState = async (r: RiskDto, state: string) => {
    setBusy(-r.id) // (one busy marker for the page: people by id, risks by minus id)
    setRiskErr((x) => ({ ...x, [r.id]: '' }))
    try {
      await api.updateRisk(r.id, { version: r.version, state })
      void Taro.showToast({ title: R.riskSaved, icon: 'success' })
      file.reload()
    } catch (e) {
      const f = formFailure(e)
      setRiskErr((x) => ({ ...x, [r.id]: f.fields.state ?? f.fields.version ?? f.form }))
    } finally {
      setBusy(undefined)
    }
  }

  const f = file.data
  const h = f?.household
  const at = h ? `placeId=${h.place.id}&householdId=${h.id}&address=${encodeURIComponent(h.place.address)}` : ''
  return (
    <Page>
      <StateView loading={file.loading && !f} error={f ? undefined : file.error} onRetry={file.reload}>
        {f && h && (
          <>
            <View className='card' data-testid='hh-place'>
              <Text className='card-title'>{`${R.file} · ${h.place.address}`}</Text>
              <Text className='block'>{rooms(h.place) || R.none}</Text>
              <Text className='muted block' data-testid='hh-code'>{`${h.place.gridName}${h.code ? ` · ${h.code}` : ''}`}</Text>
              {h.note && <Text className='muted block'>{h.note}</Text>}
              <View className='row'>
                <Text className='link-action' onClick={() => nav.to(`/packages/worker/pages/household-edit/index?id=${h.id}`)} data-testid='edit-household'>{R.editHousehold}</Text>
                <Text className='link-action' onClick={() => nav.to(`/packages/worker/pages/household-edit/index?${at}`)} data-testid='new-household-here'>{R.newHouseholdHere}</Text>
              </View>
            </View>

            <View className='card' data-testid='hh-people'>
              <Text className='card-title'>{R.people}</Text>
              {h.people.length === 0 && <Text className='muted'>{R.none}</Text>}
              {h.people.some((p) => p.canReveal) && <Text className='muted block' data-testid='reveal-note'>{R.revealNote}</Text>}
              {h.people.map((masked) => {
                const p = full[masked.id] ?? masked
                return (
                  <View key={p.id} className='list-item' data-testid='person' data-id={p.id}>
                    <View className='row between'>
                      <Text className='field-label'>{`${p.name}（${p.relation}）`}</Text>
                      {p.birthYear !== null && <Text className='muted'>{R.birthYear(p.birthYear)}</Text>}
                    </View>
                    {p.tags.length > 0 && (
                      <View className='chips'>
                        {p.tags.map((t) => <Text key={t} className='state-chip state-open'>{t}</Text>)}
                      </View>
                    )}
                    <Text className='block' data-testid='person-phone'>{`${R.phone}：${p.phone ?? R.none}`}</Text>
                    <Text className='block' data-testid='person-id'>{`${R.idNumber}：${p.idNumber ?? R.none}`}</Text>
                    {p.revealed ? (
                      <Text className='warn block' data-testid='revealed'>{R.revealed}</Text>
                    ) : (
                      p.canReveal !== false && (
                        <Button size='small' loading={busy === p.id} onClick={() => void reveal(p)} data-testid='reveal'>{R.reveal}</Button>
                      )
                    )}
                    <Button size='small' type='primary' onClick={() => nav.to(visitUrl({ personId: p.id, name: p.name, householdId: h.id }))} data-testid='person-visit'>{R.visit}</Button>
                    <Button size='small' onClick={() => nav.to(personUrl(h.id, p.id))} data-testid='person-edit'>{R.editPerson}</Button>
                    {p.tags.length > 0 && (
                      <Button size='small' onClick={() => nav.to(carePlanUrl(p))} data-testid='person-plan'>{R.carePlan}</Button>
                    )}
                    {revealErr[p.id] && <Text className='error block' data-testid='reveal-error'>{revealErr[p.id]}</Text>}
                  </View>
                )
              })}
              <Text className='link' onClick={() => nav.to(personUrl(h.id))} data-testid='add-person'>{R.addPerson}</Text>
            </View>

            <View className='card' data-testid='hh-orgs'>
              <Text className='card-title'>{R.orgs}</Text>
              {f.organizations.length === 0 && <Text className='muted'>{R.none}</Text>}
              {f.organizations.map((o) => (
                <View key={o.id} className='list-item row between' data-testid='org' data-id={o.id}>
                  <View className='grow'>
                    <Text>{o.name}</Text>
                    <Text className='muted'>{` · ${ORG_KIND_LABEL[o.kind as keyof typeof ORG_KIND_LABEL] ?? o.kind}${o.contactName ? ` · ${o.contactName}` : ''}`}</Text>
                  </View>
                  <Text className='link-action' onClick={() => nav.to(`/packages/worker/pages/org-new/index?id=${o.id}&${at}`)} data-testid='org-edit'>{R.editPerson}</Text>
                </View>
              ))}
              <Text className='link' onClick={() => nav.to(`/packages/worker/pages/org-new/index?${at}`)} data-testid='add-org'>{R.addOrg}</Text>
            </View>

            <View className='card' data-testid='hh-risks'>
              <Text className='card-title'>{R.risks}</Text>
              {f.risks.length === 0 && <Text className='muted'>{R.none}</Text>}
              {f.risks.map((r) => (
                <View key={r.id} className='list-item' data-testid='risk' data-id={r.id}>
                  <View className='row between'>
                    <View className='grow'>
                      <Text className='block'>{RISK_KIND_LABEL[r.kind as keyof typeof RISK_KIND_LABEL] ?? r.kind}</Text>
                      {r.note && <Text className='muted block'>{r.note}</Text>}
                    </View>
                    <Text className={`state-chip ${r.state === 'resolved' ? 'state-done' : r.state === 'open' ? 'state-bad' : 'state-open'}`} data-testid='risk-state'>{R.riskState[r.state] ?? r.state}</Text>
                  </View>
                  <View className='row wrap'>
                    <Text className='muted'>{R.riskChangeTo}</Text>
                    {RISK_STATES.filter((st) => st !== r.state).map((st) => (
                      <Text key={st} className={`link-action${busy === -r.id ? ' muted' : ''}`} onClick={() => busy !== -r.id && void setRiskState(r, st)} data-testid={`risk-to-${st}`}>{R.riskState[st]}</Text>
                    ))}
                  </View>
                  {riskErr[r.id] && <Text className='error block' data-testid='risk-error'>{riskErr[r.id]}</Text>}
                </View>
              ))}
              <Text className='link' onClick={() => nav.to(`/packages/worker/pages/risk-new/index?${at}`)} data-testid='add-risk'>{R.addRisk}</Text>
            </View>

            <View className='card' data-testid='hh-visits'>
              <Text className='card-title'>{R.visits}</Text>
              {f.visits.length === 0 && <Text className='muted'>{R.none}</Text>}
              {f.visits.map((v) => (
                <View key={v.id} className='list-item' data-testid='visit'>
                  <Text className='muted block'>{`${day(v.visitedAt)} · ${v.personName}${v.photos.length ? ` · 照片 ${v.photos.length} 张` : ''}`}</Text>
                  <Text className='block'>{v.notes}</Text>
                  {v.eventId !== null && (
                    <Text className='link' onClick={() => nav.to(`/pages/event/index?id=${v.eventId}`)}>{S.volunteer.event(v.eventId)}</Text>
                  )}
                </View>
              ))}
            </View>

            <View className='card' data-testid='hh-events'>
              <Text className='card-title'>{R.events}</Text>
              {f.events.length === 0 && <Text className='muted'>{R.none}</Text>}
              {f.events.map((e) => (
                <View key={e.id} className='list-item row between' onClick={() => nav.to(`/pages/event/index?id=${e.id}`)} data-testid='hh-event'>
                  <View className='grow'>
                    <Text className='block'>{e.title}</Text>
                    <Text className='muted'>{day(e.at)}</Text>
                  </View>
                  <Text className='link-inline'>{R.openEvent}</Text>
                </View>
              ))}
            </View>

            <View className='card' data-testid='hh-answers'>
              <Text className='card-title'>{R.answers}</Text>
              {f.campaignAnswers.length === 0 && <Text className='muted'>{R.none}</Text>}
              {f.campaignAnswers.map((a) => (
                <View key={a.id} className='list-item'>
                  <Text className='block'>{a.campaign}</Text>
                  <Text className='muted block'>{`${day(a.at)} · ${a.summary}`}</Text>
                </View>
              ))}
            </View>

            <View className='card' data-testid='hh-timeline'>
              <Text className='card-title'>{R.timeline}</Text>
              {f.timeline.length === 0 && <Text className='muted'>{R.none}</Text>}
              {f.timeline.map((t, i) => (
                <View key={`${t.kind}${t.refId}-${i}`} className='timeline-item'>
                  <Text className='muted block'>{`${day(t.at)} · ${R.timelineKind[t.kind] ?? t.kind}`}</Text>
                  <Text className='block'>{t.title}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </StateView>
    </Page>
  )
}
