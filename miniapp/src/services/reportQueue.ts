import { api, ApiError } from './api'
import type { CreateEventRequest, EventCreatedDto } from './contracts'
import { createStore } from './store'
import { KEYS, loadValue, saveValue } from './storage'

/**
 * Reports waiting to reach the server. A report is queued before the first attempt, keeps its
 * requestId for every retry (the server answers a replay with the same event), and leaves the
 * queue only when the server accepted it or refused it for good (a 4xx the user must fix).
 * Photos are uploaded first; an uploaded photo keeps its id so a retry does not upload it again.
 */
export interface QueuedPhoto {
  localPath: string
  uploadId?: string
}

export interface QueuedReport {
  requestId: string
  queuedAt: string
  body: Omit<CreateEventRequest, 'requestId' | 'photos'>
  photos: QueuedPhoto[]
  /** Last failure shown to the user (network: still queued). */
  lastError?: string
  attempts: number
}

export type SendOutcome =
  | { kind: 'sent'; result: EventCreatedDto }
  | { kind: 'offline' }
  | { kind: 'rejected'; error: ApiError }

export const reportQueue = createStore<QueuedReport[]>(loadValue<QueuedReport[]>(KEYS.reportQueue, []))

/** Reports the queue sent in the background, until the user has seen the notice (any page shows it). */
export const sentFromQueue = createStore<EventCreatedDto[]>([])
export function dismissSent(): void {
  sentFromQueue.set([])
}

function persist(items: QueuedReport[]): void {
  saveValue(KEYS.reportQueue, items)
  reportQueue.set(items)
}

function patch(requestId: string, change: Partial<QueuedReport>): void {
  persist(reportQueue.get().map((q) => (q.requestId === requestId ? { ...q, ...change } : q)))
}

export function enqueue(item: Omit<QueuedReport, 'queuedAt' | 'attempts'>): QueuedReport {
  const existing = reportQueue.get().find((q) => q.requestId === item.requestId)
  const q: QueuedReport = { ...item, queuedAt: existing?.queuedAt ?? new Date().toISOString(), attempts: existing?.attempts ?? 0 }
  persist([...reportQueue.get().filter((x) => x.requestId !== item.requestId), q])
  return q
}

export function discard(requestId: string): void {
  persist(reportQueue.get().filter((q) => q.requestId !== requestId))
}

const inFlight = new Map<string, Promise<SendOutcome>>()

/** One attempt for one queued report. Never throws. */
export function sendQueued(requestId: string, onProgress?: (photoIndex: number, percent: number) => void): Promise<SendOutcome> {
  let p = inFlight.get(requestId)
  if (!p) {
    p = attempt(requestId, onProgress).finally(() => inFlight.delete(requestId))
    inFlight.set(requestId, p)
  }
  return p
}

async function attempt(requestId: string, onProgress?: (photoIndex: number, percent: number) => void): Promise<SendOutcome> {
  const item = reportQueue.get().find((q) => q.requestId === requestId)
  if (!item) return { kind: 'offline' }
  patch(requestId, { attempts: item.attempts + 1 })
  try {
    const photos = [...item.photos]
    for (let i = 0; i < photos.length; i++) {
      const ph = photos[i]!
      if (ph.uploadId) continue
      const up = await api.upload(ph.localPath, (pct) => onProgress?.(i, pct))
      photos[i] = { ...ph, uploadId: up.id }
      patch(requestId, { photos: [...photos] })
    }
    const result = await api.createEvent({ ...item.body, requestId, photos: photos.map((p) => p.uploadId!) })
    discard(requestId)
    return { kind: 'sent', result }
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError(0, undefined)
    // Offline, a server that is down, or a lost session: keep it for the next try.
    if (err.isNetwork || err.status >= 500 || err.status === 401 || err.status === 429) {
      patch(requestId, { lastError: err.userMessage })
      return { kind: 'offline' }
    }
    discard(requestId)
    return { kind: 'rejected', error: err }
  }
}

/** Sends everything queued, oldest first; stops at the first network failure. */
export async function flushQueue(): Promise<{ sent: EventCreatedDto[]; rejected: { item: QueuedReport; error: ApiError }[] }> {
  const sent: EventCreatedDto[] = []
  const rejected: { item: QueuedReport; error: ApiError }[] = []
  for (const item of [...reportQueue.get()]) {
    const r = await sendQueued(item.requestId)
    if (r.kind === 'sent') sent.push(r.result)
    else if (r.kind === 'rejected') rejected.push({ item, error: r.error })
    else break
  }
  if (sent.length) sentFromQueue.set([...sentFromQueue.get(), ...sent])
  return { sent, rejected }
}
