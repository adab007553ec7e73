import { View, Text, Picker } from '@tarojs/components'
import { Button, Input } from '../../../../components/ui'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { MAX_CAMPAIGN_DAYS, type CampaignDto } from '@weigrid/shared'
import { useStore } from '../../../../hooks/useStore'
import { useApi } from '../../../../hooks/useApi'
import { usePagedList } from '../../../../hooks/usePagedList'
import { session } from '../../../../services/session'
import { api } from '../../../../services/api'
import { nav } from '../../../../services/nav'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { GridChooser, type ChosenGrid } from '../../../../components/report/GridChooser'
import { S } from '../../../../strings'
import { adminGrants, asApiError } from '../../components/admin'
import { dayOf } from '../../components/statsView'

const TITLE_MAX = 100
const F = S.campaignAdmin.form

export function campaignStatus(c: Pick<CampaignDto, 'opensOn' | 'closesOn'>, today = dayOf(new Date())): 'open' | 'notYet' | 'closed' {
  return today < c.opensOn ? 'notYet' : today > c.closesOn ? 'closed' : 'open'
}

/** The page a campaign opens on: the campaign's node, or the admin's own when the campaign covers more. */
export function progressUrl(c: CampaignDto, scopeCode: string): string {
  const start = scopeCode.startsWith(c.node.code) ? scopeCode : c.node.code
  return `/packages/admin/pages/campaign/index?id=${c.id}&node=${start}`
}

/**
 * 走访登记活动: the campaigns in and above the admin's area (newest first, cursor pages), each
 * opening its progress; and the form that starts one from a template for a node of the area.
 */
export default function Campaigns() {
  const s = useStore(session)
  const grants = adminGrants(s?.user.roles)
  const [scope, setScope] = useState(grants[0])
  useEffect(() => setScope(grants[0]), [grants[0]?.nodeCode])
  const [creating, setCreating] = useState(false)
  const list = usePagedList((cursor) => (scope ? api.campaignsIn(scope.nodeCode, cursor) : Promise.reject(new Error('no scope'))), [scope?.nodeCode])
  usePullDownRefresh(() => {
    list.reload()
    Taro.stopPullDownRefresh()
  })
  if (!scope) return <Page><Text className='muted block'>{S.empty}</Text></Page>
  return (
    <Page>
      <View className='card'>
        <Text className='muted block'>{S.campaignAdmin.hint}</Text>
        {grants.length > 1 && (
          <View className='chips'>
            {grants.map((g) => (
              <Text key={g.id} className={`chip${scope.nodeCode === g.nodeCode ? ' chip-on' : ''}`} onClick={() => setScope(g)}>
                {g.nodeName}
              </Text>
            ))}
          </View>
        )}
        {!creating && <Button onClick={() => setCreating(true)} data-testid='campaign-create'>{S.campaignAdmin.create}</Button>}
      </View>
      {creating && (
        <CampaignForm
          scope={{ code: scope.nodeCode, name: scope.nodeName, path: [] }}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false)
            list.reload()
            nav.to(progressUrl(c, scope.nodeCode))
          }}
        />
      )}
      <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
        {list.items.map((c) => {
          const status = campaignStatus(c)
          return (
            <View key={c.id} className='card' onClick={() => nav.to(progressUrl(c, scope.nodeCode))} data-testid='campaign-item'>
              <View className='row between'>
                <Text className='card-title'>{c.title}</Text>
                <Text className={`chip${status === 'open' ? ' chip-on' : ''}`}>{S.campaignAdmin[status]}</Text>
              </View>
              <Text className='muted block'>{`${c.node.name} · ${S.campaignAdmin.dates(c.opensOn, c.closesOn)}`}</Text>
            </View>
          )
        })}
        {list.error && list.items.length > 0 && <Text className='error block' data-testid='error'>{list.error.userMessage}</Text>}
        {list.hasMore ? (
          <Button onClick={list.loadMore} loading={list.loading} data-testid='campaigns-more'>{S.loadMore}</Button>
        ) : (
          list.items.length > 0 && <Text className='muted center block'>{S.noMore}</Text>
        )}
      </StateView>
    </Page>
  )
}

