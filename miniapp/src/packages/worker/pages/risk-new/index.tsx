import { View, Text } from '@tarojs/components'
import { Button, Switch } from '../../../../components/ui'
import { useState } from 'react'
import { RISK_KINDS, RISK_KIND_LABEL, RISK_STATES, type RiskKind, type RiskState } from '@weigrid/shared'
import { api } from '../../../../services/api'
import { useParams } from '../../../../hooks/useParams'
import { Page } from '../../../../components/Page'
import { S } from '../../../../strings'
import { RS } from '../../strings'
import { ChipsField, TextField } from '../../components/Fields'
import { useFormSave } from '../../registerForm'
import { backToFile, decode } from '../../register'

const F = RS.regForm

/** A risk item (gas, e-bike charging, vacant building…) at the household's address, with its state. */
export default function RiskNew() {
  const params = useParams()
  const placeId = Number(params.placeId)
  const householdId = Number(params.householdId)
  const [kind, setKind] = useState<RiskKind | ''>('')
  const [state, setState] = useState<RiskState>('open')
  const [note, setNote] = useState('')
  const [ofHousehold, setOfHousehold] = useState(true)
  const { errors, formError, sending, submit } = useFormSave({ kind: () => F.err.riskKind, note: () => F.err.short('说明', 500) })

  const save = () => {
    const e: Record<string, string> = {}
    if (!kind) e.kind = F.err.riskKind
    if (note.trim().length > 500) e.note = F.err.short('说明', 500)
    void submit(e, async () => {
      await api.createRisk({ placeId, kind: kind as RiskKind, state, ...(ofHousehold && householdId ? { householdId } : {}), ...(note.trim() ? { note: note.trim() } : {}) })
      backToFile(householdId, F.saved)
    })
  }

  return (
    <Page>
      <View className='card'>
        <Text className='card-title'>{F.riskNew}</Text>
        {params.address && <Text className='muted block'>{F.atPlace(decode(params.address))}</Text>}
        <ChipsField id='riskKind' label={F.riskKind} options={RISK_KINDS} value={kind} labelOf={(k) => RISK_KIND_LABEL[k]} onChange={(k) => setKind(k as RiskKind)} error={errors.kind} />
        <ChipsField id='riskState' label={F.riskState} options={RISK_STATES} value={state} labelOf={(k) => S.register.riskState[k] ?? k} onChange={(k) => setState(k as RiskState)} error={errors.state} />
        <TextField id='riskNote' label={F.riskNote} maxlength={500} value={note} onInput={setNote} error={errors.note} multiline />
        {householdId > 0 && (
          <View className='row between field'>
            <Text>{F.riskOfHousehold}</Text>
            <Switch label={F.riskOfHousehold} checked={ofHousehold} onChange={(ev) => setOfHousehold(ev.detail.value)} data-testid='risk-household' />
          </View>
        )}
        {errors.householdId && <Text className='error block'>{errors.householdId}</Text>}
      </View>
      {formError && <Text className='error block' data-testid='form-error'>{formError}</Text>}
      <Button type='primary' size='large' loading={sending} disabled={sending} onClick={save} data-testid='save'>{F.saveRisk}</Button>
    </Page>
  )
}
