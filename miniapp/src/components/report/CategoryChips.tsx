import { View, Text } from '@tarojs/components'
import { api } from '../../services/api'
import { useApi } from '../../hooks/useApi'
import { StateView } from '../StateView'

/** The active event categories (GET /categories) as chips, one chosen; loading and errors with a retry. */
export function CategoryChips(props: { value: string; onChange: (code: string) => void; testid?: string }) {
  const categories = useApi(api.categories)
  const id = props.testid ?? 'category'
  return (
    <StateView loading={categories.loading} error={categories.error} onRetry={categories.reload} empty={categories.data?.length === 0}>
      <View className='chips' data-testid={`${id === 'category' ? 'categories' : `${id}-categories`}`}>
        {categories.data?.map((c) => (
          <Text key={c.code} className={`chip${c.code === props.value ? ' chip-on' : ''}`} onClick={() => props.onChange(c.code)} data-testid={`${id}-${c.code}`}>
            {c.name}
          </Text>
        ))}
      </View>
    </StateView>
  )
}
