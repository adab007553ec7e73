import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { useStore } from '../../../../hooks/useStore'
import { session } from '../../../../services/session'
import { Page } from '../../../../components/Page'
import { S } from '../../../../strings'
import { adminGrants, isRuleMaker } from '../../components/admin'
import { CategoriesTab } from '../../components/CategoriesTab'
import { DeadlinesTab } from '../../components/DeadlinesTab'
import { CalendarTab } from '../../components/CalendarTab'
import { DutyTab } from '../../components/DutyTab'

type Tab = 'categories' | 'deadlines' | 'calendar' | 'duty'
const TABS: Tab[] = ['categories', 'deadlines', 'calendar', 'duty']

/**
 * 规则设置: event categories, deadlines per category and stage, the work calendar and the
 * responsibility list. District and city admins edit; other admins see what is in force and
 * are told who can change it (the server refuses their edits anyway).
 */
export default function Rules() {
  const s = useStore(session)
  const canEdit = isRuleMaker(s?.user.roles)
  const top = adminGrants(s?.user.roles)[0]
  const [tab, setTab] = useState<Tab>('categories')
  return (
    <Page>
      {!canEdit && (
        <View className='card notice' data-testid='rules-readonly'>
          <Text className='block'>{S.rules.onlyRuleMakers}</Text>
        </View>
      )}
      <View className='tabs' {...({ role: 'tablist' } as object)}>
        {TABS.map((t) => (
          <Text key={t} className={`tab${t === tab ? ' tab-on' : ''}`} onClick={() => setTab(t)} data-testid={`rules-tab-${t}`} {...({ role: 'tab', tabIndex: 0, 'aria-selected': t === tab } as object)}>
            {S.rules.tabs[t]}
          </Text>
        ))}
      </View>
      {tab === 'categories' && <CategoriesTab canEdit={canEdit} />}
      {tab === 'deadlines' && <DeadlinesTab canEdit={canEdit} />}
      {tab === 'calendar' && <CalendarTab canEdit={canEdit} />}
      {tab === 'duty' && (
        <DutyTab canEdit={canEdit} home={top ? { code: top.nodeCode, name: top.nodeName, path: [{ code: top.nodeCode, name: top.nodeName, level: top.nodeLevel }] } : undefined} />
      )}
    </Page>
  )
}
