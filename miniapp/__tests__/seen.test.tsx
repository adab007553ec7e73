// Issue 20's "seen on a fresh clone" items that jsdom can show: each test failed on the code before its fix.
import { render, screen, waitFor, fireEvent, act } from '@testing-library/react'
import Report from '../src/pages/report/index'
import Task from '../src/packages/worker/pages/task/index'
import Inbox from '../src/packages/worker/pages/inbox/index'
import EventPage from '../src/pages/event/index'
import { ActionPanel } from '../src/components/ActionPanel'
import { EventCard } from '../src/components/EventCard'
import { api, ApiError } from '../src/services/api'
import * as queue from '../src/services/reportQueue'
const { reportQueue, discard, flushQueue } = queue
import type { EventDetailDto } from '../src/services/contracts'
import { typeInto } from './support/fields'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return {
    ...actual,
    api: { categories: jest.fn(), locate: jest.fn(), nearbyEvents: jest.fn(), createEvent: jest.fn(), supportEvent: jest.fn(), upload: jest.fn(), gridRoots: jest.fn(), gridChildren: jest.fn(), searchGrids: jest.fn(), event: jest.fn(), eventView: jest.fn(), events: jest.fn(), eventAction: jest.fn(), subscriptions: jest.fn() }
  }
})
jest.mock('../src/hooks/useParams', () => ({ useParams: () => ({ id: '3' }) }))
const m = api as unknown as Record<string, jest.Mock>

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

function detail(over: Partial<EventDetailDto> = {}): EventDetailDto {
  return {
    id: 3, state: 'reported', version: 1, category: 'road', description: '井盖松动', microGrid: { code: '510104001001001001', name: '一号微网格' },
    createdAt: '2026-11-27T01:00:00.000Z', deadlineAt: null, overdue: false, supporters: 0, source: 'resident', thumbUrl: null,
    location: { lat: 30.6205, lng: 104.1205 }, address: null, anonymous: false, reporter: { id: 1 }, handlerId: null, assigneeId: null, departmentId: null,
    ownerNode: { code: '510104001001001001', name: '一号微网格' }, stage: 'verify', rating: null, ratingComment: null, held: false, photos: [],
    timeline: [], parties: ['micro_member'], actions: [], supportedByMe: false, priority: 'normal', check: { required: false, result: null, checkers: [] }, mergedInto: null, closedAt: null, followup: null, onBehalf: null, ...over
  } as EventDetailDto
}

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  m.categories.mockResolvedValue([{ code: 'road', name: '道路设施', icon: '', sort: 1 }])
  m.locate.mockResolvedValue(located)
  m.nearbyEvents.mockResolvedValue([])
  localStorage.clear()
  localStorage.setItem('weigrid.privacyAgreed', JSON.stringify({ data: true }))
  reportQueue.get().forEach((q) => discard(q.requestId))
  // optional chaining: the same file ran against the code before the fix, which had no such store
  queue.dismissSent?.()
  position = { latitude: 30.657, longitude: 104.066 }
})

describe('11. a clean console', () => {
  it('a logged-out report page asks for nothing that needs a login (it drew a 401 and a re-login)', async () => {
    m.subscriptions.mockResolvedValue([])
    render(<Report />)
    await screen.findByText('道路设施')
    expect(m.subscriptions).not.toHaveBeenCalled()
  })
})

describe('1. buttons are readable', () => {
  it('no button that can be pressed carries a disabled attribute (Taro paints [disabled] text 60 % white)', async () => {
    render(<Report />)
    await screen.findByText('道路设施')
    const buttons = Array.from(document.querySelectorAll('taro-button-core'))
    expect(buttons.length).toBeGreaterThanOrEqual(2)
    for (const b of buttons) {
      expect(b.hasAttribute('disabled')).toBe(false)
      expect(b.className).toMatch(/ui-btn--(primary|default|danger)/)
    }
    expect(screen.getByTestId('submit').className).toContain('ui-btn--primary')
    expect(screen.getByText('获取当前位置').closest('taro-button-core')!.className).toContain('ui-btn--primary')
  })
})

