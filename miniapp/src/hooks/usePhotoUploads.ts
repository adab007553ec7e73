import { useRef, useState } from 'react'
import { api, ApiError } from '../services/api'
import { compressPhoto } from '../platform/image'
import type { PhotoItem } from '../components/report/PhotoPicker'

let seq = 0

/**
 * Photos picked for a form: each is compressed (platform/image) and uploaded at once, with its
 * progress; a failed one is retried by tapping it. Wire `photos/add/remove/retry` to PhotoPicker
 * and send `uploadIds()` with the form once `pending()` and `failed()` are false. (The report page
 * keeps its own copy: it also queues photos offline.)
 */
export function usePhotoUploads() {
  const [photos, setPhotos] = useState<PhotoItem[]>([])
  // The latest list for handlers that run after an await (a submit reading it must not see a stale render).
  const ref = useRef(photos)
  ref.current = photos
  const update = (key: string, change: Partial<PhotoItem>) => setPhotos((ps) => ps.map((p) => (p.key === key ? { ...p, ...change } : p)))
  const upload = async (key: string, path: string) => {
    update(key, { status: 'uploading', progress: 0, error: undefined })
    try {
      const up = await api.upload(path, (pct) => update(key, { progress: pct }))
      update(key, { status: 'done', progress: 100, uploadId: up.id })
    } catch (e) {
      update(key, { status: 'failed', error: e instanceof ApiError ? e.userMessage : undefined })
    }
  }
  return {
    photos,
    add: async (paths: string[]) => {
      const items: PhotoItem[] = paths.map((p) => ({ key: `u${++seq}`, localPath: p, status: 'compressing', progress: 0 }))
      setPhotos((ps) => [...ps, ...items])
      for (const it of items) {
        const small = await compressPhoto(it.localPath)
        update(it.key, { localPath: small })
        await upload(it.key, small)
      }
    },
    remove: (key: string) => setPhotos((ps) => ps.filter((p) => p.key !== key)),
    retry: (key: string) => {
      const p = ref.current.find((x) => x.key === key)
      if (p) void upload(key, p.localPath)
    },
    clear: () => setPhotos([]),
    /** Some photo is still being compressed or uploaded. */
    pending: () => ref.current.some((p) => p.status === 'uploading' || p.status === 'compressing'),
    failed: () => ref.current.some((p) => p.status === 'failed'),
    uploadIds: () => ref.current.map((p) => p.uploadId).filter((x): x is string => !!x)
  }
}
