import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Dashboard from '../src/packages/admin/pages/dashboard/index'
import { niceMax } from '../src/packages/admin/components/charts'
import { duration, periodRange } from '../src/packages/admin/components/statsView'
import { api, ApiError } from '../src/services/api'
import { session } from '../src/services/session'
import { elderMode } from '../src/services/prefs'
import type { KpisDto, StatsDto } from '@weigrid/shared'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { stats: jest.fn() } }
})
jest.mock('../src/platform/bulletin', () => ({ openBulletin: jest.fn() }))
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { openBulletin } = require('../src/platform/bulletin') as { openBulletin: jest.Mock }
const m = api as unknown as Record<string, jest.Mock>

const kpis = (over: Partial<KpisDto> = {}): KpisDto => ({
  reported: 40,
  accepted: 36,
  rejected: 4,
  closed: 30,
  closeRate: 30 / 36,
  onTimeClosed: 27,
  onTimeRate: 0.9,
  reworked: 3,
  reworkRate: 0.1,
  extended: 2,
  extensionRate: 2 / 36,
  responseAvgMin: 42,
  responseP90Min: 110,
  handlingAvgMin: 1500,
  handlingP90Min: 4320,
  rated: 20,
  satisfactionAvg: 4.35,
  satisfactionRate: 0.85,
  ...over
})

function stats(node: { code: string; name: string; level: 'district' | 'street' }, over: Partial<StatsDto> = {}): StatsDto {
  return {
    node,
    from: '2026-10-29',
    to: '2026-11-27',
    days: 30,
    kpis: kpis(),
    score: 88,
    children: [
      { code: '510104001', name: '春熙路街道', level: 'street', kpis: kpis({ reported: 25, closeRate: 0.95 }), score: 91.5 },
      { code: '510104002', name: '书院街街道', level: 'street', kpis: kpis({ reported: 15, closeRate: 0.6 }), score: 72 }
    ],
    interval: 'day',
    series: [
      { start: '2026-11-25', reported: 3, accepted: 3, closed: 1, onTimeClosed: 1 },
      { start: '2026-11-26', reported: 7, accepted: 6, closed: 4, onTimeClosed: 3 },
      { start: '2026-11-27', reported: 2, accepted: 2, closed: 5, onTimeClosed: 5 }
    ],
    topCategories: [
      { code: 'road', name: '道路设施', reported: 20 },
      { code: 'noise', name: '噪音扰民', reported: 5 }
    ],
    overdue: { count: 3, items: [] },
    patrol: { grids: 10, gridDays: 300, patrolledGridDays: 240, coverage: 0.8, checkins: 410 },
    campaigns: [],
    categoriesFilter: null,
    ...over
  }
}

const district = { code: '510104', name: '锦江区', level: 'district' as const }

beforeEach(() => {
  m.stats.mockReset()
  openBulletin.mockReset()
  elderMode.set(false)
  session.set({
    accessToken: 'a.b.c',
    refreshToken: 'r',
    user: { id: 5, name: null, phoneMasked: null, roles: [{ id: 1, role: 'district_admin', nodeCode: '510104', nodeName: '锦江区', nodeLevel: 'district', departmentId: null, createdAt: '2026-11-01T00:00:00.000Z' }] }
  })
})

it('shows the KPI tiles, the trend and the child ranking of the admin’s node for the last 30 days', async () => {
  m.stats.mockResolvedValue(stats(district))
  render(<Dashboard />)
  const range = periodRange('d30')
  await waitFor(() => expect(m.stats).toHaveBeenCalledWith({ node: '510104', from: range.from, to: range.to, interval: 'day' }))
  const tile = async (k: string) => within(await screen.findByTestId(`kpi-${k}`)).getByTestId('kpi-value').textContent
  expect(await tile('closeRate')).toBe('83.3%')
  expect(await tile('onTimeRate')).toBe('90%')
  expect(await tile('reworkRate')).toBe('10%')
  expect(await tile('extensionRate')).toBe('5.6%')
  expect(await tile('response')).toBe('42 分钟')
  expect(await tile('handling')).toBe('25 小时')
  expect(await tile('satisfaction')).toBe('4.3 分')
  expect(await tile('overdue')).toBe('3')
  expect(screen.getByTestId('kpi-closeRate').textContent).toContain('30/36')
  // the trend carries every bucket's figures
  expect(screen.getAllByTestId('trend-point').map((p) => p.textContent)).toEqual(['11-25：上报 3，结案 1', '11-26：上报 7，结案 4', '11-27：上报 2，结案 5'])
  // ranking: best score first, bars as long as the score
  const rows = screen.getAllByTestId('rank-row')
  expect(rows.map((r) => r.getAttribute('data-code'))).toEqual(['510104001', '510104002'])
  expect(rows[0]!.textContent).toContain('91.5')
  expect((rows[1]!.querySelector('.bar-fill') as HTMLElement).style.width).toBe('72%')
  // the categories most reported, and patrol coverage
  const top = within(screen.getByTestId('top-categories'))
  expect(top.getByText('20 件')).toBeTruthy()
  expect((top.getAllByTestId('top-row')[1]!.querySelector('.bar-fill') as HTMLElement).style.width).toBe('25%')
  expect(await tile('patrol')).toBe('80%')
  expect(screen.getByTestId('kpi-patrol').textContent).toContain('240/300 网格·天 · 打卡 410 次')
})

