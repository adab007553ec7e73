import { useCallback, useEffect, useState } from 'react'
import { flushQueue, reportQueue, discard, type QueuedReport } from '../services/reportQueue'
import type { ApiError } from '../services/api'
import type { EventCreatedDto } from '../services/contracts'
import { useStore } from './useStore'
import { onNetworkBack } from '../platform/network'

export interface ReportQueueState {
  items: QueuedReport[]
  flushing: boolean
  /** Results of the last flush, for a toast or a link to the new event. */
  lastSent: EventCreatedDto[]
  lastRejected: { item: QueuedReport; error: ApiError }[]
  flush: () => Promise<void>
  discard: (requestId: string) => void
}

/**
 * The offline queue as a hook: sends what is queued when the page shows and whenever the
 * network comes back (onNetworkBack), and re-renders as items leave the queue.
 */
export function useReportQueue(opts: { autoFlush?: boolean } = {}): ReportQueueState {
  const items = useStore(reportQueue)
  const [flushing, setFlushing] = useState(false)
  const [lastSent, setLastSent] = useState<EventCreatedDto[]>([])
  const [lastRejected, setLastRejected] = useState<{ item: QueuedReport; error: ApiError }[]>([])

  const flush = useCallback(async () => {
    if (!reportQueue.get().length) return
    setFlushing(true)
    try {
      const r = await flushQueue()
      setLastSent(r.sent)
      setLastRejected(r.rejected)
    } finally {
      setFlushing(false)
    }
  }, [])

  useEffect(() => {
    if (opts.autoFlush === false) return
    void flush()
    return onNetworkBack(() => void flush())
  }, [flush, opts.autoFlush])

  return { items, flushing, lastSent, lastRejected, flush, discard }
}
