import { View, Text } from '@tarojs/components'
import { Input, Textarea } from '../../../components/ui'

/** A labelled input with its hint and, beside it, its error (test ids `f-<id>`, `err-<id>`). */
export function TextField(props: {
  id: string
  label: string
  value: string
  onInput: (v: string) => void
  error?: string
  hint?: string
  placeholder?: string
  type?: 'text' | 'number' | 'idcard'
  maxlength?: number
  multiline?: boolean
}) {
  return (
    <View className='field'>
      <Text className='field-label'>{props.label}</Text>
      {props.multiline ? (
        <Textarea label={props.label} className='textarea' value={props.value} maxlength={props.maxlength ?? -1} placeholder={props.placeholder} onInput={(e) => props.onInput(e.detail.value)} data-testid={`f-${props.id}`} />
      ) : (
        <Input label={props.label} className='textarea input' type={props.type ?? 'text'} value={props.value} maxlength={props.maxlength ?? -1} placeholder={props.placeholder} onInput={(e) => props.onInput(e.detail.value)} data-testid={`f-${props.id}`} />
      )}
      {props.hint && <Text className='muted block'>{props.hint}</Text>}
      {props.error && <Text className='error block' data-testid={`err-${props.id}`}>{props.error}</Text>}
    </View>
  )
}

/** One choice (or several with `multi`) from a fixed list, as chips (test ids `<id>-<option>`). */
export function ChipsField<T extends string>(props: {
  id: string
  label: string
  options: readonly T[]
  value: T | '' | readonly T[]
  onChange: (v: T[] | T) => void
  labelOf?: (o: T) => string
  multi?: boolean
  error?: string
}) {
  const on = (o: T) => (Array.isArray(props.value) ? props.value.includes(o) : props.value === o)
  const tap = (o: T) => {
    if (!props.multi) return props.onChange(o)
    const cur = props.value as readonly T[]
    props.onChange(cur.includes(o) ? cur.filter((x) => x !== o) : [...cur, o])
  }
  return (
    <View className='field'>
      <Text className='field-label'>{props.label}</Text>
      <View className='chips'>
        {props.options.map((o) => (
          <Text key={o} className={`chip${on(o) ? ' chip-on' : ''}`} onClick={() => tap(o)} data-testid={`${props.id}-${o}`}>{props.labelOf ? props.labelOf(o) : o}</Text>
        ))}
      </View>
      {props.error && <Text className='error block' data-testid={`err-${props.id}`}>{props.error}</Text>}
    </View>
  )
}