it('a tap on a child shows that child’s dashboard, and 返回上级 goes back', async () => {
  m.stats.mockImplementation(async (q: { node: string }) => (q.node === '510104' ? stats(district) : stats({ code: '510104001', name: '春熙路街道', level: 'street' }, { children: [] })))
  render(<Dashboard />)
  fireEvent.click((await screen.findAllByTestId('rank-row'))[0]!)
  await waitFor(() => expect(m.stats).toHaveBeenLastCalledWith(expect.objectContaining({ node: '510104001' })))
  expect(await screen.findByText('没有下级网格')).toBeTruthy()
  expect(screen.getByTestId('stats-trail').textContent).toBe('锦江区 / 春熙路街道')
  fireEvent.click(screen.getByTestId('stats-up'))
  await waitFor(() => expect(m.stats).toHaveBeenLastCalledWith(expect.objectContaining({ node: '510104' })))
  expect(await screen.findAllByTestId('rank-row')).toHaveLength(2)
})

it('lists the period’s campaigns with households answered and help requests; a tap opens the campaign’s progress at this node', async () => {
  m.stats.mockResolvedValue(stats(district, { campaigns: [{ id: 4, title: '冬季三询问一完善', opensOn: '2026-11-01', closesOn: '2026-12-31', answered: 120, needsHelp: 3 }, { id: 5, title: '返乡报备', opensOn: '2026-11-20', closesOn: '2026-12-20', answered: 8, needsHelp: 0 }] }))
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
  render(<Dashboard />)
  const rows = await screen.findAllByTestId('stats-campaign')
  expect(rows.map((r) => r.textContent)).toEqual(['冬季三询问一完善已填 120 户 · 需帮助 3 ›', '返乡报备已填 8 户 ›'])
  fireEvent.click(rows[0]!)
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/campaign/index?id=4&node=510104' })
  navigateTo.mockRestore()
})

it('switching the period and the buckets asks again; the bulletin opens for the month', async () => {
  m.stats.mockResolvedValue(stats(district))
  render(<Dashboard />)
  await screen.findAllByTestId('rank-row')
  fireEvent.click(screen.getByTestId('period-lastMonth'))
  const last = periodRange('lastMonth')
  await waitFor(() => expect(m.stats).toHaveBeenLastCalledWith({ node: '510104', from: last.from, to: last.to, interval: 'day' }))
  fireEvent.click(await screen.findByTestId('interval-week'))
  await waitFor(() => expect(m.stats).toHaveBeenLastCalledWith({ node: '510104', from: last.from, to: last.to, interval: 'week' }))
  openBulletin.mockRejectedValueOnce(new ApiError(403, { code: 'FORBIDDEN', message: 'no' }))
  fireEvent.click(screen.getByTestId('bulletin'))
  expect((await screen.findByTestId('bulletin-error')).textContent).toBe('月通报打开失败：没有权限执行此操作')
  expect(openBulletin).toHaveBeenCalledWith('510104', last.month)
})

it('shows the error code’s message when the dashboard is refused, with a retry', async () => {
  m.stats.mockRejectedValueOnce(new ApiError(403, { code: 'FORBIDDEN', message: 'outside scope' })).mockResolvedValue(stats(district))
  render(<Dashboard />)
  expect((await screen.findByTestId('error')).textContent).toBe('没有权限执行此操作')
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findAllByTestId('rank-row')).toHaveLength(2)
})

it('a period with nothing reported shows dashes, not 0% or NaN', async () => {
  const none = kpis({ reported: 0, accepted: 0, rejected: 0, closed: 0, closeRate: null, onTimeClosed: 0, onTimeRate: null, reworked: 0, reworkRate: null, extended: 0, extensionRate: null, responseAvgMin: null, responseP90Min: null, handlingAvgMin: null, handlingP90Min: null, rated: 0, satisfactionAvg: null, satisfactionRate: null })
  m.stats.mockResolvedValue(stats(district, { kpis: none, series: [], children: [], overdue: { count: 0, items: [] } }))
  render(<Dashboard />)
  expect(within(await screen.findByTestId('kpi-closeRate')).getByTestId('kpi-value').textContent).toBe('—')
  expect(within(screen.getByTestId('kpi-satisfaction')).getByTestId('kpi-value').textContent).toBe('—')
  expect(screen.queryByText(/NaN/)).toBeNull()
  expect(screen.queryByTestId('stats-overdue')).toBeNull()
})

it('large-text mode puts the elder class on the page', async () => {
  m.stats.mockResolvedValue(stats(district))
  elderMode.set(true)
  render(<Dashboard />)
  await screen.findAllByTestId('rank-row')
  expect(screen.getByTestId('page').className).toContain('elder')
})

it('axis tops and durations read the way people read them', () => {
  expect([0, 3, 7, 10, 11, 48, 120].map(niceMax)).toEqual([1, 5, 10, 10, 20, 50, 200])
  expect([null, 5, 90, 3000, 4320].map(duration)).toEqual(['—', '5 分钟', '1.5 小时', '2.1 天', '3 天'])
  expect(periodRange('lastMonth', new Date(2026, 0, 15))).toEqual({ from: '2025-12-01', to: '2025-12-31', month: '2025-12' })
  expect(periodRange('d7', new Date(2026, 2, 3))).toEqual({ from: '2026-02-25', to: '2026-03-03', month: '2026-02' })
})
