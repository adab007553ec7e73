import { View, Text } from '@tarojs/components'
import { Button, Input } from '../../../../components/ui'
import { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { PERSON_TAGS } from '@weigrid/shared'
import { api } from '../../../../services/api'
import { usePagedList } from '../../../../hooks/usePagedList'
import { Page } from '../../../../components/Page'
import { StateView } from '../../../../components/StateView'
import { nav } from '../../../../services/nav'
import { S } from '../../../../strings'
import { householdUrl } from '../../register'

const R = S.register
type Mode = 'name' | 'phone' | 'tag'
type Query = { name?: string; phone?: string; tag?: string }

/** Find a resident in my scope by name prefix, exact phone or tag; each hit opens the household file. */
export default function People() {
  const [mode, setMode] = useState<Mode>('name')
  const [text, setText] = useState('')
  const [tag, setTag] = useState('')
  const [error, setError] = useState<string>()
  const [query, setQuery] = useState<Query>()

  const search = () => {
    const t = text.trim()
    if (mode === 'name' && !t) return setError(R.errName)
    if (mode === 'phone' && !/^\+?\d[\d-]{4,19}$/.test(t)) return setError(R.errPhone)
    if (mode === 'tag' && !tag) return setError(R.errTag)
    setError(undefined)
    setQuery(mode === 'name' ? { name: t } : mode === 'phone' ? { phone: t.replace(/-/g, '') } : { tag })
  }

  return (
    <Page>
      <View className='tabs'>
        {(['name', 'phone', 'tag'] as Mode[]).map((m) => (
          <Text key={m} className={`tab${m === mode ? ' tab-on' : ''}`} onClick={() => { setMode(m); setError(undefined) }} data-testid={`mode-${m}`}>
            {m === 'name' ? R.byName : m === 'phone' ? R.byPhone : R.byTag}
          </Text>
        ))}
      </View>
      <View className='card'>
        {mode === 'tag' ? (
          <View className='chips' data-testid='tags'>
            {PERSON_TAGS.map((t) => (
              <Text key={t} className={`chip${t === tag ? ' chip-on' : ''}`} onClick={() => setTag(t)}>{t}</Text>
            ))}
          </View>
        ) : (
          <Input
            className='input'
            type={mode === 'phone' ? 'number' : 'text'}
            value={text}
            placeholder={mode === 'phone' ? R.phonePlaceholder : R.namePlaceholder}
            onInput={(e) => setText(e.detail.value)}
            onConfirm={search}
            data-testid='search-input'
          />
        )}
        {error && <Text className='error block' data-testid='search-error'>{error}</Text>}
        <Button type='primary' onClick={search} data-testid='search'>{R.search}</Button>
        <Text className='muted block'>{R.scopeHint}</Text>
        <Text className='link' onClick={() => nav.to('/packages/worker/pages/household-edit/index')} data-testid='people-new-household'>{S.worker.newHousehold}</Text>
      </View>
      {query && <Results key={JSON.stringify(query)} query={query} />}
    </Page>
  )
}

function Results(props: { query: Query }) {
  const list = usePagedList((cursor) => api.searchPeople(props.query, cursor), [])
  useReachBottom(list.loadMore)
  return (
    <StateView loading={list.loading && !list.items.length} error={list.items.length ? undefined : list.error} onRetry={list.reload} empty={!list.loading && !list.items.length}>
      <View className='card' data-testid='results'>
        {list.items.map((p) => (
          <View key={p.id} className='list-item' onClick={() => nav.to(householdUrl(p.householdId))} data-testid='result'>
            <Text className='field-label'>{`${p.name}（${p.relation}）`}</Text>
            <Text className='muted block'>{`${R.phone}：${p.phone ?? R.none}${p.birthYear !== null ? ` · ${R.birthYear(p.birthYear)}` : ''}`}</Text>
            {p.tags.length > 0 && <Text className='muted block'>{p.tags.join('、')}</Text>}
          </View>
        ))}
        {list.hasMore && <Text className='link center' onClick={list.loadMore}>{S.loadMore}</Text>}
      </View>
    </StateView>
  )
}
