import { View, Text } from '@tarojs/components'
import { useStore } from '../../../../hooks/useStore'
import { session } from '../../../../services/session'
import { usePagedList } from '../../../../hooks/usePagedList'
import { api } from '../../../../services/api'
import { ROLE_LABEL, ADMIN_ROLES, isRole } from '@weigrid/shared'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { EventCard } from '../../../../components/EventCard'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'

/** The admin's home: their scope, the overdue list beneath it, and the management pages. */
export default function Dashboard() {
  const s = useStore(session)
  const scopes = (s?.user.roles ?? []).filter((g) => (ADMIN_ROLES as readonly string[]).includes(g.role))
  const overdue = usePagedList((cursor) => api.events({ scope: 'inbox', box: 'overdue', cursor, limit: 20 }))
  return (
    <Page>
      <View className='card' data-testid='admin-scope'>
        <Text className='card-title'>{S.admin.scope}</Text>
        {scopes.map((g) => (
          <Text key={g.id} className='block'>{`${isRole(g.role) ? ROLE_LABEL[g.role] : g.role} · ${g.nodeName}`}</Text>
        ))}
      </View>
      <View className='card'>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/invite/index')} data-testid='go-admin-invite'>
          <Text>{S.invite.create}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/notice-new/index')} data-testid='go-notice-new'>
          <Text>{S.notice.send}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/notices/index')} data-testid='go-notices-sent'>
          <Text>{S.notice.sent}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/overdue/index')} data-testid='go-overdue'>
          <Text>{S.admin.overdue}</Text>
        </View>
        <View className='list-item' onClick={() => nav.to('/packages/admin/pages/rules/index')} data-testid='go-rules'>
          <Text>{S.admin.rules}</Text>
        </View>
      </View>
      <View className='card'>
        <Text className='card-title'>{S.admin.overdue}</Text>
      </View>
      <StateView loading={overdue.loading && !overdue.items.length} error={overdue.items.length ? undefined : overdue.error} onRetry={overdue.reload} empty={!overdue.loading && !overdue.items.length}>
        {overdue.items.map((e) => (
          <EventCard key={e.id} event={e} onClick={() => nav.to(`/packages/worker/pages/task/index?id=${e.id}`)} />
        ))}
        {overdue.hasMore && <Text className='link center' onClick={overdue.loadMore}>{S.loadMore}</Text>}
      </StateView>
    </Page>
  )
}
