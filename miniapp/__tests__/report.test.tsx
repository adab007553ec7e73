import { render, screen, waitFor, fireEvent, act } from '@testing-library/react'
import Report from '../src/pages/report/index'
import { api, ApiError } from '../src/services/api'
import { reportQueue, discard } from '../src/services/reportQueue'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return {
    ...actual,
    api: { categories: jest.fn(), locate: jest.fn(), nearbyEvents: jest.fn(), createEvent: jest.fn(), supportEvent: jest.fn(), upload: jest.fn(), gridRoots: jest.fn(), gridChildren: jest.fn(), searchGrids: jest.fn() }
  }
})
const m = api as unknown as Record<string, jest.Mock>

// jsdom has no geolocation: this stands in for the phone's GPS (WGS-84, as browsers report).
let position: { latitude: number; longitude: number } | 'denied' = { latitude: 30.657, longitude: 104.066 }
Object.defineProperty(navigator, 'geolocation', {
  configurable: true,
  value: {
    getCurrentPosition(ok: (p: unknown) => void, fail: (e: unknown) => void) {
      if (position === 'denied') fail({ code: 1, message: 'User denied Geolocation' })
      else ok({ coords: { ...position, accuracy: 10, altitude: null, speed: null, altitudeAccuracy: null } })
    }
  }
})

const categories = [
  { code: 'road', name: '道路设施', icon: '', sort: 1 },
  { code: 'sanitation', name: '环境卫生', icon: '', sort: 2 }
]
const located = {
  node: { id: 9, code: '510104001001001001', name: '锦华苑一号微网格', level: 'micro' },
  path: [
    { code: '510104', name: '锦江区', level: 'district' },
    { code: '510104001001001001', name: '锦华苑一号微网格', level: 'micro' }
  ],
  fallback: null,
  distanceM: 0,
  point: { lat: 30.654, lng: 104.068, crs: 'gcj02' }
}

