import { Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { assetUrl, getAuthToken } from '../services/api'

/**
 * Event photos are private: <Image> cannot send the Authorization header, so download the file
 * with it (downloadFile on both platforms) and show the local copy.
 */
export function AuthImage(props: { src: string; className?: string; onClick?: () => void; alt?: string }) {
  const [local, setLocal] = useState<string>()
  useEffect(() => {
    let alive = true
    const token = getAuthToken()
    Taro.downloadFile({ url: assetUrl(props.src), header: token ? { authorization: `Bearer ${token}` } : {} }).then(
      (r) => alive && r.statusCode === 200 && setLocal(r.tempFilePath),
      () => undefined
    )
    return () => {
      alive = false
    }
  }, [props.src])
  return <Image className={props.className ?? 'photo-img'} src={local ?? ''} mode='aspectFill' onClick={props.onClick} ariaLabel={props.alt ?? '照片'} />
}
