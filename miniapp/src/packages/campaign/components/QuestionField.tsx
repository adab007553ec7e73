import { View, Text, Picker } from '@tarojs/components'
import { Input, Textarea } from '../../../components/ui'
import type { Question } from '../../../services/contracts'
import { PhotoPicker, type PhotoItem } from '../../../components/report/PhotoPicker'
import { PHOTOS_MAX_DEFAULT, TEXT_MAX_DEFAULT } from '../form'
import { S } from '../../../strings'

/** One question of a campaign form, drawn for its type, with its problem beside it. */
export function QuestionField(props: {
  q: Question
  value: string | string[] | undefined
  onChange: (v: string | string[] | undefined) => void
  error?: string
  photos: PhotoItem[]
  onAddPhotos: (paths: string[]) => void
  onRemovePhoto: (key: string) => void
  onRetryPhoto: (key: string) => void
}) {
  const { q, value } = props
  const str = typeof value === 'string' ? value : ''
  const list = Array.isArray(value) ? value : []
  return (
    <View className='card' data-testid={`q-${q.id}`}>
      <Text className='field-label'>
        {q.label}
        {q.required ? <Text className='error'>{` ${S.campaign.required}`}</Text> : <Text className='muted'>{S.campaign.optional}</Text>}
        {q.type === 'multi' && <Text className='muted'>{S.campaign.choices}</Text>}
      </Text>

      {(q.type === 'single' || q.type === 'multi') && (
        <View className='chips'>
          {(q.options ?? []).map((o, i) => {
            const on = q.type === 'single' ? str === o : list.includes(o)
            const toggle = () => {
              if (q.type === 'single') props.onChange(on ? undefined : o)
              else props.onChange(on ? list.filter((x) => x !== o) : [...list, o])
            }
            return (
              <Text key={o} className={`chip${on ? ' chip-on' : ''}`} onClick={toggle} data-testid={`opt-${q.id}-${i}`} data-on={on ? '1' : '0'}>
                {o}
              </Text>
            )
          })}
        </View>
      )}

      {q.type === 'text' && (
        <>
          <Textarea label={q.label} className='textarea' value={str} maxlength={q.maxLength ?? TEXT_MAX_DEFAULT} onInput={(e) => props.onChange(e.detail.value)} data-testid={`text-${q.id}`} />
          <Text className={`counter${str.trim().length > (q.maxLength ?? TEXT_MAX_DEFAULT) ? ' error' : ''}`} data-testid={`counter-${q.id}`}>
            {`${str.trim().length}/${q.maxLength ?? TEXT_MAX_DEFAULT}`}
          </Text>
        </>
      )}

      {q.type === 'number' && (
        <View className='row'>
          <Input label={q.label} className='textarea input grow' type='digit' value={str} onInput={(e) => props.onChange(e.detail.value)} data-testid={`num-${q.id}`} />
          {(q.min !== undefined || q.max !== undefined) && <Text className='muted' style={{ marginLeft: '16px' }}>{S.campaign.range(q.min, q.max)}</Text>}
        </View>
      )}

      {q.type === 'date' && (
        <View className='row'>
          <Picker mode='date' value={str || new Date().toISOString().slice(0, 10)} onChange={(e) => props.onChange(String(e.detail.value))} data-testid={`date-${q.id}`}>
            <View className='chip' data-testid={`date-value-${q.id}`}>{str || S.campaign.pickDate}</View>
          </Picker>
          {str && !q.required && <Text className='link' onClick={() => props.onChange(undefined)}>{S.campaign.clear}</Text>}
        </View>
      )}

      {q.type === 'photo' && (
        <PhotoPicker photos={props.photos} max={q.maxPhotos ?? PHOTOS_MAX_DEFAULT} onAdd={props.onAddPhotos} onRemove={props.onRemovePhoto} onRetry={props.onRetryPhoto} />
      )}

      {props.error && <Text className='error block' data-testid={`err-${q.id}`}>{props.error}</Text>}
    </View>
  )
}
