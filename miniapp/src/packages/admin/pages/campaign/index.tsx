import { View, Text } from '@tarojs/components'
import { Button } from '../../../../components/ui'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { CampaignProgressRow } from '@weigrid/shared'
import { api } from '../../../../services/api'
import { useApi } from '../../../../hooks/useApi'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useParams } from '../../../../hooks/useParams'
import { nav } from '../../../../services/nav'
import { formatTime } from '../../../../services/eventView'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { S } from '../../../../strings'
import { KpiTiles, RankBars, type RankRow, type Tile } from '../../components/charts'
import { pct } from '../../components/statsView'

const C = S.campaignAdmin

/**
 * 填报进度 of one campaign: households answered / known (from the register) at a node and each
 * child — tap a child to look inside it — and the answers there, those asking for help first.
 */
export default function CampaignProgress() {
  const params = useParams()
  const id = Number(params.id)
  const campaign = useApi(() => api.campaign(id), [id])
  // The page starts at the node asked for when it lies in the campaign's area (a dashboard above a
  // community's campaign asks for its own node), else at the area; `below` are the children
  // walked into from there, the last one shown.
  const area = campaign.data?.node.code
  const start = area && params.node?.startsWith(area) ? params.node : area
  const [below, setBelow] = useState<{ code: string; name: string }[]>([])
  const [startName, setStartName] = useState('')
  const node = below.length ? below[below.length - 1]!.code : start
  const whenKnown = <T,>(load: () => Promise<T>) => (node ? load() : new Promise<T>(() => undefined))
  const progress = useApi(() => whenKnown(() => api.campaignProgress(id, node)), [id, node])
  // The answers under the node: those asking for help first (what needs doing), or all of them.
  const [onlyHelp, setOnlyHelp] = useState(true)
  const help = usePagedList((cursor) => whenKnown(() => api.campaignAnswers(id, { node, ...(onlyHelp ? { needsHelp: true } : {}) }, cursor)), [id, node, onlyHelp])
  usePullDownRefresh(() => {
    progress.reload()
    help.reload()
    Taro.stopPullDownRefresh()
  })
  const p = progress.data
  return (
    <Page>
      <View className='card'>
        <Text className='card-title' data-testid='progress-title'>{campaign.data?.title ?? ''}</Text>
        {campaign.data && <Text className='muted block'>{`${campaign.data.node.name} · ${C.dates(campaign.data.opensOn, campaign.data.closesOn)}`}</Text>}
        {below.length > 0 && (
          <View className='row between'>
            <Text className='muted grow' data-testid='progress-trail'>{[startName, ...below.map((b) => b.name)].join(' / ')}</Text>
            <Text className='link' onClick={() => setBelow(below.slice(0, -1))} data-testid='progress-up'>{S.stats.back}</Text>
          </View>
        )}
      </View>
      <StateView loading={progress.loading && !campaign.error} error={campaign.error ?? progress.error} onRetry={campaign.error ? campaign.reload : progress.reload}>
        {p && (
          <>
            <View className='card' data-testid='progress-node'>
              <Text className='card-title'>{`${p.node.name} · ${C.progress}`}</Text>
              <KpiTiles tiles={progressTiles(p.node)} />
            </View>
            {p.children.length > 0 && (
              <View className='card'>
                <RankBars
                  rows={p.children.map(progressRank)}
                  testid='progress-child'
                  onTap={(code) => {
                    const c = p.children.find((x) => x.code === code)
                    if (!c) return
                    if (!below.length) setStartName(p.node.name)
                    setBelow([...below, { code: c.code, name: c.name }])
                  }}
                />
              </View>
            )}
          </>
        )}
      </StateView>
      <View className='card' data-testid='help-list'>
        <View className='row between'>
          <Text className='card-title'>{onlyHelp ? C.helpList : C.allAnswers}</Text>
          <View className='row'>
            {[true, false].map((h) => (
              <Text key={String(h)} className={`chip${h === onlyHelp ? ' chip-on' : ''}`} onClick={() => setOnlyHelp(h)} data-testid={h ? 'answers-help' : 'answers-all'}>
                {h ? C.needsHelp : C.all}
              </Text>
            ))}
          </View>
        </View>
        <StateView loading={help.loading && !help.items.length} error={help.items.length ? undefined : help.error} onRetry={help.reload}>
          {!help.loading && !help.items.length && <Text className='muted block'>{onlyHelp ? C.noHelp : C.noAnswers}</Text>}
          {help.items.map((a) => (
            <View key={a.id} className='list-item' data-testid='help-answer'>
              <Text className='block'>{`${a.microGrid.name} · ${a.address}`}</Text>
              {!onlyHelp && a.needsHelp && <Text className='error block'>{C.needsHelp}</Text>}
              {typeof a.answers.difficulty_note === 'string' && <Text className='block'>{a.answers.difficulty_note}</Text>}
              <Text className='muted block'>{`${C.via[a.via]} · ${formatTime(a.updatedAt)}`}</Text>
              {a.eventId !== null && (
                <Text className='link' onClick={() => nav.to(`/pages/event/index?id=${a.eventId}`)} data-testid='help-event'>{`${C.helpEvent(a.eventId)} ›`}</Text>
              )}
            </View>
          ))}
          {help.hasMore && <Button onClick={help.loadMore} loading={help.loading} data-testid='help-more'>{S.loadMore}</Button>}
        </StateView>
      </View>
    </Page>
  )
}

function progressTiles(r: CampaignProgressRow): Tile[] {
  return [
    { key: 'answered', label: C.answered, value: String(r.answered) },
    { key: 'known', label: C.known, value: r.known === null ? C.noRegister : String(r.known) },
    { key: 'rate', label: C.rate, value: pct(r.rate) },
    { key: 'help', label: C.needsHelp, value: String(r.needsHelp), tone: r.needsHelp > 0 ? 'bad' : undefined }
  ]
}

/** A child node as a bar: its answered rate; help requests underneath. */
function progressRank(r: CampaignProgressRow): RankRow {
  return { code: r.code, name: r.name, value: (r.rate ?? 0) * 100, text: `${C.row(r.answered, r.known)} · ${pct(r.rate)}`, sub: r.needsHelp > 0 ? `${C.needsHelp} ${r.needsHelp}` : undefined }
}