describe('2. field errors leave once fixed', () => {
  it('each error goes when its field is fixed, the others stay until theirs are', async () => {
    render(<Report />)
    await screen.findByText('道路设施')
    fireEvent.click(screen.getByTestId('submit'))
    await screen.findByText('请选择问题类别')
    fireEvent.click(screen.getByText('道路设施'))
    await waitFor(() => expect(screen.queryByText('请选择问题类别')).toBeNull())
    expect(screen.getByText('请确定问题位置或选择网格')).toBeTruthy()
    fireEvent.click(screen.getByText('获取当前位置'))
    await screen.findByText('锦华苑一号微网格')
    await waitFor(() => expect(screen.queryByText('请确定问题位置或选择网格')).toBeNull())
    expect(screen.getByText('请至少填写 5 个字的描述')).toBeTruthy()
    typeInto(screen.getByTestId('description'), '路灯不亮已经三天了')
    await waitFor(() => expect(screen.queryByText('请至少填写 5 个字的描述')).toBeNull())
  })

  it('the rating error goes once a star is chosen', async () => {
    render(<ActionPanel event={detail({ state: 'closed', parties: ['reporter'], actions: ['rate'] })} onDone={() => undefined} onStale={() => undefined} />)
    fireEvent.click(screen.getByTestId('action-rate'))
    fireEvent.click(screen.getByTestId('action-submit'))
    await screen.findByText('请选择 1–5 星')
    fireEvent.click(screen.getByTestId('star-4'))
    await waitFor(() => expect(screen.queryByText('请选择 1–5 星')).toBeNull())
  })
})

describe('3. places are named and can be navigated to', () => {
  it('a located point is shown by its micro-grid, never as raw coordinates', async () => {
    render(<Report />)
    fireEvent.click(await screen.findByText('获取当前位置'))
    await screen.findByText('锦华苑一号微网格')
    expect(screen.getByTestId('location').textContent).not.toMatch(/纬度|经度/)
    expect(screen.getByTestId('location-point').textContent).toBe('锦华苑一号微网格附近')
  })

  it("the worker's task shows where it is and opens a map with navigation", async () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null)
    m.event.mockResolvedValue(detail({ state: 'accepted', parties: ['grid_worker'], actions: ['dispatch', 'claim'], address: '锦华路 8 号' }))
    render(<Task />)
    expect((await screen.findByTestId('event-place')).textContent).toContain('锦华路 8 号')
    fireEvent.click(screen.getByTestId('event-navigate'))
    expect(open).toHaveBeenCalledTimes(1)
    expect(String(open.mock.calls[0]![0])).toContain('position=104.1205,30.6205')
    open.mockRestore()
  })
})

describe('4. every event page says what is expected of its viewer', () => {
  it('a 微网格员 pushed a 待核实 report learns who verifies it and that 接单 comes after', async () => {
    m.event.mockResolvedValue(detail({ state: 'reported', parties: ['micro_member'], actions: [] }))
    render(<Task />)
    const guide = await screen.findByTestId('next-step')
    expect(guide.textContent).toContain('下一步：立案（由专职网格员、社区管理员办理）')
    expect(screen.getByTestId('next-step-you').textContent).toContain('立案之后，您可以“接单”')
    expect(screen.queryByTestId('actions')).toBeNull()
  })

  it('a viewer with buttons is told what each does', async () => {
    m.event.mockResolvedValue(detail({ state: 'reported', parties: ['grid_worker'], actions: ['verify', 'reject'] }))
    render(<Task />)
    expect((await screen.findByTestId('next-step-you')).textContent).toBe('轮到您：“立案”确认问题属实，立案办理；“不予立案”不属于受理范围或不属实，须写明理由。')
  })

  it('the reporter is told the loop and that news will come', async () => {
    m.eventView.mockResolvedValue({ ...detail({ state: 'in_progress', parties: ['reporter'], actions: [] }), view: 'full' })
    render(<EventPage />)
    expect((await screen.findByTestId('next-step')).textContent).toContain('处置人员正在处理')
    expect(screen.getByTestId('next-step-you').textContent).toBe('办结之后，您可以“核查”、“结案”、“返工”。现在请留意办理进度。')
  })
})

