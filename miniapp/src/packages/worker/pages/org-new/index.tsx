import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ORG_KINDS, ORG_KIND_LABEL, normalizePhone, type OrgKind } from '@weigrid/shared'
import { api } from '../../../../services/api'
import type { OrganizationDto } from '../../../../services/contracts'
import { useParams } from '../../../../hooks/useParams'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { RS } from '../../strings'
import { ChipsField, TextField } from '../../components/Fields'
import { compact, formFailure, orgPatch, useFormSave, type OrgValues } from '../../registerForm'
import { backToFile, decode } from '../../register'

const F = RS.regForm
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/

/**
 * An organization (shop, company, association…) at the household's address; with `id` the one on
 * the household file is edited (only changes, with its version; a cleared field is removed) or
 * deleted after a confirmation.
 */
export default function OrgNew() {
  const params = useParams()
  const placeId = Number(params.placeId)
  const householdId = Number(params.householdId)
  const editId = Number(params.id) || undefined
  const [before, setBefore] = useState<OrganizationDto>()
  const [loadError, setLoadError] = useState<string>()
  const [v, setV] = useState<OrgValues>({ name: '', kind: '', creditCode: '', contactName: '', contactPhone: '' })
  const { errors, formError, sending, submit } = useFormSave({ name: () => F.err.orgName, kind: () => F.err.orgKind })

  useEffect(() => {
    if (!editId) return
    api.householdFile(householdId).then(
      (f) => {
        const o = f.organizations.find((x) => x.id === editId)
        if (!o) return setLoadError(formFailure(undefined).form)
        setBefore(o)
        setV({ name: o.name, kind: o.kind, creditCode: o.creditCode ?? '', contactName: o.contactName ?? '', contactPhone: o.contactPhone ?? '' })
      },
      (e: unknown) => setLoadError(formFailure(e).form)
    )
  }, [editId, householdId])

  const save = () => {
    const e: Record<string, string> = {}
    const name = v.name.trim()
    if (!name || name.length > 100) e.name = F.err.orgName
    if (!v.kind) e.kind = F.err.orgKind
    if (v.creditCode.trim() && !CREDIT_CODE.test(v.creditCode.trim().toUpperCase())) e.creditCode = F.err.creditCode
    if (v.contactName.trim().length > 50) e.contactName = F.err.short('联系人', 50)
    if (v.contactPhone.trim() && !normalizePhone(v.contactPhone)) e.contactPhone = F.err.contactPhone
    void submit(e, async () => {
      if (before) {
        const change = orgPatch(before, v)
        if (change) await api.updateOrganization(before.id, change)
        return backToFile(householdId, change ? F.saved : F.noChange)
      }
      await api.createOrganization({ placeId, name, kind: v.kind as OrgKind, ...compact({ creditCode: v.creditCode.toUpperCase(), contactName: v.contactName, contactPhone: v.contactPhone }) })
      backToFile(householdId, F.saved)
    })
  }

  const remove = async () => {
    if (!before) return
    const ok = await Taro.showModal({ title: F.deleteOrg, content: F.deleteOrgConfirm(before.name) })
    if (!ok.confirm) return
    void submit({}, async () => {
      await api.deleteOrganization(before.id)
      backToFile(householdId, F.deleted)
    })
  }

  if (editId && !before) return <Page><StateView loading={!loadError} error={undefined}>{loadError && <View className='card error' data-testid='load-error'>{loadError}</View>}</StateView></Page>

  return (
    <Page>
      <View className='card'>
        <Text className='card-title'>{editId ? F.orgEdit : F.orgNew}</Text>
        {params.address && <Text className='muted block'>{F.atPlace(decode(params.address))}</Text>}
        <TextField id='orgName' label={F.orgName} maxlength={100} value={v.name} onInput={(name) => setV({ ...v, name })} error={errors.name} />
        <ChipsField id='orgKind' label={F.orgKind} options={ORG_KINDS} value={v.kind as OrgKind | ''} labelOf={(k) => ORG_KIND_LABEL[k]} onChange={(k) => setV({ ...v, kind: k as OrgKind })} error={errors.kind} />
        <TextField id='creditCode' label={F.creditCode} maxlength={18} value={v.creditCode} onInput={(creditCode) => setV({ ...v, creditCode })} error={errors.creditCode} />
        <TextField id='contactName' label={F.contactName} maxlength={50} value={v.contactName} onInput={(contactName) => setV({ ...v, contactName })} error={errors.contactName} />
        <TextField id='contactPhone' label={F.contactPhone} maxlength={20} value={v.contactPhone} onInput={(contactPhone) => setV({ ...v, contactPhone })} error={errors.contactPhone} />
      </View>
      {formError && <Text className='error block' data-testid='form-error'>{formError}</Text>}
      <Button type='primary' size='large' loading={sending} disabled={sending} onClick={save} data-testid='save'>{F.saveOrg}</Button>
      {before && <Text className='link center warn' onClick={() => void remove()} data-testid='delete-org'>{F.deleteOrg}</Text>}
    </Page>
  )
}
