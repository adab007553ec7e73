// Issue 20's "seen" items 8–11 (notices, invites, bulletin, names): each test failed on the code before its fix.
import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import SentNotices from '../src/packages/admin/pages/notices/index'
import Notice from '../src/packages/worker/pages/notice/index'
import AdminInvite from '../src/packages/admin/pages/invite/index'
import Dashboard from '../src/packages/admin/pages/dashboard/index'
import Mine from '../src/pages/mine/index'
import { EventDetail } from '../src/components/EventDetail'
import { ranking } from '../src/packages/admin/components/statsView'
import { api } from '../src/services/api'
import { session } from '../src/services/session'
import type { EventDetailDto, KpisDto, StatsDto } from '@weigrid/shared'
import { typeInto } from './support/fields'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return {
    ...actual,
    api: {
      noticesSent: jest.fn(), noticeStats: jest.fn(), noticePending: jest.fn(), remindNotice: jest.fn(), readNotice: jest.fn(),
      createInvite: jest.fn(), gridChildren: jest.fn(), gridRoots: jest.fn(), searchGrids: jest.fn(), stats: jest.fn(), bulletin: jest.fn(), updateMe: jest.fn()
    }
  }
})
jest.mock('../src/hooks/useParams', () => ({ useParams: () => ({ id: '7' }) }))
jest.mock('../src/platform/bulletin', () => ({ openBulletin: jest.fn() }))
const m = api as unknown as Record<string, jest.Mock>

const grant = (role: string, nodeCode: string, nodeName: string, nodeLevel: string) => ({ id: 1, role, nodeCode, nodeName, nodeLevel, departmentId: null, createdAt: '' })
const notice = { id: 7, title: '今晚巡查', body: '请今晚前完成辖区巡查', attachments: [], node: { code: '510104001001', name: '锦华社区', level: 'community' }, roles: null, senderName: null, ackRequired: false, ackDeadline: null, recipients: 3, createdAt: '2026-11-27T01:00:00.000Z', readAt: null, ackedAt: null }

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  localStorage.clear()
  session.set({ accessToken: 'a.b.c', refreshToken: 'r', user: { id: 5, name: null, phoneMasked: null, roles: [grant('community_admin', '510104001001', '锦华社区', 'community')] } } as never)
})

describe('8. notices: who has not read, a reminder, and the sender', () => {
  it('the sender sees who has not read a notice and can remind them', async () => {
    m.noticesSent.mockResolvedValue({ items: [notice], nextCursor: null })
    m.noticeStats.mockResolvedValue({ noticeId: 7, recipients: 3, read: 1, acked: 0, byChild: [] })
    m.noticePending.mockResolvedValue({ items: [{ userId: 11, name: '王芳', nodeCode: '510104001001001', nodeName: '一网格', readAt: null, ackedAt: null }, { userId: 12, name: null, nodeCode: '510104001001002', nodeName: '二网格', readAt: null, ackedAt: null }], nextCursor: null })
    m.remindNotice.mockResolvedValue({ unread: 2, queued: true })
    render(<SentNotices />)
    const people = await screen.findAllByTestId('pending-person')
    expect(people.map((p) => p.textContent)).toEqual(['王芳 · 一网格', '未设置称呼的成员（编号 12） · 二网格'])
    expect(screen.getByTestId('notice-pending').textContent).toContain('未读 2 人')
    fireEvent.click(screen.getByTestId('notice-remind'))
    expect((await screen.findByTestId('notice-reminded')).textContent).toBe('已向 2 位未读的人再次发送提醒')
    expect(m.remindNotice).toHaveBeenCalledWith(7)
  })

  it("the worker's notice names who sent it even when the sender set no name", async () => {
    m.readNotice.mockResolvedValue(notice)
    render(<Notice />)
    expect((await screen.findByTestId('notice-from')).textContent).toMatch(/^发布：锦华社区 · /)
  })
})

describe('9. invites', () => {
  it('a community admin is offered only the roles they may grant, the tree opens at their community, and the code can be copied', async () => {
    m.gridChildren.mockResolvedValue({ items: [{ code: '510104001001001', name: '一网格', level: 'grid', childCount: 3 }], nextCursor: null })
    m.createInvite.mockResolvedValue({ code: 'K7Q2ZP', role: 'grid_worker', nodeCode: '510104001001001', nodeName: '一网格', departmentId: null, createdAt: '', expiresAt: '2026-11-30T01:00:00.000Z', usedAt: null, revokedAt: null, qrPath: '/api/v1/invites/K7Q2ZP/qr' })
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue(undefined as never)
    render(<AdminInvite />)
    const offered = screen.getAllByTestId(/^role-/).map((e) => e.getAttribute('data-testid'))
    expect(offered).toEqual(['role-micro_member', 'role-micro_leader', 'role-grid_worker'])
    fireEvent.click(screen.getByTestId('role-grid_worker'))
    fireEvent.click(screen.getByTestId('invite-choose-node'))
    // one tap from the admin's own community, not five from the city
    fireEvent.click(await screen.findByText('选这个'))
    expect(m.gridChildren).toHaveBeenCalledWith('510104001001', undefined)
    expect(m.gridRoots).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('invite-send'))
    await screen.findByTestId('invite-result')
    fireEvent.click(screen.getByTestId('invite-copy'))
    expect(copy).toHaveBeenCalledWith({ data: 'K7Q2ZP' })
    copy.mockRestore()
  })
})

