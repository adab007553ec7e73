import { View, Text } from '@tarojs/components'
import { Button, Input } from '../../../../components/ui'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../../../../services/api'
import type { CampaignAnswerDto, CampaignDto } from '../../../../services/contracts'
import { useApi } from '../../../../hooks/useApi'
import { useParams } from '../../../../hooks/useParams'
import { useStore } from '../../../../hooks/useStore'
import { myGrid, setMyGrid } from '../../../../services/myGrid'
import { KEYS, loadValue, removeValue, saveValue } from '../../../../services/storage'
import { compressPhoto } from '../../../../platform/image'
import { nav } from '../../../../services/nav'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { GridChooser } from '../../../../components/report/GridChooser'
import type { PhotoItem } from '../../../../components/report/PhotoPicker'
import { QuestionField } from '../../components/QuestionField'
import { ADDRESS_MAX, serverFieldErrors, toAnswers, validate, type FieldErrors, type Values } from '../../form'
import { S } from '../../../../strings'

/** What was typed, kept per campaign until the server accepts it (a failed send loses nothing). */
interface Draft {
  values: Values
  address: string
  photos: Record<string, { localPath: string; uploadId?: string }[]>
}

let photoSeq = 0

function loadDraft(id: number): Draft {
  const d = loadValue<Draft | null>(`${KEYS.campaignDraft}.${id}`, null)
  // the household's address is the same for every campaign: start from the last one sent
  return d ?? { values: {}, address: loadValue<string>(KEYS.householdAddress, ''), photos: {} }
}

export default function CampaignForm() {
  const id = Number(useParams().id)
  const campaign = useApi(() => api.campaign(id), [id])
  useShareAppMessage(() => ({ title: campaign.data?.title ?? S.campaign.title, path: `/packages/campaign/pages/form/index?id=${id}` }))
  return (
    <Page>
      <StateView loading={campaign.loading} error={campaign.error} onRetry={campaign.reload}>
        {campaign.data && <CampaignFormBody campaign={campaign.data} />}
      </StateView>
    </Page>
  )
}