/** Our own words for each field the server may refuse (its texts are for developers). */
const FIELD_TEXT: Record<string, string> = { title: F.errTitle, template: F.errTemplate, nodeCode: F.errNode, opensOn: F.errDate(MAX_CAMPAIGN_DAYS), closesOn: F.errDate(MAX_CAMPAIGN_DAYS) }

function CampaignForm(props: { scope: ChosenGrid; onCreated: (c: CampaignDto) => void; onCancel: () => void }) {
  const templates = useApi(api.campaignTemplates)
  const today = dayOf(new Date())
  const [title, setTitle] = useState('')
  const [template, setTemplate] = useState<string>()
  const [node, setNode] = useState<ChosenGrid>(props.scope)
  const [choosing, setChoosing] = useState(false)
  const [opensOn, setOpensOn] = useState(today)
  const [closesOn, setClosesOn] = useState(() => { const d = new Date(); d.setDate(d.getDate() + 30); return dayOf(d) })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const chosen = template ?? templates.data?.[0]?.code
  const submit = async () => {
    const e: Record<string, string> = {}
    if (!title.trim()) e.title = F.errTitle
    if (!chosen) e.template = F.errTemplate
    if (closesOn < opensOn) e.closesOn = F.errDates
    else if ((Date.parse(closesOn) - Date.parse(opensOn)) / 86_400_000 + 1 > MAX_CAMPAIGN_DAYS) e.closesOn = F.errTooLong(MAX_CAMPAIGN_DAYS)
    setErrors(e)
    setError(undefined)
    if (Object.keys(e).length) return
    setBusy(true)
    try {
      props.onCreated(await api.createCampaign({ title: title.trim(), template: chosen, nodeCode: node.code, opensOn, closesOn }))
    } catch (err) {
      const a = asApiError(err)
      setErrors(Object.fromEntries(Object.keys(a.fieldErrors).map((k) => [k, FIELD_TEXT[k] ?? a.userMessage])))
      setError(a.userMessage)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card' data-testid='campaign-form'>
      <Text className='field-label'>{F.title}</Text>
      <Input className='textarea input' value={title} maxlength={TITLE_MAX} placeholder='如 冬季三询问一完善' onInput={(ev) => setTitle(ev.detail.value)} data-testid='campaign-title' />
      {errors.title && <Text className='error block'>{errors.title}</Text>}
      <Text className='field-label'>{F.template}</Text>
      <StateView loading={templates.loading} error={templates.error} onRetry={templates.reload}>
        <View className='chips'>
          {(templates.data ?? []).map((t) => (
            <Text key={t.code} className={`chip${chosen === t.code ? ' chip-on' : ''}`} onClick={() => setTemplate(t.code)} data-testid={`campaign-template-${t.code}`}>
              {t.title}
            </Text>
          ))}
        </View>
      </StateView>
      {errors.template && <Text className='error block'>{errors.template}</Text>}
      <Text className='field-label'>{F.node}</Text>
      <View className='row between'>
        <Text data-testid='campaign-node'>{node.path.map((p) => p.name).join(' / ') || node.name}</Text>
        <Text className='link' onClick={() => setChoosing(true)} data-testid='campaign-choose-node'>{S.grid.choose}</Text>
      </View>
      {errors.nodeCode && <Text className='error block'>{errors.nodeCode}</Text>}
      <View className='row between'>
        <Text>{F.opensOn}</Text>
        <Picker mode='date' value={opensOn} onChange={(ev) => setOpensOn(String(ev.detail.value))} data-testid='campaign-opens'>
          <Text className='link'>{opensOn}</Text>
        </Picker>
      </View>
      <View className='row between'>
        <Text>{F.closesOn}</Text>
        <Picker mode='date' value={closesOn} onChange={(ev) => setClosesOn(String(ev.detail.value))} data-testid='campaign-closes'>
          <Text className='link'>{closesOn}</Text>
        </Picker>
      </View>
      {(errors.opensOn || errors.closesOn) && <Text className='error block'>{errors.opensOn ?? errors.closesOn}</Text>}
      {error && <Text className='error block' data-testid='campaign-error'>{error}</Text>}
      <Button type='primary' size='large' onClick={() => void submit()} loading={busy} disabled={busy} data-testid='campaign-submit'>{F.submit}</Button>
      <Text className='link center block' onClick={props.onCancel} data-testid='campaign-cancel'>{F.cancel}</Text>
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
    </View>
  )
}
