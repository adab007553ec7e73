import { render, screen, fireEvent, waitFor, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Patrol from '../src/packages/worker/pages/patrol/index'
import { api, ApiError } from '../src/services/api'
import { session } from '../src/services/session'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { patrolCheckin: jest.fn(), patrolTrack: jest.fn(), patrolCoverage: jest.fn(), categories: jest.fn(), upload: jest.fn() } }
})
// jsdom cannot decode pictures: compression keeps the file as it is.
jest.mock('../src/platform/image', () => ({ compressPhoto: (p: string) => Promise.resolve(p) }))
const m = api as unknown as Record<string, jest.Mock>

// jsdom has no geolocation: the phone's GPS fix (WGS-84, as browsers report it).
Object.defineProperty(navigator, 'geolocation', {
  configurable: true,
  value: { getCurrentPosition: (ok: (p: unknown) => void) => ok({ coords: { latitude: 30.657, longitude: 104.066, accuracy: 10 } }) }
})

const GRID = '510104001001001'
const role = (r: string, code: string, name: string) => ({ id: 1, role: r, nodeCode: code, nodeName: name, nodeLevel: r === 'grid_worker' ? 'grid' : 'micro', departmentId: null, createdAt: '2026-11-01T00:00:00.000Z' })
const login = (roles: ReturnType<typeof role>[]) => act(() => session.set({ accessToken: 'a', refreshToken: 'r', user: { id: 7, name: '张网格', phoneMasked: null, roles } as never }))

const track = (n: number) => ({
  user: { id: 7, name: '张网格' },
  date: '2026-11-27',
  points: Array.from({ length: n }, (_, i) => ({ id: i + 1, at: `2026-11-27T0${i + 1}:00:00.000Z`, lat: 30.65, lng: 104.06, grid: { code: GRID, name: '第一网格' }, microGrid: { code: `${GRID}00${i + 1}`, name: `${i + 1}号微网格` }, note: i === 0 ? '楼道通畅' : null, photos: 0, eventId: null, legM: i ? 120 : 0 })),
  distanceM: n > 1 ? 1250 : 0,
  microGridsVisited: n
})
const coverage = (patrolled: boolean, visited: number) => ({
  node: { code: GRID, name: '第一网格', level: 'grid' },
  from: '2026-11-27',
  to: '2026-11-27',
  days: 1,
  summary: { grids: 1, gridDays: 1, patrolledGridDays: patrolled ? 1 : 0, coverage: patrolled ? 1 : 0, checkins: visited },
  grids: [{ code: GRID, name: '第一网格', microGrids: 4, patrolledDays: patrolled ? 1 : 0, days: [{ day: '2026-11-27', patrolled, checkins: visited, microGridsVisited: visited }] }],
  nextCursor: null
})

async function agreePrivacyIfAsked() {
  const agree = await screen.findByText('同意并继续')
  fireEvent.click(agree)
}

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  localStorage.clear()
})

it("a grid worker checks in, and today's track and coverage refresh", async () => {
  login([role('grid_worker', GRID, '第一网格')])
  m.patrolTrack.mockResolvedValueOnce(track(0)).mockResolvedValue(track(2))
  m.patrolCoverage.mockResolvedValueOnce(coverage(false, 0)).mockResolvedValue(coverage(true, 2))
  m.patrolCheckin.mockResolvedValue({ id: 3, at: '2026-11-27T03:00:00.000Z', day: '2026-11-27', location: { lat: 30.65, lng: 104.06 }, grid: { code: GRID, name: '第一网格' }, microGrid: { code: `${GRID}002`, name: '2号微网格' }, outsideM: 0, note: null, photos: [], finding: null, findingReason: null, replayed: false })
  render(<Patrol />)
  expect(await screen.findByText('今天还没有打卡')).toBeTruthy()
  expect((await screen.findByTestId('patrol-coverage')).textContent).toContain('未巡查 · 微网格 0/4')
  expect(m.patrolCoverage).toHaveBeenCalledWith({ node: GRID, from: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), to: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) })

  act(() => {
    const el = screen.getByTestId('patrol-note')
    ;(el as HTMLTextAreaElement).value = '巡查楼道，无堆物'
    el.dispatchEvent(new CustomEvent('input', { detail: { value: '巡查楼道，无堆物' }, bubbles: true }))
  })
  fireEvent.click(screen.getByTestId('patrol-checkin'))
  await agreePrivacyIfAsked()
  expect((await screen.findByTestId('patrol-msg')).textContent).toBe('已打卡：2号微网格')
  const sent = m.patrolCheckin.mock.calls[0][0]
  expect(sent).toMatchObject({ note: '巡查楼道，无堆物', location: { crs: 'gcj02' } })
  expect(sent.requestId).toMatch(/^[0-9a-f-]{36}$/)
  // The browser's WGS-84 fix was converted to GCJ-02 (a few hundred metres in Chengdu).
  expect(sent.location.lat).not.toBeCloseTo(30.657, 4)
  expect(Math.abs(sent.location.lat - 30.657)).toBeLessThan(0.01)
  expect(await screen.findByText('打卡 2 次 · 约 1.3 公里 · 走到 2 个微网格')).toBeTruthy()
  await waitFor(() => expect(screen.getByTestId('patrol-coverage').textContent).toContain('已巡查 · 微网格 2/4'))
})

