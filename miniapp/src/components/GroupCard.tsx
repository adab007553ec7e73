import { View, Text, Button } from '@tarojs/components'
import { api } from '../services/api'
import type { CampaignDto, Page as PageOf } from '../services/contracts'
import { useApi } from '../hooks/useApi'
import { useGroupEntry } from '../hooks/useGroupEntry'
import { nav } from '../services/nav'
import { CAMPAIGN_FORM } from './CampaignsCard'
import { StateView } from './StateView'
import { S } from '../strings'

/**
 * Opened from a card in a WeChat group bound to a micro-grid: that micro-grid, what it has open for
 * residents (its campaigns — staff notices are not for residents) and a report button pre-set to it.
 * Nothing when the page was not opened from a group card.
 */
export function GroupCard() {
  const entry = useGroupEntry()
  const code = entry.status === 'bound' ? entry.node.code : undefined
  const list = useApi<PageOf<CampaignDto> | null>(() => (code ? api.campaigns(code) : Promise.resolve(null)), [code])
  if (entry.status === 'failed') {
    return (
      <View className='card' data-testid='group-entry'>
        <Text className='muted block'>{S.group.entryFailed}</Text>
      </View>
    )
  }
  if (entry.status !== 'bound') return null
  const { node } = entry
  return (
    <View className='card' data-testid='group-entry'>
      <Text className='card-title'>{S.group.entryTitle}</Text>
      <Text className='block' data-testid='group-grid'>{node.name}</Text>
      <Button className='big-button' onClick={() => nav.to(`/pages/report/index?grid=${node.code}`)} data-testid='group-report'>
        {S.group.entryReport(node.name)}
      </Button>
      <Text className='field-label block'>{S.group.entryCampaigns}</Text>
      <StateView loading={list.loading} error={list.error} onRetry={list.reload} empty={false}>
        {list.data && list.data.items.length === 0 && <Text className='muted block'>{S.group.entryNoCampaigns}</Text>}
        {list.data?.items.map((c) => (
          <View key={c.id} className='list-item row between' onClick={() => nav.to(`${CAMPAIGN_FORM}?id=${c.id}`)} data-testid='group-campaign'>
            <Text className='grow'>{c.title}</Text>
            <Text className='muted'>›</Text>
          </View>
        ))}
      </StateView>
    </View>
  )
}
