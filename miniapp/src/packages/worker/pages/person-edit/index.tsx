import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api } from '../../../../services/api'
import type { PersonDto } from '../../../../services/contracts'
import { useParams } from '../../../../hooks/useParams'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { RS } from '../../strings'
import { PersonFields } from '../../components/PersonFields'
import { checkPerson, emptyPerson, formFailure, newPersonBody, personPatch, personValues, useFormSave, type PersonValues } from '../../registerForm'
import { backToFile } from '../../register'

const F = RS.regForm

/** Adds a person to a household, or edits one (with `id`): name, relation, phone, ID number, birth year, tags. */
export default function PersonEdit() {
  const params = useParams()
  const householdId = Number(params.householdId)
  const id = Number(params.id) || undefined
  const [before, setBefore] = useState<PersonDto>()
  const [loadError, setLoadError] = useState<string>()
  const [values, setValues] = useState<PersonValues>(emptyPerson)
  const { errors, formError, sending, submit } = useFormSave()

  useEffect(() => {
    if (!id) return
    // masked: the full numbers are never needed to correct them (typing a new one replaces it)
    api.person(id).then(
      (p) => {
        setBefore(p)
        setValues(personValues(p))
      },
      (e: unknown) => setLoadError(formFailure(e).form)
    )
  }, [id])

  const run = (checked: Record<string, string>, work: () => Promise<unknown>, done: string) =>
    void submit(checked, async () => {
      await work()
      backToFile(householdId, done)
    })

  const save = () => {
    const e = checkPerson(values)
    if (!before) return run(e, () => api.addPerson(householdId, newPersonBody(values)), F.saved)
    const patch = personPatch(before, values, { withTags: true })
    if (!Object.keys(e).length && Object.keys(patch).length === 1) return backToFile(householdId) // nothing changed
    run(e, () => api.updatePerson(before.id, patch), F.saved)
  }

  const remove = async () => {
    if (!before) return
    const ok = await Taro.showModal({ title: F.deletePerson, content: F.deleteConfirm(before.name) })
    if (ok.confirm) run({}, () => api.deletePerson(before.id), F.deleted)
  }

  if (id && !before) return <Page><StateView loading={!loadError}>{loadError && <View className='card error' data-testid='load-error'>{loadError}</View>}</StateView></Page>

  return (
    <Page>
      <View className='card'>
        <Text className='card-title'>{before ? F.personEdit : F.personNew}</Text>
        <PersonFields values={values} onChange={setValues} errors={errors} before={before} withTags />
      </View>
      {formError && <Text className='error block' data-testid='form-error'>{formError}</Text>}
      <Button type='primary' size='large' loading={sending} disabled={sending} onClick={save} data-testid='save'>{F.savePerson}</Button>
      {before && <Button disabled={sending} onClick={() => void remove()} data-testid='delete'>{F.deletePerson}</Button>}
    </Page>
  )
}
