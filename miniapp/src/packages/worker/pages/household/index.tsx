import { useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import type { PersonDto } from '@weigrid/shared'
import { api, ApiError } from '../../../../services/api'
import { useApi } from '../../../../hooks/useApi'
import { StateView } from '../../../../components/StateView'
import { S } from '../../../../strings'

/**
 * 一户一档: one household's file for a grid worker — people (phone and ID masked; "显示完整"
 * reveals them for roles that may, and the server logs it), place, risk items, visits, timeline.
 * Opened as /packages/worker/pages/household/index?id=<householdId>.
 */
export default function Household(props: { householdId?: number }) {
  const id = props.householdId ?? Number(Taro.getCurrentInstance()?.router?.params?.id)
  const file = useApi(() => api.household(id), [id])
  const [revealed, setRevealed] = useState<Record<number, PersonDto>>({})
  const [revealError, setRevealError] = useState<string>()

  const reveal = async (personId: number) => {
    setRevealError(undefined)
    try {
      const p = await api.person(personId, true)
      setRevealed((r) => ({ ...r, [personId]: p }))
    } catch (e) {
      setRevealError(e instanceof ApiError ? e.userMessage : String(e))
    }
  }

  const f = file.data
  const H = S.household
  return (
    <View className='page'>
      <StateView loading={file.loading} error={file.error} onRetry={file.reload}>
        {f && (
          <>
            <View className='card'>
              <Text className='title'>{[f.household.place.address, f.household.place.building, f.household.place.unit, f.household.place.room].filter(Boolean).join(' ')}</Text>
              <Text className='muted'>{`${f.household.place.gridName} · ${H.code} ${f.household.code || '—'}`}</Text>
            </View>
            <View className='card'>
              <Text className='title'>{H.people}</Text>
              {f.household.people.map((p0) => {
                const p = revealed[p0.id] ?? p0
                return (
                  <View key={p.id} className='row' data-testid={`person-${p.id}`}>
                    <Text>{`${p.name}（${p.relation}）${p.birthYear ? ` ${p.birthYear}` : ''}`}</Text>
                    <Text className='muted'>{`${H.phone} ${p.phone ?? '—'}  ${H.idNumber} ${p.idNumber ?? '—'}`}</Text>
                    {p.tags.length > 0 && <Text className='tag'>{p.tags.join('、')}</Text>}
                    {p0.canReveal && !p.revealed && (
                      <Button size='mini' onClick={() => void reveal(p.id)}>
                        {H.reveal}
                      </Button>
                    )}
                  </View>
                )
              })}
              {revealError && <Text className='error'>{revealError}</Text>}
              <Text className='muted small'>{H.revealNote}</Text>
            </View>
            <View className='card'>
              <Text className='title'>{H.risks}</Text>
              {f.risks.length === 0 ? <Text className='muted'>{S.empty}</Text> : f.risks.map((r) => <Text key={r.id}>{`${H.riskKind[r.kind as keyof typeof H.riskKind] ?? r.kind} · ${H.riskState[r.state as keyof typeof H.riskState] ?? r.state}`}</Text>)}
            </View>
            <View className='card'>
              <Text className='title'>{H.timeline}</Text>
              {f.timeline.length === 0 ? (
                <Text className='muted'>{S.empty}</Text>
              ) : (
                f.timeline.map((i) => <Text key={`${i.kind}-${i.refId}`}>{`${i.at.slice(0, 10)} ${i.title}`}</Text>)
              )}
            </View>
          </>
        )}
      </StateView>
    </View>
  )
}