const k = (over: Partial<KpisDto> = {}): KpisDto => ({
  reported: 10, accepted: 8, rejected: 2, closed: 6, closeRate: 0.75, onTimeClosed: 5, onTimeRate: 5 / 6, reworked: 0, reworkRate: 0, extended: 0, extensionRate: 0,
  responseAvgMin: 30, responseP90Min: 60, handlingAvgMin: 600, handlingP90Min: 900, rated: 2, satisfactionAvg: 4.5, satisfactionRate: 1, ...over
})

describe('10. dashboard and bulletin', () => {
  it('a child with no reports is not scored 96 beside children with work; it is said and listed last', () => {
    const idle = k({ reported: 0, accepted: 0, rejected: 0, closed: 0, closeRate: null, onTimeClosed: 0, onTimeRate: null, reworkRate: null, rated: 0, satisfactionAvg: null })
    const rows = ranking({ children: [{ code: 'a', name: '静悄悄网格', level: 'grid', kpis: idle, score: null }, { code: 'b', name: '忙碌网格', level: 'grid', kpis: k(), score: 88 }] } as unknown as StatsDto)
    expect(rows.map((r) => [r.name, r.text])).toEqual([['忙碌网格', '88'], ['静悄悄网格', '本期无上报']])
  })

  it('the bulletin month is chosen and the ranking reads on the phone', async () => {
    m.stats.mockResolvedValue({ node: { code: '510104001001', name: '锦华社区', level: 'community' }, from: '', to: '', days: 30, kpis: k(), score: 90, children: [], interval: 'day', series: [], topCategories: [], overdue: { count: 0, items: [] }, campaigns: [] })
    m.bulletin.mockResolvedValue({ node: { code: '510104001001', name: '锦华社区', level: 'community' }, month: 'x', from: '', to: '', formula: '40×结案率 + …', kpis: k(), rows: [{ code: 'b', name: '忙碌网格', level: 'grid', rank: 1, score: 88.04, kpis: k() }] })
    render(<Dashboard />)
    const picker = await screen.findByTestId('bulletin-month')
    const months = Array.from({ length: 12 }, (_, i) => { const d = new Date(new Date().getFullYear(), new Date().getMonth() - i, 1); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}` })
    // Taro's Picker reports the chosen index on its change event
    fireEvent(picker.closest('taro-picker-core')!, new CustomEvent('change', { detail: { value: 3 }, bubbles: true }))
    await waitFor(() => expect(screen.getByTestId('bulletin-month').textContent).toContain(months[3]))
    fireEvent.click(screen.getByTestId('bulletin-show'))
    const row = await screen.findByTestId('bulletin-row')
    expect(m.bulletin).toHaveBeenCalledWith('510104001001', months[3])
    expect(row.textContent).toContain('第 1 名 忙碌网格')
    expect(row.textContent).toContain('88 分')
  })
})

describe('11. people are named', () => {
  it('我的 says a name is not set (not "用户 5") and saves the one typed', async () => {
    m.updateMe.mockResolvedValue({ id: 5, name: '张阿姨', phoneMasked: null, roles: [] })
    render(<Mine />)
    expect(screen.getByTestId('my-name').textContent).not.toMatch(/用户 5/)
    typeInto(screen.getByTestId('name-input'), '张阿姨')
    fireEvent.click(screen.getByTestId('name-save'))
    await waitFor(() => expect(screen.getByTestId('my-name').textContent).toBe('张阿姨'))
    expect(m.updateMe).toHaveBeenCalledWith({ name: '张阿姨' })
  })

  it('a timeline step without a name says who it was to this viewer (我, 接单人), not 工作人员', () => {
    const e = {
      id: 3, state: 'in_progress', version: 3, category: 'road', description: '井盖松动', microGrid: { code: 'x', name: '一号微网格' }, createdAt: '2026-11-27T01:00:00.000Z', deadlineAt: null, overdue: false,
      supporters: 0, source: 'resident', thumbUrl: null, location: null, address: null, anonymous: false, reporter: { id: 1 }, handlerId: 9, assigneeId: null, departmentId: null,
      ownerNode: { code: 'x', name: '一号微网格' }, stage: 'handle', rating: null, ratingComment: null, held: false, photos: [], parties: ['grid_worker'], actions: [], supportedByMe: false, priority: 'normal', check: { required: false, result: null, checkers: [] }, mergedInto: null, closedAt: null, followup: null, onBehalf: null,
      timeline: [
        { at: '2026-11-27T01:00:00.000Z', action: 'verify', fromState: 'reported', toState: 'accepted', actor: { id: 5, name: null, system: false }, note: null, photos: [] },
        { at: '2026-11-27T02:00:00.000Z', action: 'claim', fromState: 'accepted', toState: 'in_progress', actor: { id: 9, name: null, system: false }, note: null, photos: [] }
      ]
    } as unknown as EventDetailDto
    render(<EventDetail event={e} />)
    const steps = screen.getAllByTestId('timeline-item').map((s) => s.textContent)
    expect(steps[0]).toContain('接单人')
    expect(steps[1]).toContain('我')
    expect(steps.join('')).not.toContain('工作人员')
  })
})