it('says how far outside the grid the worker stands, and retries with the same requestId', async () => {
  login([role('micro_member', `${GRID}001`, '1号微网格')])
  m.patrolTrack.mockResolvedValue(track(1))
  m.patrolCheckin.mockRejectedValue(new ApiError(422, { code: 'OUTSIDE_GRID', message: 'outside', details: { distanceM: 480, toleranceM: 50, nearest: { code: `${GRID}001`, name: '1号微网格' } } }))
  render(<Patrol />)
  expect(await screen.findByText('打卡 1 次 · 约 0 米 · 走到 1 个微网格')).toBeTruthy()
  // A micro-grid member has no coverage view (patrol.read is for grid workers and admins).
  expect(screen.queryByTestId('patrol-coverage')).toBeNull()
  expect(m.patrolCoverage).not.toHaveBeenCalled()
  fireEvent.click(screen.getByTestId('patrol-checkin'))
  await agreePrivacyIfAsked()
  expect((await screen.findByTestId('patrol-msg')).textContent).toBe('当前位置在您的网格外约 480 米（允许 50 米），请到网格内再打卡')
  fireEvent.click(screen.getByTestId('patrol-checkin'))
  await waitFor(() => expect(m.patrolCheckin).toHaveBeenCalledTimes(2))
  expect(m.patrolCheckin.mock.calls[1][0].requestId).toBe(m.patrolCheckin.mock.calls[0][0].requestId)
})

