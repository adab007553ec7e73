import { useCallback, useEffect, useState } from 'react'
import { ApiError } from '../services/api'

export interface ApiState<T> {
  data?: T
  error?: ApiError
  loading: boolean
  reload: () => void
}

/** Loads data on mount with loading / error / reload states, for every page to share. */
export function useApi<T>(load: () => Promise<T>, deps: unknown[] = []): ApiState<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let alive = true
    setState((s) => ({ ...s, loading: true, error: undefined }))
    load().then(
      (data) => alive && setState({ data, loading: false }),
      (e: unknown) => alive && setState({ error: e instanceof ApiError ? e : new ApiError(0, undefined), loading: false })
    )
    return () => {
      alive = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, ...deps])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { ...state, reload }
}
