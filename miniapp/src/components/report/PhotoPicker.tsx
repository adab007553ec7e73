import { View, Image, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ensurePrivacyAgreed } from '../../platform/privacy'
import { S } from '../../strings'

export interface PhotoItem {
  key: string
  localPath: string
  status: 'compressing' | 'uploading' | 'done' | 'failed' | 'waiting'
  progress: number
  uploadId?: string
  error?: string
}

export const MAX_PHOTOS = 9

/** Thumbnails with upload progress; a failed one is retried by tapping it. */
export function PhotoPicker(props: {
  photos: PhotoItem[]
  onAdd: (paths: string[]) => void
  onRemove: (key: string) => void
  onRetry: (key: string) => void
  disabled?: boolean
  /** At most this many (default 9, the report's limit). */
  max?: number
}) {
  const { photos } = props
  const max = props.max ?? MAX_PHOTOS
  const add = async () => {
    // the privacy agreement comes before the album or camera opens (WeChat asks at the same point)
    if (!(await ensurePrivacyAgreed())) return
    try {
      const r = await Taro.chooseMedia({ count: max - photos.length, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
      props.onAdd(r.tempFiles.map((f) => f.tempFilePath).slice(0, max - photos.length))
    } catch {
      /* cancelled */
    }
  }
  return (
    <View>
      <View className='photos' data-testid='photos'>
        {photos.map((p) => (
          <View key={p.key} className='photo' data-testid='photo' data-status={p.status}>
            <Image className='photo-img' src={p.localPath} mode='aspectFill' />
            {p.status === 'uploading' && <Text className='photo-badge'>{`${Math.round(p.progress)}%`}</Text>}
            {p.status === 'compressing' && <Text className='photo-badge'>{S.report.compressing}</Text>}
            {p.status === 'failed' && (
              <Text className='photo-badge photo-failed' onClick={() => props.onRetry(p.key)}>{S.report.uploadFailed}</Text>
            )}
            {p.status === 'done' && <Text className='photo-badge photo-ok'>✓</Text>}
            <Text className='photo-remove' onClick={() => props.onRemove(p.key)} aria-label={S.report.removePhoto}>×</Text>
          </View>
        ))}
        {photos.length < max && (
          <View className='photo photo-add' onClick={props.disabled ? undefined : add} data-testid='add-photo'>
            <Text className='photo-plus'>＋</Text>
            <Text className='muted'>{S.report.addPhoto}</Text>
          </View>
        )}
      </View>
      <Text className='muted'>{S.report.photosHint(photos.length, max)}</Text>
    </View>
  )
}
