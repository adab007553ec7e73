import { View, Text } from '@tarojs/components'
import { Button, Input, Switch } from '../../../components/ui'
import { useEffect, useState } from 'react'
import { api } from '../../../services/api'
import type { CategoryAdminDto } from '../../../services/contracts'
import { useApi } from '../../../hooks/useApi'
import { StateView } from '../../../components/StateView'
import { S } from '../../../strings'
import { saveError } from './admin'

const CODE = /^[a-z][a-z0-9_]{0,31}$/
const ICON = /^[a-z0-9-]{0,32}$/

/** Rule makers see every category (GET /categories/all); others the ones residents are offered. */
export function loadCategories(canEdit: boolean): Promise<CategoryAdminDto[]> {
  return canEdit ? api.allCategories() : api.categories().then((cs) => cs.map((c) => ({ ...c, active: true })))
}

/** The event categories residents pick from: edit, add, deactivate (never delete: events keep the code). */
export function CategoriesTab(props: { canEdit: boolean }) {
  const list = useApi(() => loadCategories(props.canEdit), [props.canEdit])
  const [rows, setRows] = useState<CategoryAdminDto[]>([])
  const [editing, setEditing] = useState<CategoryAdminDto | 'new'>()
  const [rowError, setRowError] = useState<{ code: string; message: string }>()
  useEffect(() => setRows(list.data ?? []), [list.data])

  const saved = (c: CategoryAdminDto) => {
    setRows((old) => {
      const next = old.some((o) => o.code === c.code) ? old.map((o) => (o.code === c.code ? c : o)) : [...old, c]
      return next.sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code))
    })
    setEditing(undefined)
  }
  const toggle = async (c: CategoryAdminDto) => {
    setRowError(undefined)
    try {
      // PUT replaces the row: send every field so only `active` changes
      saved(await api.putCategory(c.code, { name: c.name, icon: c.icon, sort: c.sort, active: !c.active }))
    } catch (e) {
      setRowError({ code: c.code, message: saveError(e).message })
    }
  }

  return (
    <StateView loading={list.loading} error={list.error} onRetry={list.reload} empty={!rows.length && !props.canEdit}>
      {props.canEdit && editing === undefined && (
        <Button type='primary' size='large' onClick={() => setEditing('new')} data-testid='category-add'>{`${S.rules.add}${S.rules.tabs.categories}`}</Button>
      )}
      {editing === 'new' && <CategoryForm existing={rows.map((r) => r.code)} onSaved={saved} onCancel={() => setEditing(undefined)} />}
      {rows.map((c) =>
        editing !== 'new' && editing?.code === c.code ? (
          <CategoryForm key={c.code} initial={c} existing={[]} onSaved={saved} onCancel={() => setEditing(undefined)} />
        ) : (
          <View key={c.code} className='card' data-testid='category-row' data-code={c.code}>
            <View className='row between'>
              <Text className='field-label' data-testid='category-name'>{c.name}</Text>
              {!c.active && <Text className='state-chip state-bad'>{S.rules.inactive}</Text>}
            </View>
            <Text className='muted block'>{`${c.code} · ${S.rules.sort} ${c.sort}`}</Text>
            {props.canEdit && (
              <View className='row'>
                <Button size='small' onClick={() => setEditing(c)} data-testid='category-edit'>{S.rules.edit}</Button>
                <Button size='small' onClick={() => void toggle(c)} data-testid='category-toggle'>{c.active ? S.rules.deactivate : S.rules.activate}</Button>
              </View>
            )}
            {rowError?.code === c.code && <Text className='error block' data-testid='category-row-error'>{rowError.message}</Text>}
          </View>
        )
      )}
    </StateView>
  )
}

function CategoryForm(props: { initial?: CategoryAdminDto; existing: string[]; onSaved: (c: CategoryAdminDto) => void; onCancel: () => void }) {
  const init = props.initial
  const [code, setCode] = useState(init?.code ?? '')
  const [name, setName] = useState(init?.name ?? '')
  const [icon, setIcon] = useState(init?.icon ?? '')
  const [sort, setSort] = useState(String(init?.sort ?? 500))
  const [active, setActive] = useState(init?.active ?? true)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const e: Record<string, string> = {}
    const c = code.trim()
    if (!init) {
      if (!CODE.test(c)) e.code = S.rules.errCode
      else if (props.existing.includes(c)) e.code = S.rules.errCodeTaken
    }
    if (!name.trim() || name.trim().length > 50) e.name = S.rules.errName
    const n = Number(sort)
    if (!/^\d+$/.test(sort.trim()) || n > 100_000) e.sort = S.rules.errSort
    if (!ICON.test(icon.trim())) e.icon = S.rules.errIcon
    setErrors(e)
    if (Object.keys(e).length) return
    setBusy(true)
    setError(undefined)
    try {
      props.onSaved(await api.putCategory(init?.code ?? c, { name: name.trim(), icon: icon.trim(), sort: n, active }))
    } catch (err) {
      const s = saveError(err)
      setErrors(s.fields)
      setError(s.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' data-testid='category-form'>
      {!init && (
        <>
          <Text className='field-label'>{S.rules.code}</Text>
          <Input className='textarea input' value={code} maxlength={32} placeholder={S.rules.codePlaceholder} onInput={(ev) => setCode(ev.detail.value)} data-testid='category-code' />
          {errors.code && <Text className='error block'>{errors.code}</Text>}
        </>
      )}
      {init && <Text className='muted block'>{`${S.rules.code}：${init.code}`}</Text>}
      <Text className='field-label'>{S.rules.name}</Text>
      <Input label={S.rules.name} className='textarea input' value={name} maxlength={50} onInput={(ev) => setName(ev.detail.value)} data-testid='category-name-input' />
      {errors.name && <Text className='error block'>{errors.name}</Text>}
      <Text className='field-label'>{S.rules.sort}</Text>
      <Input label={S.rules.sort} className='textarea input' type='number' value={sort} onInput={(ev) => setSort(ev.detail.value)} data-testid='category-sort' />
      {errors.sort && <Text className='error block'>{errors.sort}</Text>}
      <Text className='field-label'>{S.rules.icon}</Text>
      <Input label={S.rules.icon} className='textarea input' value={icon} maxlength={32} onInput={(ev) => setIcon(ev.detail.value)} data-testid='category-icon' />
      {errors.icon && <Text className='error block'>{errors.icon}</Text>}
      <View className='row between list-item'>
        <View className='grow'>
          <Text className='block'>{S.rules.activate}</Text>
          <Text className='muted block'>{S.rules.deactivateHint}</Text>
        </View>
        <Switch label={S.rules.activate} checked={active} onChange={(ev) => setActive(!!ev.detail.value)} data-testid='category-active' />
      </View>
      {error && <Text className='error block' data-testid='category-error'>{error}</Text>}
      <View className='row'>
        <Button type='primary' onClick={() => void submit()} loading={busy} disabled={busy} data-testid='category-save'>{S.rules.save}</Button>
        <Button onClick={props.onCancel}>{S.cancel}</Button>
      </View>
    </View>
  )
}
