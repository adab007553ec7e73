import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api } from '../../../../services/api'
import type { MyClaimDto, ResidentHouseholdDto, ResidentPersonDto } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { S } from '../../../../strings'
import { RS } from '../../strings'
import { PersonFields } from '../../components/PersonFields'
import { TextField } from '../../components/Fields'
import { checkPerson, idNumberProblem, personPatch, personValues, useFormSave, type PersonValues } from '../../registerForm'
import { placeLine } from '../../register'

const M = RS.myHousehold
const R = S.register

/**
 * 我的家庭档案 (residents, from 我的): ask to claim the household with the name and ID number on
 * file (a request the micro-grid's staff confirm; at once when the WeChat-verified phone is the
 * record's), see where the request stands, then see the household (my own numbers in full, my
 * family's masked, as the server sends them) and correct any member's fields. Tags stay with the
 * grid workers; the server logs every view and correction.
 */
export default function MyHousehold() {
  const mine = useApi(api.myHouseholds, [])
  const claims = useApi(api.myClaims, [])
  const [claiming, setClaiming] = useState(false)
  const list = mine.data ?? []
  // Decided claims stay listed until the household shows (confirmed) or a newer claim replaces them.
  const open = (claims.data ?? []).filter((c) => c.state !== 'confirmed').slice(0, 1)
  const reload = () => {
    mine.reload()
    claims.reload()
  }
  return (
    <Page>
      <StateView loading={mine.loading && !mine.data} error={mine.data ? undefined : mine.error} onRetry={reload}>
        {list.map((f) => <HouseholdCard key={f.household.id} file={f} onSaved={mine.reload} />)}
        {open.map((c) => <ClaimCard key={c.id} claim={c} />)}
        {mine.data && ((list.length === 0 && open[0]?.state !== 'pending') || claiming) ? (
          <ClaimForm
            onClaimed={() => {
              setClaiming(false)
              reload()
            }}
          />
        ) : (
          mine.data && <Text className='link center' onClick={() => setClaiming(true)} data-testid='claim-another'>{M.claimAnother}</Text>
        )}
      </StateView>
    </Page>
  )
}

function ClaimForm(props: { onClaimed: () => void }) {
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const { errors, formError, sending, submit } = useFormSave()
  const claim = () => {
    const e: Record<string, string> = {}
    if (!name.trim()) e.name = RS.regForm.err.name
    const bad = idNumberProblem(idNumber)
    if (bad) e.idNumber = bad
    void submit(
      e,
      async () => {
        const c = await api.claimHousehold({ name: name.trim(), idNumber: idNumber.trim().toUpperCase() })
        void Taro.showToast({ title: c.state === 'confirmed' ? M.claimed : M.requested, icon: c.state === 'confirmed' ? 'success' : 'none' })
        props.onClaimed()
      },
      // a mismatch is the same 404 as "not registered": say what to check, and who can help
      (f) => {
        if (f.error.code === 'NOT_FOUND') f.form = M.notFound
        if (f.error.code === 'CLAIM_TAKEN') f.form = M.taken
      }
    )
  }
  return (
    <View className='card' data-testid='claim'>
      <Text className='card-title'>{M.title}</Text>
      <Text className='muted block'>{M.intro}</Text>
      <TextField id='claim-name' label={M.claimName} maxlength={50} value={name} onInput={setName} error={errors.name} />
      <TextField id='claim-id' label={M.claimId} type='idcard' maxlength={18} value={idNumber} onInput={setIdNumber} error={errors.idNumber} />
      {formError && <Text className='error block' data-testid='claim-error'>{formError}</Text>}
      <Button type='primary' size='large' loading={sending} disabled={sending} onClick={claim} data-testid='claim-submit'>{M.claim}</Button>
    </View>
  )
}

function ClaimCard(props: { claim: MyClaimDto }) {
  const c = props.claim
  return (
    <View className='card' data-testid='my-claim' data-state={c.state}>
      <Text className='card-title'>{M.title}</Text>
      <Text className={`state-chip${c.state === 'pending' ? '' : ' state-done'}`}>{M.claimState[c.state]}</Text>
      {c.state === 'rejected' && <Text className='muted block'>{M.rejectedWhy(c.reason)}</Text>}
    </View>
  )
}

function HouseholdCard(props: { file: ResidentHouseholdDto; onSaved: () => void }) {
  const h = props.file.household
  const [editing, setEditing] = useState<number>()
  return (
    <View className='card' data-testid='my-household'>
      <Text className='card-title'>{placeLine(h.place)}</Text>
      <Text className='muted block'>{h.place.gridName}</Text>
      <Text className='muted block'>{M.masked}</Text>
      {h.people.map((p) => (
        <View key={p.id} className='list-item' data-testid='my-person' data-id={p.id}>
          <View className='row between'>
            <Text className='field-label'>{`${p.name}（${p.relation}）`}</Text>
            {p.isMe && <Text className='state-chip state-done'>{M.me}</Text>}
          </View>
          <Text className='block' data-testid='my-person-phone'>{`${R.phone}：${p.phone ?? R.none}`}</Text>
          <Text className='block' data-testid='my-person-id'>{`${R.idNumber}：${p.idNumber ?? R.none}`}</Text>
          {p.birthYear !== null && <Text className='muted block'>{R.birthYear(p.birthYear)}</Text>}
          {p.tags.length > 0 && <Text className='muted block'>{`${p.tags.join('、')}（${M.tagsByWorker}）`}</Text>}
          {editing === p.id ? (
            <Correction
              person={p}
              onDone={(saved) => {
                setEditing(undefined)
                if (saved) props.onSaved()
              }}
            />
          ) : (
            <Button size='small' onClick={() => setEditing(p.id)} data-testid='my-correct'>{M.correct}</Button>
          )}
        </View>
      ))}
    </View>
  )
}

function Correction(props: { person: ResidentPersonDto; onDone: (saved: boolean) => void }) {
  const [values, setValues] = useState<PersonValues>(() => personValues(props.person))
  const { errors, formError, sending, submit } = useFormSave()
  const save = () => {
    const e = checkPerson(values)
    const patch = personPatch(props.person, values, { withTags: false })
    if (!Object.keys(e).length && Object.keys(patch).length === 1) return props.onDone(false) // nothing changed
    void submit(e, async () => {
      await api.correctMine(props.person.id, patch)
      void Taro.showToast({ title: M.saved, icon: 'success' })
      props.onDone(true)
    })
  }
  return (
    <View data-testid='correction'>
      <PersonFields values={values} onChange={setValues} errors={errors} before={props.person} withTags={false} />
      {formError && <Text className='error block' data-testid='form-error'>{formError}</Text>}
      <View className='row'>
        <Button type='primary' className='grow' loading={sending} disabled={sending} onClick={save} data-testid='my-save'>{M.save}</Button>
        <Button className='grow' onClick={() => props.onDone(false)}>{S.cancel}</Button>
      </View>
    </View>
  )
}