const checkinAnswer = (finding: { eventId: number; category: string; selfHandled: boolean } | null, findingReason: string | null = null) => ({ id: 4, at: '2026-11-27T03:00:00.000Z', day: '2026-11-27', location: { lat: 30.65, lng: 104.06 }, grid: { code: GRID, name: '第一网格' }, microGrid: { code: `${GRID}001`, name: '1号微网格' }, outsideM: 0, note: null, photos: ['upl_photo001'], finding, findingReason, replayed: false })
const type = (testid: string, value: string) =>
  act(() => {
    const el = screen.getByTestId(testid)
    ;(el as HTMLTextAreaElement).value = value
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
// Taro's Switch reports a change as a CustomEvent with detail.value.
const toggle = (testid: string) => act(() => void screen.getByTestId(testid).dispatchEvent(new CustomEvent('change', { detail: { value: true }, bubbles: true })))

describe('photos and a finding filed as an event', () => {
  beforeEach(() => {
    login([role('grid_worker', GRID, '第一网格')])
    m.patrolTrack.mockResolvedValue(track(0))
    m.patrolCoverage.mockResolvedValue(coverage(false, 0))
    m.categories.mockResolvedValue([{ code: 'road', name: '道路设施', icon: '', sort: 1 }, { code: 'sanitation', name: '环境卫生', icon: '', sort: 2 }])
    m.upload.mockImplementation((_path: string, progress: (p: number) => void) => {
      progress(50)
      return Promise.resolve({ id: 'upl_photo001' })
    })
    jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({ tempFiles: [{ tempFilePath: 'blob:manhole', size: 1000, fileType: 'image' }], type: 'image' } as never)
  })
  afterEach(() => jest.restoreAllMocks())

  it('checks in with a photo and a problem fixed on the spot, filed as a self-handled event', async () => {
    m.patrolCheckin.mockResolvedValue(checkinAnswer({ eventId: 812, category: 'road', selfHandled: true }))
    render(<Patrol />)
    fireEvent.click(await screen.findByTestId('add-photo'))
    await agreePrivacyIfAsked()
    await waitFor(() => expect(screen.getByTestId('photo').getAttribute('data-status')).toBe('done'))
    expect(m.upload).toHaveBeenCalledWith('blob:manhole', expect.any(Function))

    // The finding form opens with the switch; a check-in without its category and description is refused here.
    expect(screen.queryByTestId('patrol-finding-form')).toBeNull()
    toggle('patrol-finding')
    fireEvent.click(screen.getByTestId('patrol-checkin'))
    expect((await screen.findByTestId('err-finding-category')).textContent).toBe('请选择问题类别')
    expect(screen.getByTestId('err-finding-description').textContent).toBe('请填写问题描述')
    expect(m.patrolCheckin).not.toHaveBeenCalled()

    fireEvent.click(await screen.findByTestId('finding-category-road'))
    type('finding-description', '3栋门口井盖松动，已复位')
    toggle('finding-self-handled')
    fireEvent.click(screen.getByTestId('patrol-checkin'))
    expect((await screen.findByTestId('patrol-msg')).textContent).toBe('已打卡：1号微网格；已记为当场处理的事件 #812')
    expect(m.patrolCheckin.mock.calls[0][0]).toMatchObject({ photos: ['upl_photo001'], finding: { category: 'road', description: '3栋门口井盖松动，已复位', selfHandled: true } })
    // Ready for the next stop: the photo and the finding are cleared.
    expect(screen.queryByTestId('photo')).toBeNull()
    expect(screen.queryByTestId('patrol-finding-form')).toBeNull()
  })

  it('waits for photos still uploading, and keeps the check-in to retry a finding that could not be filed', async () => {
    let finish: (v: { id: string }) => void = () => undefined
    m.upload.mockImplementation(() => new Promise((ok) => (finish = ok)))
    m.patrolCheckin.mockResolvedValueOnce(checkinAnswer(null, '该类别已停用')).mockResolvedValueOnce(checkinAnswer({ eventId: 813, category: 'sanitation', selfHandled: false }))
    render(<Patrol />)
    fireEvent.click(await screen.findByTestId('add-photo'))
    await agreePrivacyIfAsked()
    await waitFor(() => expect(screen.getByTestId('photo').getAttribute('data-status')).toBe('uploading'))
    fireEvent.click(screen.getByTestId('patrol-checkin'))
    expect((await screen.findByTestId('err-photos')).textContent).toBe('照片还在上传，请稍候')
    expect(m.patrolCheckin).not.toHaveBeenCalled()
    act(() => finish({ id: 'upl_photo001' }))
    await waitFor(() => expect(screen.getByTestId('photo').getAttribute('data-status')).toBe('done'))

    toggle('patrol-finding')
    fireEvent.click(await screen.findByTestId('finding-category-sanitation'))
    type('finding-description', '垃圾桶满溢')
    fireEvent.click(screen.getByTestId('patrol-checkin'))
    expect((await screen.findByTestId('patrol-msg')).textContent).toBe('已打卡：1号微网格；问题未能上报为事件：该类别已停用（再次打卡会重试）')
    // Kept as it was: a second tap sends the same check-in (same requestId), which retries the filing only.
    fireEvent.click(screen.getByTestId('patrol-checkin'))
    await waitFor(() => expect(screen.getByTestId('patrol-msg').textContent).toBe('已打卡：1号微网格；已上报为事件 #813'))
    const [first, second] = m.patrolCheckin.mock.calls.map((c) => c[0])
    expect(second.requestId).toBe(first.requestId)
    expect(second).toMatchObject({ photos: ['upl_photo001'], finding: { category: 'sanitation', description: '垃圾桶满溢', selfHandled: false } })
  })
})
