import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import Inbox from '../src/packages/worker/pages/inbox/index'
import { ActionPanel } from '../src/components/ActionPanel'
import { api, ApiError } from '../src/services/api'
import type { EventDetailDto } from '../src/services/contracts'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { events: jest.fn(), categories: jest.fn(), eventAction: jest.fn(), upload: jest.fn() } }
})
const m = api as unknown as Record<string, jest.Mock>

const summary = (id: number, state: string, extra: object = {}) => ({
  id,
  state,
  version: 1,
  category: 'road',
  description: `事件${id}`,
  microGrid: { code: '510104001001001001', name: '一号微网格' },
  createdAt: '2026-11-27T01:00:00.000Z',
  deadlineAt: null,
  overdue: false,
  supporters: 0,
  source: 'resident',
  thumbUrl: null,
  ...extra
})

function detail(state: string, actions: string[]): EventDetailDto {
  return {
    ...summary(3, state),
    location: null,
    address: null,
    anonymous: false,
    reporter: { id: 1 },
    handlerId: null,
    assigneeId: null,
    departmentId: null,
    ownerNode: { code: '510104001001001001', name: '一号微网格' },
    stage: 'handle',
    rating: null,
    ratingComment: null,
    held: false,
    photos: [],
    timeline: [],
    parties: ['micro_member'],
    actions,
    supportedByMe: false,
    priority: 'normal',
    check: { required: false, result: null, checkers: [] },
    mergedInto: null,
    closedAt: null,
    followup: null,
    onBehalf: null
  } as unknown as EventDetailDto
}

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  m.categories.mockResolvedValue([{ code: 'road', name: '道路设施', icon: '', sort: 1 }])
})

describe('worker inbox', () => {
  it('opens on new tasks, and each tab asks the server for its box', async () => {
    m.events.mockImplementation(async (q: { box: string }) => ({
      items: q.box === 'overdue' ? [summary(2, 'dispatched', { overdue: true })] : q.box === 'new' ? [summary(1, 'dispatched')] : [],
      nextCursor: null
    }))
    render(<Inbox />)
    expect(await screen.findByText('事件1')).toBeTruthy()
    expect(m.events).toHaveBeenLastCalledWith(expect.objectContaining({ scope: 'inbox', box: 'new' }))
    fireEvent.click(screen.getByTestId('box-overdue'))
    expect(await screen.findByText('事件2')).toBeTruthy()
    expect(screen.getAllByText('已超期')).toHaveLength(2) // the tab and the card's flag
    expect(screen.queryByText('事件1')).toBeNull()
    fireEvent.click(screen.getByTestId('box-in_progress'))
    expect(await screen.findByText('暂无数据')).toBeTruthy()
  })

  it('shows the error code message when the user is not a worker', async () => {
    m.events.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'the inbox is for grid workers' }))
    render(<Inbox />)
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy()
  })
})

describe('action panel', () => {
  it('offers exactly the actions the server allows and sends the version it saw', async () => {
    const after = detail('in_progress', ['resolve', 'escalate'])
    m.eventAction.mockResolvedValue(after)
    const done = jest.fn()
    render(<ActionPanel event={detail('dispatched', ['claim', 'escalate'])} onDone={done} onStale={jest.fn()} />)
    expect(screen.getByText('接单')).toBeTruthy()
    expect(screen.getByText('上报上级')).toBeTruthy()
    expect(screen.queryByText('办结')).toBeNull()
    fireEvent.click(screen.getByText('接单'))
    fireEvent.click(screen.getByTestId('action-submit'))
    await waitFor(() => expect(done).toHaveBeenCalledWith(after, 'claim'))
    expect(m.eventAction).toHaveBeenCalledWith(3, 'claim', { version: 1 })
  })

  it('requires a note where the workflow does (escalate) before sending', async () => {
    render(<ActionPanel event={detail('dispatched', ['claim', 'escalate'])} onDone={jest.fn()} onStale={jest.fn()} />)
    fireEvent.click(screen.getByText('上报上级'))
    fireEvent.click(screen.getByTestId('action-submit'))
    expect(await screen.findByTestId('err-note')).toBeTruthy()
    expect(m.eventAction).not.toHaveBeenCalled()
  })

  it('rating takes 1–5 stars', async () => {
    m.eventAction.mockResolvedValue(detail('closed', []))
    render(<ActionPanel event={detail('closed', ['rate'])} onDone={jest.fn()} onStale={jest.fn()} />)
    fireEvent.click(screen.getByText('评价'))
    fireEvent.click(screen.getByTestId('action-submit'))
    expect(await screen.findByText('请选择 1–5 星')).toBeTruthy()
    fireEvent.click(screen.getByTestId('star-4'))
    fireEvent.click(screen.getByTestId('action-submit'))
    await waitFor(() => expect(m.eventAction).toHaveBeenCalledWith(3, 'rate', { version: 1, rating: 4 }))
  })

  it('when someone else acted first (STALE_VERSION) says so and reloads the event', async () => {
    m.eventAction.mockRejectedValue(new ApiError(409, { code: 'STALE_VERSION', message: 'stale', details: { state: 'in_progress', version: 2 } }))
    const stale = jest.fn()
    render(<ActionPanel event={detail('dispatched', ['claim'])} onDone={jest.fn()} onStale={stale} />)
    fireEvent.click(screen.getByText('接单'))
    fireEvent.click(screen.getByTestId('action-submit'))
    expect((await screen.findByTestId('action-error')).textContent).toBe('该事件已被他人处理，请刷新后重试')
    expect(stale).toHaveBeenCalled()
  })
})
