import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../services/api'
import type { Page } from '../services/contracts'

export interface PagedList<T> {
  items: T[]
  loading: boolean
  error?: ApiError
  hasMore: boolean
  loadMore: () => void
  reload: () => void
}

/** Cursor pagination (`{items, nextCursor}`) with loading / error / retry, reset when deps change. */
export function usePagedList<T>(load: (cursor?: string) => Promise<Page<T>>, deps: unknown[] = []): PagedList<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError>()
  const gen = useRef(0)

  const fetchPage = useCallback(
    async (from: string | undefined, reset: boolean) => {
      const my = reset ? ++gen.current : gen.current
      setLoading(true)
      setError(undefined)
      try {
        const page = await load(from)
        if (my !== gen.current) return
        setItems((old) => (reset ? page.items : [...old, ...page.items]))
        setCursor(page.nextCursor)
      } catch (e) {
        if (my === gen.current) setError(e instanceof ApiError ? e : new ApiError(0, undefined))
      } finally {
        if (my === gen.current) setLoading(false)
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps
  )

  useEffect(() => {
    setItems([])
    void fetchPage(undefined, true)
  }, [fetchPage])

  return {
    items,
    loading,
    error,
    hasMore: !!cursor,
    loadMore: () => {
      if (cursor && !loading) void fetchPage(cursor, false)
    },
    reload: () => void fetchPage(undefined, true)
  }
}
