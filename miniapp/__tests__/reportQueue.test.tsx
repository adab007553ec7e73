import { act, renderHook, waitFor } from '@testing-library/react'
import { api, ApiError } from '../src/services/api'
import { enqueue, reportQueue, discard, sendQueued } from '../src/services/reportQueue'
import { useReportQueue } from '../src/hooks/useReportQueue'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { upload: jest.fn(), createEvent: jest.fn() } }
})

const upload = api.upload as jest.Mock
const createEvent = api.createEvent as jest.Mock
const offline = () => new ApiError(0, undefined)
const created = (id: number) => ({ id, state: 'reported', version: 1, microGrid: { code: '510104001001001001', name: '一号微网格' }, replayed: false, needsGridConfirm: false, held: false })
const body = { category: 'road', description: '路灯坏了三天了', location: { lat: 30.65, lng: 104.08, crs: 'gcj02' as const }, anonymous: false }

beforeEach(() => {
  upload.mockReset()
  createEvent.mockReset()
  reportQueue.get().forEach((q) => discard(q.requestId))
})

describe('offline report queue', () => {
  it('keeps a report sent without network and sends it with the same requestId when the network returns', async () => {
    createEvent.mockRejectedValueOnce(offline())
    enqueue({ requestId: 'rid-1', body, photos: [] })
    expect((await sendQueued('rid-1')).kind).toBe('offline')
    // still queued, and in storage (survives a restart)
    expect(reportQueue.get().map((q) => q.requestId)).toEqual(['rid-1'])
    expect(JSON.parse(localStorage.getItem('weigrid.reportQueue') ?? '{}').data.map((q: { requestId: string }) => q.requestId)).toEqual(['rid-1'])

    createEvent.mockResolvedValueOnce(created(7))
    const { result } = renderHook(() => useReportQueue())
    // the hook sends what is queued as soon as a page mounts it
    await waitFor(() => expect(result.current.items).toHaveLength(0))
    expect(createEvent).toHaveBeenCalledTimes(2)
    expect(createEvent.mock.calls[0][0].requestId).toBe('rid-1')
    expect(createEvent.mock.calls[1][0].requestId).toBe('rid-1')
    expect(result.current.lastSent.map((e) => e.id)).toEqual([7])
  })

  it('flushes when the browser reports the network is back', async () => {
    createEvent.mockRejectedValue(offline())
    enqueue({ requestId: 'rid-2', body, photos: [] })
    const { result } = renderHook(() => useReportQueue())
    await waitFor(() => expect(result.current.items[0]?.lastError).toBe('网络不可用，请检查网络后重试'))
    expect(createEvent).toHaveBeenCalledTimes(1)
    expect(result.current.items).toHaveLength(1)

    createEvent.mockReset()
    createEvent.mockResolvedValue(created(8))
    act(() => {
      window.dispatchEvent(new Event('online'))
    })
    await waitFor(() => expect(result.current.items).toHaveLength(0))
    expect(createEvent).toHaveBeenCalledWith(expect.objectContaining({ requestId: 'rid-2', category: 'road' }))
  })

  it('does not upload a photo twice when a retry follows a partial upload', async () => {
    upload.mockResolvedValueOnce({ id: 'up-a' }).mockRejectedValueOnce(offline()).mockResolvedValueOnce({ id: 'up-b' })
    createEvent.mockResolvedValue(created(9))
    enqueue({ requestId: 'rid-3', body, photos: [{ localPath: 'blob:a' }, { localPath: 'blob:b' }] })
    expect((await sendQueued('rid-3')).kind).toBe('offline')
    expect(reportQueue.get()[0]!.photos).toEqual([{ localPath: 'blob:a', uploadId: 'up-a' }, { localPath: 'blob:b' }])

    const r = await sendQueued('rid-3')
    expect(r.kind).toBe('sent')
    expect(upload.mock.calls.map((c) => c[0])).toEqual(['blob:a', 'blob:b', 'blob:b'])
    expect(createEvent).toHaveBeenCalledWith(expect.objectContaining({ requestId: 'rid-3', photos: ['up-a', 'up-b'] }))
  })

  it('drops a report the server refuses (4xx) and hands back the field errors', async () => {
    createEvent.mockRejectedValue(new ApiError(422, { code: 'VALIDATION_FAILED', message: 'bad', details: { fields: { description: 'too short' } } }))
    enqueue({ requestId: 'rid-4', body, photos: [] })
    const r = await sendQueued('rid-4')
    expect(r.kind).toBe('rejected')
    if (r.kind === 'rejected') expect(r.error.fieldErrors).toEqual({ description: 'too short' })
    expect(reportQueue.get()).toHaveLength(0)
  })

  it('keeps the report when the server is down (5xx) or the session expired', async () => {
    createEvent.mockRejectedValueOnce(new ApiError(503, { code: 'DB_UNAVAILABLE', message: 'x' }))
    enqueue({ requestId: 'rid-5', body, photos: [] })
    expect((await sendQueued('rid-5')).kind).toBe('offline')
    expect(reportQueue.get()[0]!.lastError).toBe('服务繁忙，请稍后再试')
  })

  it('one report is never sent twice at once (double tap, flush and button together)', async () => {
    let release!: (v: unknown) => void
    createEvent.mockReturnValue(new Promise((r) => (release = r)))
    enqueue({ requestId: 'rid-6', body, photos: [] })
    const a = sendQueued('rid-6')
    const b = sendQueued('rid-6')
    release(created(10))
    expect((await a).kind).toBe('sent')
    expect((await b).kind).toBe('sent')
    expect(createEvent).toHaveBeenCalledTimes(1)
  })
})
