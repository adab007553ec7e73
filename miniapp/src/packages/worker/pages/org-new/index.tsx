import { View, Text, Button } from '@tarojs/components'
import { useState } from 'react'
import { ORG_KINDS, ORG_KIND_LABEL, normalizePhone, type OrgKind } from '@weigrid/shared'
import { api } from '../../../../services/api'
import { useParams } from '../../../../hooks/useParams'
import { Page } from '../../../../components/Page'
import { RS } from '../../strings'
import { ChipsField, TextField } from '../../components/Fields'
import { compact, useFormSave } from '../../registerForm'
import { backToFile, decode } from '../../register'

const F = RS.regForm
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/

/** An organization (shop, company, association…) at the household's address. */
export default function OrgNew() {
  const params = useParams()
  const placeId = Number(params.placeId)
  const householdId = Number(params.householdId)
  const [v, setV] = useState({ name: '', creditCode: '', contactName: '', contactPhone: '' })
  const [kind, setKind] = useState<OrgKind | ''>('')
  const { errors, formError, sending, submit } = useFormSave({ name: () => F.err.orgName, kind: () => F.err.orgKind })

  const save = () => {
    const e: Record<string, string> = {}
    const name = v.name.trim()
    if (!name || name.length > 100) e.name = F.err.orgName
    if (!kind) e.kind = F.err.orgKind
    if (v.creditCode.trim() && !CREDIT_CODE.test(v.creditCode.trim().toUpperCase())) e.creditCode = F.err.creditCode
    if (v.contactName.trim().length > 50) e.contactName = F.err.short('联系人', 50)
    if (v.contactPhone.trim() && !normalizePhone(v.contactPhone)) e.contactPhone = F.err.contactPhone
    void submit(e, async () => {
      await api.createOrganization({ placeId, name, kind: kind as OrgKind, ...compact({ creditCode: v.creditCode.toUpperCase(), contactName: v.contactName, contactPhone: v.contactPhone }) })
      backToFile(householdId, F.saved)
    })
  }

  return (
    <Page>
      <View className='card'>
        <Text className='card-title'>{F.orgNew}</Text>
        {params.address && <Text className='muted block'>{F.atPlace(decode(params.address))}</Text>}
        <TextField id='orgName' label={F.orgName} maxlength={100} value={v.name} onInput={(name) => setV({ ...v, name })} error={errors.name} />
        <ChipsField id='orgKind' label={F.orgKind} options={ORG_KINDS} value={kind} labelOf={(k) => ORG_KIND_LABEL[k]} onChange={(k) => setKind(k as OrgKind)} error={errors.kind} />
        <TextField id='creditCode' label={F.creditCode} maxlength={18} value={v.creditCode} onInput={(creditCode) => setV({ ...v, creditCode })} error={errors.creditCode} />
        <TextField id='contactName' label={F.contactName} maxlength={50} value={v.contactName} onInput={(contactName) => setV({ ...v, contactName })} error={errors.contactName} />
        <TextField id='contactPhone' label={F.contactPhone} maxlength={20} value={v.contactPhone} onInput={(contactPhone) => setV({ ...v, contactPhone })} error={errors.contactPhone} />
      </View>
      {formError && <Text className='error block' data-testid='form-error'>{formError}</Text>}
      <Button className='big-button' loading={sending} disabled={sending} onClick={save} data-testid='save'>{F.saveOrg}</Button>
    </Page>
  )
}
