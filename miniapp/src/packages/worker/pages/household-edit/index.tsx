import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { api } from '../../../../services/api'
import type { HouseholdFileDto, PlaceDto } from '../../../../services/contracts'
import { useParams } from '../../../../hooks/useParams'
import { usePagedList } from '../../../../hooks/usePagedList'
import { currentPosition } from '../../../../platform/location'
import type { ChosenGrid } from '../../../../components/report/GridChooser'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'
import { RS } from '../../strings'
import { TextField } from '../../components/Fields'
import { ScopeGrid } from '../../components/ScopeGrid'
import { compact, formFailure, placePatch, useFormSave } from '../../registerForm'
import { decode, householdUrl, placeLine } from '../../register'

const F = RS.regForm

/**
 * 登记新户: the place (one already registered in the micro-grid, or a new address with an optional
 * point) and the household there; saved, the household file opens. With `placeId` the place is
 * given (another household at an address from the file); with `id` it edits the household's number
 * and note.
 */
export default function HouseholdEdit() {
  const params = useParams()
  const editId = Number(params.id) || undefined
  const [file, setFile] = useState<HouseholdFileDto>()
  const [loadError, setLoadError] = useState<string>()
  const [grid, setGrid] = useState<ChosenGrid>()
  const [place, setPlace] = useState<Pick<PlaceDto, 'id' | 'address'> | undefined>(Number(params.placeId) > 0 ? { id: Number(params.placeId), address: decode(params.address) } : undefined)
  const [addr, setAddr] = useState({ address: '', building: '', unit: '', room: '' })
  const [point, setPoint] = useState<{ lng: number; lat: number }>()
  const [code, setCode] = useState('')
  const [note, setNote] = useState('')
  const [pointError, setPointError] = useState<string>()
  const { errors, formError, sending, submit } = useFormSave()

  useEffect(() => {
    if (!editId) return
    api.householdFile(editId).then(
      (f) => {
        setFile(f)
        setCode(f.household.code)
        setNote(f.household.note)
        const pl = f.household.place
        setAddr({ address: pl.address, building: pl.building, unit: pl.unit, room: pl.room })
        if (pl.lng !== null && pl.lat !== null) setPoint({ lng: pl.lng, lat: pl.lat })
      },
      (e: unknown) => setLoadError(formFailure(e).form)
    )
  }, [editId])

  const locate = async () => {
    try {
      const p = await currentPosition()
      setPoint({ lng: Number(p.lng.toFixed(6)), lat: Number(p.lat.toFixed(6)) })
      setPointError(undefined)
    } catch {
      setPointError(F.locateFailed)
    }
  }

  const check = (): Record<string, string> => {
    const e: Record<string, string> = {}
    if (editId || !place) {
      if (!editId && !grid) e.gridCode = F.err.gridCode
      const a = addr.address.trim()
      if (!a || a.length > 200) e.address = F.err.address
      for (const k of ['building', 'unit', 'room'] as const) if (addr[k].trim().length > 20) e[k] = F.err.short(F[k], 20)
    }
    if (code.trim().length > 32) e.code = F.err.short('户编号', 32)
    if (note.trim().length > 500) e.note = F.err.short('备注', 500)
    return e
  }

  const save = () => {
    let step: 'place' | 'household' = 'household'
    void submit(
      check(),
      async () => {
        if (editId && file) {
          const change = placePatch(file.household.place, addr, point)
          if (change) {
            step = 'place'
            // kept: a retry after the household failed does not send the place's old version again
            const moved = await api.updatePlace(file.household.place.id, change)
            setFile({ ...file, household: { ...file.household, place: moved } })
            step = 'household'
          }
          await api.updateHousehold(editId, { version: file.household.version, code: code.trim(), note: note.trim() })
          void Taro.showToast({ title: F.saved, icon: 'success' })
          return nav.back()
        }
        let at = place
        if (!at) {
          step = 'place'
          at = await api.createPlace({ gridCode: grid!.code, address: addr.address.trim(), ...compact({ building: addr.building, unit: addr.unit, room: addr.room }), ...(point ?? {}) })
          // kept: a retry after the household failed does not register the address twice
          setPlace(at)
          step = 'household'
        }
        const h = await api.createHousehold({ placeId: at.id, ...compact({ code, note }) })
        void Taro.showToast({ title: F.saved, icon: 'success' })
        nav.redirect(householdUrl(h.id))
      },
      (f) => {
        if (step !== 'place') return
        // where the place failed: the address is taken, or the micro-grid is outside my scope
        if (f.error.code === 'DUPLICATE') f.fields.address = editId ? F.err.addressTakenEdit : F.err.addressTaken
        if (f.error.code === 'FORBIDDEN' || (f.error.code === 'NOT_FOUND' && !f.fields.gridCode)) f.fields.gridCode = F.err.gridScope
      }
    )
  }

  // the address, rooms and point: a new place's, or the household's place corrected (shared by every household there)
  const placeFields = (
    <>
      <TextField id='address' label={F.address} placeholder={F.addressPlaceholder} maxlength={200} value={addr.address} onInput={(address) => setAddr({ ...addr, address })} error={errors.address} />
      <View className='row'>
        {(['building', 'unit', 'room'] as const).map((k) => (
          <View key={k} className='grow'>
            <TextField id={k} label={F[k]} maxlength={20} value={addr[k]} onInput={(v) => setAddr({ ...addr, [k]: v })} error={errors[k]} />
          </View>
        ))}
      </View>
      <Text className='field-label'>{F.point}</Text>
      {point ? (
        <View className='row between'>
          <Text data-testid='point'>{F.located(point.lng, point.lat)}</Text>
          <Text className='link-action' onClick={() => setPoint(undefined)}>{F.clearPoint}</Text>
        </View>
      ) : (
        <Text className='link' onClick={() => void locate()} data-testid='locate'>{F.locate}</Text>
      )}
      {(pointError || errors.lng || errors.lat) && <Text className='error block' data-testid='err-point'>{pointError || errors.lng || errors.lat}</Text>}
    </>
  )

  if (editId && !file) return <Page><StateView loading={!loadError} error={undefined}>{loadError && <View className='card error' data-testid='load-error'>{loadError}</View>}</StateView></Page>

  return (
    <Page>
      <View className='card' data-testid='place-section'>
        <Text className='card-title'>{editId ? F.editHousehold : F.newHousehold}</Text>
        {file ? (
          <>
            <Text className='muted block' data-testid='place-shared'>{F.placeShared(placeLine(file.household.place))}</Text>
            {placeFields}
          </>
        ) : place ? (
          <View className='row between' data-testid='chosen-place'>
            <Text className='grow'>{F.atPlace(place.address)}</Text>
            {!params.placeId && <Text className='link-action' onClick={() => setPlace(undefined)}>{F.changePlace}</Text>}
          </View>
        ) : (
          <>
            <ScopeGrid value={grid} onChange={setGrid} error={errors.gridCode} />
            {grid && <KnownPlaces key={grid.code} grid={grid.code} onPick={setPlace} />}
            <Text className='field-label'>{F.newPlace}</Text>
            {placeFields}
          </>
        )}
      </View>
      <View className='card'>
        <TextField id='code' label={F.code} maxlength={32} value={code} onInput={setCode} error={errors.code} />
        <TextField id='note' label={F.note} maxlength={500} value={note} onInput={setNote} error={errors.note} multiline />
      </View>
      {formError && <Text className='error block' data-testid='form-error'>{formError}</Text>}
      <Button type='primary' size='large' loading={sending} disabled={sending} onClick={save} data-testid='save'>{editId ? F.saveEdit : F.saveHousehold}</Button>
    </Page>
  )
}

/** Addresses already registered in the micro-grid: a new household at one of them reuses the place. */
function KnownPlaces(props: { grid: string; onPick: (p: PlaceDto) => void }) {
  const list = usePagedList((cursor) => api.places(props.grid, cursor), [])
  useReachBottom(list.loadMore)
  if (!list.loading && !list.error && list.items.length === 0) return null
  return (
    <View className='field' data-testid='known-places'>
      <Text className='field-label'>{F.existingPlaces}</Text>
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload}>
        {list.items.map((p) => (
          <View key={p.id} className='list-item' onClick={() => props.onPick(p)} data-testid='known-place'>
            <Text>{placeLine(p)}</Text>
          </View>
        ))}
        {list.hasMore && <Text className='link center' onClick={list.loadMore}>{S.loadMore}</Text>}
      </StateView>
    </View>
  )
}
