import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Overdue from '../src/packages/admin/pages/overdue/index'
import { api, ApiError } from '../src/services/api'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { events: jest.fn(), categories: jest.fn(), gridRoots: jest.fn(), gridChildren: jest.fn() } }
})
const m = api as unknown as Record<string, jest.Mock>

const summary = (id: number) => ({
  id,
  state: 'dispatched',
  version: 2,
  category: 'road',
  description: `超期事件${id}`,
  microGrid: { code: '510104001001001001', name: '一号微网格' },
  createdAt: '2026-11-20T01:00:00.000Z',
  deadlineAt: '2026-11-21T01:00:00.000Z',
  overdue: true,
  supporters: 0,
  source: 'resident',
  thumbUrl: null
})

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  m.categories.mockResolvedValue([{ code: 'road', name: '道路设施', icon: '', sort: 1 }])
})

it('lists overdue events page by page with the cursor, and a tap opens the event page', async () => {
  m.events.mockImplementation(async (q: { cursor?: string }) =>
    q.cursor === 'c2' ? { items: [summary(1)], nextCursor: null } : { items: [summary(3), summary(2)], nextCursor: 'c2' }
  )
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
  render(<Overdue />)
  expect(await screen.findByText('超期事件3')).toBeTruthy()
  expect(m.events).toHaveBeenCalledWith({ scope: 'inbox', box: 'overdue', node: undefined, cursor: undefined, limit: 20 })
  expect(screen.getAllByText('道路设施')).toHaveLength(2)
  expect(screen.getAllByText(/^时限 2026-11-21/)).toHaveLength(2)
  fireEvent.click(screen.getByTestId('overdue-more'))
  expect(await screen.findByText('超期事件1')).toBeTruthy()
  expect(m.events).toHaveBeenLastCalledWith({ scope: 'inbox', box: 'overdue', node: undefined, cursor: 'c2', limit: 20 })
  expect(screen.getAllByTestId('event-card')).toHaveLength(3)
  expect(screen.getByText('没有更多了')).toBeTruthy()
  fireEvent.click(screen.getByText('超期事件2'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/event/index?id=2' })
  navigateTo.mockRestore()
})

it('narrows the list to a chosen node', async () => {
  m.events.mockResolvedValue({ items: [], nextCursor: null })
  m.gridRoots.mockResolvedValue({ items: [{ code: '510104', name: '锦江区', level: 'district', childCount: 3 }], nextCursor: null })
  render(<Overdue />)
  expect(await screen.findByText('暂无数据')).toBeTruthy()
  fireEvent.click(screen.getByTestId('overdue-choose-node'))
  fireEvent.click(await screen.findByText('选这个'))
  await waitFor(() => expect(m.events).toHaveBeenLastCalledWith({ scope: 'inbox', box: 'overdue', node: '510104', cursor: undefined, limit: 20 }))
  expect(screen.getByTestId('overdue-scope').textContent).toBe('范围：锦江区')
})

it('shows the error code’s message when the list is refused', async () => {
  m.events.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'node outside scope' }))
  render(<Overdue />)
  expect((await screen.findByTestId('error')).textContent).toBe('没有权限执行此操作')
})