export function CampaignFormBody({ campaign }: { campaign: CampaignDto }) {
  const c = campaign
  const [draft] = useState(() => loadDraft(c.id))
  const grid = useStore(myGrid)
  const [values, setValues] = useState<Values>(draft.values)
  const [address, setAddress] = useState(draft.address)
  const [photos, setPhotos] = useState<Record<string, PhotoItem[]>>(() =>
    Object.fromEntries(
      Object.entries(draft.photos).map(([qid, ps]) => [
        qid,
        ps.map((p) => ({ key: `cp${++photoSeq}`, localPath: p.localPath, uploadId: p.uploadId, status: p.uploadId ? 'done' : 'failed', progress: p.uploadId ? 100 : 0 }) as PhotoItem)
      ])
    )
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [choosing, setChoosing] = useState(false)
  const [result, setResult] = useState<CampaignAnswerDto>()
  const photosRef = useRef(photos)
  photosRef.current = photos

  useEffect(() => {
    if (result) return
    saveValue(`${KEYS.campaignDraft}.${c.id}`, {
      values,
      address,
      photos: Object.fromEntries(Object.entries(photos).map(([qid, ps]) => [qid, ps.map((p) => ({ localPath: p.localPath, uploadId: p.uploadId }))]))
    } satisfies Draft)
  }, [c.id, values, address, photos, result])

  const setValue = (qid: string, v: string | string[] | undefined) => {
    setValues((x) => ({ ...x, [qid]: v }))
    // a corrected answer loses its complaint at once
    setErrors((e) => {
      if (!e[qid]) return e
      const { [qid]: _gone, ...rest } = e
      return rest
    })
  }

  const updatePhoto = (qid: string, key: string, change: Partial<PhotoItem>) =>
    setPhotos((all) => ({ ...all, [qid]: (all[qid] ?? []).map((p) => (p.key === key ? { ...p, ...change } : p)) }))

  const uploadPhoto = async (qid: string, key: string, path: string) => {
    updatePhoto(qid, key, { status: 'uploading', progress: 0, error: undefined })
    try {
      const up = await api.upload(path, (pct) => updatePhoto(qid, key, { progress: pct }))
      updatePhoto(qid, key, { status: 'done', progress: 100, uploadId: up.id })
    } catch (e) {
      updatePhoto(qid, key, { status: 'failed', error: e instanceof ApiError ? e.userMessage : undefined })
    }
  }

  const addPhotos = async (qid: string, paths: string[]) => {
    const items: PhotoItem[] = paths.map((p) => ({ key: `cp${++photoSeq}`, localPath: p, status: 'compressing', progress: 0 }))
    setPhotos((all) => ({ ...all, [qid]: [...(all[qid] ?? []), ...items] }))
    for (const it of items) {
      const small = await compressPhoto(it.localPath)
      updatePhoto(qid, it.key, { localPath: small })
      await uploadPhoto(qid, it.key, small)
    }
  }

  const submit = async () => {
    setFormError(undefined)
    const e = validate({ questions: c.questions, values, photos: photosRef.current, address, microGridCode: grid?.code })
    setErrors(e)
    if (Object.keys(e).length) {
      setFormError(e.form ?? S.campaign.fixErrors)
      return
    }
    setBusy(true)
    try {
      const r = await api.answerCampaign(c.id, { microGridCode: grid!.code, address: address.trim(), answers: toAnswers(c.questions, values, photosRef.current) })
      removeValue(`${KEYS.campaignDraft}.${c.id}`)
      saveValue(KEYS.householdAddress, address.trim())
      setResult(r)
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    } catch (err) {
      // refused or unreachable: the server's reasons beside the fields, everything typed stays
      const a = err instanceof ApiError ? err : new ApiError(0, undefined)
      const fe = serverFieldErrors(c.questions, a.fieldErrors)
      setErrors(fe)
      setFormError(fe.form ?? a.userMessage)
    } finally {
      setBusy(false)
    }
  }

  if (result) {
    return (
      <View className='card' data-testid='campaign-done'>
        <Text className='card-title'>{c.title}</Text>
        <Text className='block' data-testid='campaign-done-text'>{result.updated ? S.campaign.updated : S.campaign.sent}</Text>
        {result.needsHelp && (
          <View className='goes-to' data-testid='campaign-help'>
            <Text className='block'>{result.eventId ? S.campaign.helpEvent(result.eventId) : S.campaign.helpNoEvent}</Text>
            {result.eventId && (
              <Text className='link' onClick={() => nav.to(`/pages/event/index?id=${result.eventId}`)} data-testid='campaign-event-link'>
                {S.campaign.viewEvent}
              </Text>
            )}
          </View>
        )}
        <View className='row wrap'>
          <Button size='small' onClick={() => setResult(undefined)} data-testid='campaign-edit'>{S.campaign.edit}</Button>
          <Button size='small' onClick={() => nav.tab('/pages/index/index')}>{S.campaign.backHome}</Button>
        </View>
      </View>
    )
  }

  return (
    <View data-testid='campaign-form'>
      <View className='card'>
        <Text className='card-title'>{c.title}</Text>
        <Text className='muted block'>{`${c.node.name} · ${S.campaign.until(c.closesOn)}`}</Text>
        {!c.open && <Text className='warn block' data-testid='campaign-not-open'>{S.campaign.notOpen(c.opensOn, c.closesOn)}</Text>}
      </View>

      <View className='card' data-testid='household'>
        <Text className='field-label'>{S.campaign.household}</Text>
        <View className='row between'>
          <Text className={grid ? 'grow' : 'grow muted'} data-testid='household-grid'>{grid ? `${S.campaign.myGrid}：${grid.name}` : S.campaign.err.grid}</Text>
          <Text className='link' onClick={() => setChoosing(true)} data-testid='household-grid-change'>{grid ? S.campaign.change : S.campaign.choose}</Text>
        </View>
        {errors.microGridCode && <Text className='error block' data-testid='err-microGridCode'>{errors.microGridCode}</Text>}
        <Text className='field-label'>{`${S.campaign.address} `}<Text className='error'>{S.campaign.required}</Text></Text>
        <Input
          className='textarea input'
          value={address}
          maxlength={ADDRESS_MAX}
          placeholder={S.campaign.addressPlaceholder}
          onInput={(e) => {
            setAddress(e.detail.value)
            setErrors((x) => (x.address ? { ...x, address: '' } : x))
          }}
          data-testid='address'
        />
        {errors.address && <Text className='error block' data-testid='err-address'>{errors.address}</Text>}
      </View>

      {c.questions.map((q) => (
        <QuestionField
          key={q.id}
          q={q}
          value={values[q.id]}
          onChange={(v) => setValue(q.id, v)}
          error={errors[q.id]}
          photos={photos[q.id] ?? []}
          onAddPhotos={(paths) => void addPhotos(q.id, paths)}
          onRemovePhoto={(key) => setPhotos((all) => ({ ...all, [q.id]: (all[q.id] ?? []).filter((p) => p.key !== key) }))}
          onRetryPhoto={(key) => {
            const p = (photos[q.id] ?? []).find((x) => x.key === key)
            if (p) void uploadPhoto(q.id, key, p.localPath)
          }}
        />
      ))}

      {formError && <View className='card error' data-testid='form-error'>{formError}</View>}
      <Button type='primary' size='large' onClick={() => void submit()} loading={busy} disabled={busy || !c.open} data-testid='campaign-submit'>
        {busy ? S.campaign.submitting : S.campaign.submit}
      </Button>

      {choosing && (
        <GridChooser
          onChoose={(g) => {
            setMyGrid({ code: g.code, name: g.name, path: g.path })
            setErrors((x) => (x.microGridCode ? { ...x, microGridCode: '' } : x))
            setChoosing(false)
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
    </View>
  )
}
