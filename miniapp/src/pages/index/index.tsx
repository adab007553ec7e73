import { View, Text } from '@tarojs/components'
import { Button } from '../../components/ui'
import { GRID_LEVELS, GRID_LEVEL_LABEL } from '@weigrid/shared'
import { api } from '../../services/api'
import { useApi } from '../../hooks/useApi'
import { StateView } from '../../components/StateView'
import { Page } from '../../components/Page'
import { ElderSwitch } from '../../components/ElderSwitch'
import { CampaignsCard } from '../../components/CampaignsCard'
import { useReportQueue } from '../../hooks/useReportQueue'
import { nav } from '../../services/nav'
import { S } from '../../strings'

export default function Index() {
  const overview = useApi(api.overview)
  const o = overview.data
  const queue = useReportQueue()
  return (
    <Page>
      <View className='card'>
        <Button type='primary' size='large' onClick={() => nav.to('/pages/report/index')}>{S.home.report}</Button>
        <Text className='muted'>{S.home.reportHint}</Text>
        {queue.items.length > 0 && <Text className='warn block' data-testid='queued'>{S.home.queued(queue.items.length)}</Text>}
      </View>
      <CampaignsCard />
      <View className='card'>
        <ElderSwitch />
      </View>
      <StateView loading={overview.loading} error={overview.error} onRetry={overview.reload}>
        {o && (
          <>
            <View className='card' data-testid='region'>
              <Text className='card-title'>{S.home.region}</Text>
              <Text>{o.region ? o.region.name : S.home.noRegion}</Text>
              <View>
                {GRID_LEVELS.filter((l) => o.gridCounts[l]).map((l) => (
                  <View key={l} className='stat'>
                    <Text className='stat-num'>{o.gridCounts[l]}</Text>
                    <Text className='muted'>{GRID_LEVEL_LABEL[l]}</Text>
                  </View>
                ))}
              </View>
            </View>
            <View className='card' data-testid='categories'>
              <Text className='card-title'>{S.home.categories}</Text>
              <View className='grid'>
                {o.categories.map((c) => (
                  <View key={c.code} className='grid-item'>{c.name}</View>
                ))}
              </View>
            </View>
          </>
        )}
      </StateView>
    </Page>
  )
}
