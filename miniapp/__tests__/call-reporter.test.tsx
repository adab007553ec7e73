// Issue 20: the worker's task page calls the reporter through the server (the number is the
// handler's alone, asked for on the tap); the timeline names who did each step.
import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Task from '../src/packages/worker/pages/task/index'
import { api } from '../src/services/api'
import type { EventDetailDto } from '../src/services/contracts'
import { session } from '../src/services/session'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { categories: jest.fn(), event: jest.fn(), eventAction: jest.fn(), callReporter: jest.fn() } }
})
jest.mock('../src/hooks/useParams', () => ({ useParams: () => ({ id: '3' }) }))
const m = api as unknown as Record<string, jest.Mock>

function detail(over: Partial<EventDetailDto> = {}): EventDetailDto {
  return {
    id: 3, state: 'in_progress', version: 3, category: 'road', description: '井盖松动', microGrid: { code: '510104001001001001', name: '一号微网格' },
    createdAt: '2026-11-27T01:00:00.000Z', deadlineAt: null, overdue: false, supporters: 0, source: 'resident', thumbUrl: null,
    location: null, address: '红星路二段88号', anonymous: false, reporter: { id: 1 }, handlerId: 7, assigneeId: null, departmentId: null,
    ownerNode: { code: '510104001001001001', name: '一号微网格' }, stage: 'handle', rating: null, ratingComment: null, held: false, photos: [],
    timeline: [], parties: ['handler', 'micro_member'], actions: ['resolve'], supportedByMe: false, reporterCall: null, ...over
  } as EventDetailDto
}

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  m.categories.mockResolvedValue([{ code: 'road', name: '道路设施', icon: '', sort: 1 }])
})

describe('the task page calls the reporter', () => {
  it('shows the masked number only, asks the server for the number on the tap, dials it and reloads the timeline', async () => {
    m.event.mockResolvedValue(detail({ reporterCall: { phoneMasked: '138****1111' } }))
    m.callReporter.mockResolvedValue({ phone: '13800001111' })
    const dial = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue(undefined as never)
    render(<Task />)
    const button = await screen.findByTestId('call-reporter')
    expect(button.textContent).toBe('联系上报人（138****1111）')
    expect(document.body.textContent).not.toContain('13800001111')
    expect(m.callReporter).not.toHaveBeenCalled()
    fireEvent.click(button)
    await waitFor(() => expect(dial).toHaveBeenCalledWith({ phoneNumber: '13800001111' }))
    expect(m.callReporter).toHaveBeenCalledWith(3)
    await waitFor(() => expect(m.event).toHaveBeenCalledTimes(2))
    dial.mockRestore()
  })

  it('offers no call when the server gives none (not the handler, anonymous, no verified phone)', async () => {
    m.event.mockResolvedValue(detail())
    render(<Task />)
    await screen.findByTestId('event')
    expect(screen.queryByTestId('call-reporter')).toBeNull()
  })
})

describe('the timeline names who did each step', () => {
  it('says the name and role the server gives, the role when there is no name, never 工作人员 for a known role', async () => {
    session.set({ accessToken: 'a.b.c', refreshToken: 'r', user: { id: 7, name: null, phoneMasked: null, roles: [] } })
    const step = (action: string, actor: object, at: string) => ({ at, action, fromState: null, toState: 'in_progress', actor: { id: null, name: null, role: null, system: false, ...actor }, note: null, photos: [] })
    m.event.mockResolvedValue(detail({
      timeline: [
        step('report', { id: 1 }, '2026-11-27T01:00:00.000Z'),
        step('verify', { id: 5, name: '王网格', role: 'grid_worker' }, '2026-11-27T02:00:00.000Z'),
        step('claim', { id: 7, role: 'micro_member' }, '2026-11-27T03:00:00.000Z'),
        step('call_reporter', { id: 9, role: 'community_admin' }, '2026-11-27T04:00:00.000Z'),
        step('overdue', { system: true }, '2026-11-27T05:00:00.000Z')
      ] as EventDetailDto['timeline']
    }))
    render(<Task />)
    const items = await screen.findAllByTestId('timeline-item')
    const text = items.map((i) => i.textContent ?? '')
    // newest first
    expect(text[0]).toContain('系统')
    expect(text[1]).toContain('联系上报人')
    expect(text[1]).toContain('社区管理员')
    expect(text[2]).toContain('我')
    expect(text[3]).toContain('王网格（专职网格员）')
    expect(text[4]).toContain('上报人')
    expect(text.join('')).not.toContain('工作人员')
    session.set(null)
  })
})