describe('5. offline reports', () => {
  it('a report saved offline clears the form, says so on the page, and a notice appears when the queue sends it', async () => {
    m.createEvent.mockRejectedValue(new ApiError(0, undefined))
    render(<Report />)
    fireEvent.click(await screen.findByText('道路设施'))
    fireEvent.click(screen.getByText('获取当前位置'))
    await screen.findByText('锦华苑一号微网格')
    typeInto(screen.getByTestId('description'), '路面塌陷一个大坑')
    fireEvent.click(screen.getByTestId('submit'))
    expect((await screen.findByTestId('saved-offline')).textContent).toContain('联网后会自动发送')
    expect((screen.getByTestId('description').querySelector('textarea') ?? screen.getByTestId('description') as HTMLTextAreaElement).value ?? '').toBe('')
    expect(reportQueue.get()).toHaveLength(1)
    // the network is back: the queue sends it, and the page says it went
    m.createEvent.mockResolvedValue({ id: 88, state: 'reported', version: 1, microGrid: located.node, replayed: false, needsGridConfirm: false, held: false })
    await act(async () => {
      await flushQueue()
    })
    expect((await screen.findByTestId('sent-from-queue')).textContent).toContain('您离线时保存的 1 条上报已发送')
    expect(queue.sentFromQueue.get().map((e) => e.id)).toEqual([88])
  })
})

describe('6. no raw English and no help that points nowhere', () => {
  it('a refused location in the browser points to the micro-grid list, not to a map that does not exist', async () => {
    position = 'denied'
    render(<Report />)
    fireEvent.click(await screen.findByText('获取当前位置'))
    const err = await screen.findByTestId('location-error')
    expect(err.textContent).not.toContain('地图')
    expect(err.textContent).toContain('手动选择网格')
  })

  it("a server field message in English is replaced by the error code's Chinese message", async () => {
    m.createEvent.mockRejectedValue(
      new ApiError(422, { code: 'LOCATION_OUT_OF_AREA', message: 'the location is outside the area this service covers', details: { fields: { location: 'outside the served area' } } })
    )
    render(<Report />)
    fireEvent.click(await screen.findByText('道路设施'))
    fireEvent.click(screen.getByText('获取当前位置'))
    await screen.findByText('锦华苑一号微网格')
    typeInto(screen.getByTestId('description'), '路面塌陷一个大坑')
    fireEvent.click(screen.getByTestId('submit'))
    expect((await screen.findByTestId('err-location')).textContent).toBe('该位置不在服务范围内')
    expect(document.body.textContent).not.toMatch(/outside|served/)
  })
})

describe('7. long text', () => {
  it('a description past 500 characters is kept whole and the page says by how much it is over', async () => {
    render(<Report />)
    await screen.findByText('道路设施')
    const long = '井'.repeat(520)
    typeInto(screen.getByTestId('description'), long)
    expect(screen.getByTestId('counter').textContent).toBe('520/500')
    expect(screen.getByTestId('over-description').textContent).toContain('已超出 20 个字')
    const ta = screen.getByTestId('description')
    expect(ta.getAttribute('maxlength')).toBe('-1')
  })

  it('lists show the start of a long description, and the worker tools come before the tasks', async () => {
    const long = '楼道堆放杂物'.repeat(50)
    render(<EventCard event={{ ...detail(), description: long }} onClick={() => undefined} />)
    const text = screen.getByTestId('event-card-text').textContent!
    expect(text.length).toBeLessThanOrEqual(61)
    expect(text.endsWith('…')).toBe(true)
  })

  it('the inbox shows its tools above the task list', async () => {
    m.events.mockResolvedValue({ items: [{ ...detail(), id: 1 }, { ...detail(), id: 2 }], nextCursor: null })
    render(<Inbox />)
    await screen.findAllByTestId('event-card')
    const tools = screen.getByTestId('worker-tools')
    const first = screen.getAllByTestId('event-card')[0]!
    expect(tools.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })
})