function typeInto(el: Element, value: string) {
  // Taro's Textarea reports input as a CustomEvent with detail.value
  act(() => {
    ;(el as HTMLTextAreaElement).value = value
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

async function agreePrivacyIfAsked() {
  const agree = await screen.findByText('同意并继续')
  fireEvent.click(agree)
}

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  m.categories.mockResolvedValue(categories)
  m.locate.mockResolvedValue(located)
  m.nearbyEvents.mockResolvedValue([])
  localStorage.clear()
  reportQueue.get().forEach((q) => discard(q.requestId))
  position = { latitude: 30.657, longitude: 104.066 }
})

describe('report page', () => {
  it('checks every field before sending and sends nothing when something is missing', async () => {
    render(<Report />)
    await screen.findByText('道路设施')
    fireEvent.click(screen.getByTestId('submit'))
    expect(await screen.findByText('请选择问题类别')).toBeTruthy()
    expect(screen.getByText('请至少填写 5 个字的描述')).toBeTruthy()
    expect(screen.getByText('请确定问题位置或选择网格')).toBeTruthy()
    expect(m.createEvent).not.toHaveBeenCalled()
  })

  it('locates after the privacy agreement, shows the micro-grid, offers "me too", and sends a GCJ-02 point with a request id', async () => {
    m.nearbyEvents.mockResolvedValue([
      { id: 41, state: 'dispatched', version: 2, category: 'road', description: '井盖松动', microGrid: located.node, createdAt: new Date().toISOString(), deadlineAt: null, overdue: false, supporters: 2, source: 'resident', thumbUrl: null, distanceM: 35 }
    ])
    m.supportEvent.mockResolvedValue({})
    m.createEvent.mockResolvedValue({ id: 77, state: 'reported', version: 1, microGrid: located.node, replayed: false, needsGridConfirm: false, held: false })
    render(<Report />)
    fireEvent.click(await screen.findByText('道路设施'))
    fireEvent.click(screen.getByText('获取当前位置'))
    await agreePrivacyIfAsked()
    expect(await screen.findByText('锦华苑一号微网格')).toBeTruthy()
    // the browser's WGS-84 fix was converted to GCJ-02 before routing (offset ~ hundreds of metres in Chengdu)
    const sent = m.locate.mock.calls[0][0]
    expect(sent.crs).toBe('gcj02')
    expect(sent.lat).not.toBeCloseTo(30.657, 4)
    expect(Math.abs(sent.lat - 30.657)).toBeLessThan(0.01)

    // nearby open event of the same category is offered
    expect(await screen.findByText('井盖松动')).toBeTruthy()
    fireEvent.click(screen.getByText('我也遇到'))
    // "me too" sends where the phone is now, in GCJ-02, for the server's nearby check
    await waitFor(() => expect(m.supportEvent).toHaveBeenCalledWith(41, { lat: sent.lat, lng: sent.lng, crs: 'gcj02' }))

    typeInto(screen.getByTestId('description'), '路灯不亮已经三天了')
    expect(screen.getByTestId('counter').textContent).toBe('9/500')
    fireEvent.click(screen.getByTestId('submit'))
    await waitFor(() => expect(m.createEvent).toHaveBeenCalledTimes(1))
    const body = m.createEvent.mock.calls[0][0]
    expect(body).toMatchObject({ category: 'road', description: '路灯不亮已经三天了', anonymous: false, photos: [] })
    expect(body.location).toEqual({ lat: sent.lat, lng: sent.lng, crs: 'gcj02' })
    expect(body.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    // the draft is gone once sent
    await waitFor(() => expect(localStorage.getItem('weigrid.reportDraft')).toBeNull())
  })

  it('shows the server field errors beside the fields and keeps what was typed', async () => {
    localStorage.setItem('weigrid.privacyAgreed', JSON.stringify({ data: true }))
    m.createEvent.mockRejectedValue(new ApiError(422, { code: 'VALIDATION_FAILED', message: 'x', details: { fields: { description: '描述包含不允许的内容' } } }))
    render(<Report />)
    fireEvent.click(await screen.findByText('环境卫生'))
    fireEvent.click(screen.getByText('获取当前位置'))
    await screen.findByText('锦华苑一号微网格')
    typeInto(screen.getByTestId('description'), '垃圾桶满了没人清理')
    fireEvent.click(screen.getByTestId('submit'))
    expect(await screen.findByText('描述包含不允许的内容')).toBeTruthy()
    expect(screen.getByTestId('form-error').textContent).toBe('提交的内容有误，请检查后重试')
    expect((screen.getByTestId('description') as HTMLTextAreaElement).value).toBe('垃圾桶满了没人清理')
    expect(reportQueue.get()).toHaveLength(0)
  })

  it('keeps a report made without network and says it will be sent later', async () => {
    localStorage.setItem('weigrid.privacyAgreed', JSON.stringify({ data: true }))
    m.createEvent.mockRejectedValue(new ApiError(0, undefined))
    render(<Report />)
    fireEvent.click(await screen.findByText('道路设施'))
    fireEvent.click(screen.getByText('获取当前位置'))
    await screen.findByText('锦华苑一号微网格')
    typeInto(screen.getByTestId('description'), '路面塌陷一个大坑')
    act(() => {
      screen.getByTestId('anonymous').dispatchEvent(new CustomEvent('change', { detail: { value: true }, bubbles: true }))
    })
    fireEvent.click(screen.getByTestId('submit'))
    await waitFor(() => expect(reportQueue.get()).toHaveLength(1))
    const q = reportQueue.get()[0]!
    expect(q.body).toMatchObject({ category: 'road', description: '路面塌陷一个大坑', anonymous: true })
    expect(q.requestId).toBe(m.createEvent.mock.calls[0][0].requestId)
  })

  it('when location is refused, says so and how to allow it', async () => {
    localStorage.setItem('weigrid.privacyAgreed', JSON.stringify({ data: true }))
    position = 'denied'
    render(<Report />)
    await screen.findByText('道路设施')
    fireEvent.click(screen.getByText('获取当前位置'))
    const err = await screen.findByTestId('location-error')
    expect(err.textContent).toContain('您拒绝了位置权限')
    expect(err.textContent).toContain('浏览器')
    expect(m.locate).not.toHaveBeenCalled()
  })

  it('a declined privacy agreement means no location is read', async () => {
    render(<Report />)
    await screen.findByText('道路设施')
    fireEvent.click(screen.getByText('获取当前位置'))
    fireEvent.click(await screen.findByText('拒绝'))
    expect((await screen.findByTestId('location-error')).textContent).toContain('未同意隐私保护指引')
    expect(m.locate).not.toHaveBeenCalled()
  })

  it('shows the error code message when the point is outside the service area', async () => {
    localStorage.setItem('weigrid.privacyAgreed', JSON.stringify({ data: true }))
    m.locate.mockRejectedValue(new ApiError(422, { code: 'LOCATION_OUT_OF_AREA', message: 'outside' }))
    render(<Report />)
    await screen.findByText('道路设施')
    fireEvent.click(screen.getByText('获取当前位置'))
    expect((await screen.findByTestId('grid-error')).textContent).toBe('该位置不在服务范围内')
  })

  it('without a location, the micro-grid can be chosen from the tree and the report goes there', async () => {
    m.gridRoots.mockResolvedValue({ items: [{ code: '510104', name: '锦江区', level: 'district', childCount: 1 }], nextCursor: null })
    m.gridChildren.mockImplementation(async (code: string) =>
      code === '510104'
        ? { items: [{ code: '510104001001001', name: '锦华苑网格', level: 'grid', childCount: 2 }], nextCursor: null }
        : { items: [{ code: '510104001001001002', name: '3栋微网格', level: 'micro', childCount: 0 }], nextCursor: null }
    )
    m.createEvent.mockResolvedValue({ id: 5, state: 'reported', version: 1, microGrid: { code: '510104001001001002', name: '3栋微网格' }, replayed: false, needsGridConfirm: false, held: false })
    render(<Report />)
    fireEvent.click(await screen.findByText('道路设施'))
    fireEvent.click(screen.getByTestId('choose-grid'))
    fireEvent.click(await screen.findByText('锦江区'))
    fireEvent.click(await screen.findByText('锦华苑网格'))
    fireEvent.click(await screen.findByText('3栋微网格'))
    expect((await screen.findByTestId('chosen-grid')).textContent).toContain('锦江区 / 锦华苑网格 / 3栋微网格')
    typeInto(screen.getByTestId('description'), '楼道灯坏了好几天')
    fireEvent.click(screen.getByTestId('submit'))
    await waitFor(() => expect(m.createEvent).toHaveBeenCalledTimes(1))
    const body = m.createEvent.mock.calls[0][0]
    expect(body.gridCode).toBe('510104001001001002')
    expect(body.location).toBeUndefined()
  })
})
