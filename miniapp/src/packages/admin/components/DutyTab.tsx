import { View, Text } from '@tarojs/components'
import { Button, Input } from '../../../components/ui'
import { useEffect, useState } from 'react'
import { api } from '../../../services/api'
import type { CategoryAdminDto, DepartmentDto, ResponsibilityDto } from '../../../services/contracts'
import { useApi } from '../../../hooks/useApi'
import { StateView } from '../../../components/StateView'
import { GridChooser, type ChosenGrid } from '../../../components/report/GridChooser'
import { S } from '../../../strings'
import { loadCategories } from './CategoriesTab'
import { saveError } from './admin'

/**
 * The responsibility list (责任清单): which department handles a category under a node. 吹哨
 * without a chosen department goes to the row at the deepest node above the event. Rows set
 * above the chosen node apply to it too and are shown (read-only here) so the admin sees what
 * is in force.
 */
export function DutyTab(props: { canEdit: boolean; home?: ChosenGrid }) {
  const [node, setNode] = useState<ChosenGrid | undefined>(props.home)
  const [choosing, setChoosing] = useState(false)
  const code = node?.code
  const list = useApi(() => (code ? api.responsibilities(code) : Promise.resolve([])), [code])
  const departments = useApi(() => (code ? api.departments(code) : Promise.resolve([])), [code])
  const categories = useApi(() => loadCategories(props.canEdit), [props.canEdit])
  const [rows, setRows] = useState<ResponsibilityDto[]>([])
  const [editing, setEditing] = useState<ResponsibilityDto | 'new'>()
  const [confirming, setConfirming] = useState<number>()
  const [rowError, setRowError] = useState<{ id: number; message: string }>()
  useEffect(() => setRows(list.data ?? []), [list.data])
  useEffect(() => setEditing(undefined), [code])

  const deptName = (id: number) => departments.data?.find((d) => d.id === id)?.name ?? `#${id}`
  const catName = (c: string) => categories.data?.find((x) => x.code === c)?.name ?? c
  const remove = async (id: number) => {
    setRowError(undefined)
    try {
      await api.deleteResponsibility(id)
      setRows((r) => r.filter((x) => x.id !== id))
      setConfirming(undefined)
    } catch (e) {
      setRowError({ id, message: saveError(e).message })
    }
  }
  const here = rows.filter((r) => r.nodeCode === code)
  const elsewhere = rows.filter((r) => r.nodeCode !== code)

  return (
    <>
      <View className='card'>
        <Text className='field-label'>{S.rules.node}</Text>
        <Text className={node ? 'block' : 'muted block'} data-testid='duty-node'>{node ? node.path.map((p) => p.name).join(' / ') || node.name : S.rules.chooseNode}</Text>
        <Button size='small' onClick={() => setChoosing(true)} data-testid='duty-choose-node'>{S.rules.chooseNode}</Button>
      </View>
      {node && (
        <StateView loading={list.loading} error={list.error} onRetry={list.reload}>
          {props.canEdit && editing === undefined && (
            <Button type='primary' size='large' onClick={() => setEditing('new')} data-testid='duty-add'>{`${S.rules.add}${S.rules.tabs.duty}`}</Button>
          )}
          {editing !== undefined && (
            <DutyForm
              nodeCode={node.code}
              initial={editing === 'new' ? undefined : editing}
              categories={categories.data ?? []}
              departments={departments.data ?? []}
              departmentsError={departments.error?.userMessage}
              onSaved={(r) => {
                // PUT replaces the node's row for that category
                setRows((old) => [...old.filter((x) => !(x.nodeCode === r.nodeCode && x.category === r.category)), r])
                setEditing(undefined)
              }}
              onCancel={() => setEditing(undefined)}
            />
          )}
          {!here.length && !elsewhere.length && <View className='card muted'>{S.empty}</View>}
          {here.map((r) => (
            <View key={r.id} className='card' data-testid='duty-row' data-id={r.id}>
              <Text className='field-label'>{`${catName(r.category)} → ${deptName(r.departmentId)}`}</Text>
              {r.matter && <Text className='block'>{r.matter}</Text>}
              {props.canEdit && (
                <View className='row'>
                  <Button size='small' onClick={() => setEditing(r)} data-testid='duty-edit'>{S.rules.edit}</Button>
                  {confirming === r.id ? (
                    <>
                      <Text className='error'>{S.rules.confirmRemove}</Text>
                      <Button size='small' onClick={() => void remove(r.id)} data-testid='duty-remove-confirm'>{S.confirm}</Button>
                      <Button size='small' onClick={() => setConfirming(undefined)}>{S.cancel}</Button>
                    </>
                  ) : (
                    <Button size='small' onClick={() => setConfirming(r.id)} data-testid='duty-remove'>{S.rules.remove}</Button>
                  )}
                </View>
              )}
              {rowError?.id === r.id && <Text className='error block' data-testid='duty-row-error'>{rowError.message}</Text>}
            </View>
          ))}
          {elsewhere.map((r) => (
            <View key={r.id} className='card' data-testid='duty-row-other'>
              <Text className='block'>{`${catName(r.category)} → ${deptName(r.departmentId)}`}</Text>
              <Text className='muted block'>{S.rules.inheritedFrom(r.nodeCode)}</Text>
            </View>
          ))}
        </StateView>
      )}
      {choosing && (
        <GridChooser
          canPick={() => true}
          onChoose={(g) => {
            setNode(g)
            setChoosing(false)
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
    </>
  )
}

function DutyForm(props: {
  nodeCode: string
  initial?: ResponsibilityDto
  categories: CategoryAdminDto[]
  departments: DepartmentDto[]
  departmentsError?: string
  onSaved: (r: ResponsibilityDto) => void
  onCancel: () => void
}) {
  const [category, setCategory] = useState(props.initial?.category)
  const [departmentId, setDepartmentId] = useState(props.initial?.departmentId)
  const [matter, setMatter] = useState(props.initial?.matter ?? '')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const e: Record<string, string> = {}
    if (!category) e.category = S.rules.errCategory
    if (!departmentId) e.departmentId = S.rules.errDepartment
    setErrors(e)
    if (Object.keys(e).length) return
    setBusy(true)
    setError(undefined)
    try {
      props.onSaved(await api.putResponsibility({ nodeCode: props.nodeCode, category: category!, departmentId: departmentId!, matter: matter.trim() }))
    } catch (err) {
      const s = saveError(err)
      setErrors(s.fields)
      setError(s.message)
    } finally {
      setBusy(false)
    }
  }
  // departments that own the chosen category first: the usual pick
  const depts = [...props.departments].sort((a, b) => Number(!!category && b.categoryCodes.includes(category)) - Number(!!category && a.categoryCodes.includes(category)))
  return (
    <View className='card' data-testid='duty-form'>
      <Text className='field-label'>{S.rules.category}</Text>
      <View className='chips'>
        {props.categories.map((c) => (
          <Text key={c.code} className={`chip${c.code === category ? ' chip-on' : ''}`} onClick={() => !props.initial && setCategory(c.code)} data-testid={`duty-cat-${c.code}`}>
            {c.name}
          </Text>
        ))}
      </View>
      {errors.category && <Text className='error block'>{errors.category}</Text>}
      <Text className='field-label'>{S.rules.department}</Text>
      {props.departmentsError && <Text className='error block'>{props.departmentsError}</Text>}
      {!props.departmentsError && !depts.length && <Text className='muted block' data-testid='duty-no-departments'>{S.rules.noDepartments}</Text>}
      <View className='chips'>
        {depts.map((d) => (
          <Text key={d.id} className={`chip${d.id === departmentId ? ' chip-on' : ''}`} onClick={() => setDepartmentId(d.id)} data-testid={`duty-dept-${d.id}`}>
            {`${d.name}${category && d.categoryCodes.includes(category) ? S.rules.ownsCategory : ''}`}
          </Text>
        ))}
      </View>
      {errors.departmentId && <Text className='error block'>{errors.departmentId}</Text>}
      <Text className='field-label'>{S.rules.matter}</Text>
      <Input className='textarea input' value={matter} maxlength={200} placeholder={S.rules.matterPlaceholder} onInput={(ev) => setMatter(ev.detail.value)} data-testid='duty-matter' />
      {errors.matter && <Text className='error block'>{errors.matter}</Text>}
      {errors.nodeCode && <Text className='error block'>{errors.nodeCode}</Text>}
      {error && <Text className='error block' data-testid='duty-error'>{error}</Text>}
      <View className='row'>
        <Button type='primary' onClick={() => void submit()} loading={busy} disabled={busy} data-testid='duty-save'>{S.rules.save}</Button>
        <Button onClick={props.onCancel}>{S.cancel}</Button>
      </View>
    </View>
  )
}
