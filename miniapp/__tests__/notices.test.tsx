import { render, screen, fireEvent, waitFor, act } from '@testing-library/react'
import Notices from '../src/packages/worker/pages/notices/index'
import NoticeNew from '../src/packages/admin/pages/notice-new/index'
import { api, ApiError } from '../src/services/api'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { noticeInbox: jest.fn(), sendNotice: jest.fn(), subscriptions: jest.fn() } }
})
const m = api as unknown as Record<string, jest.Mock>

const notice = (id: number, extra: object = {}) => ({
  id,
  title: `通知${id}`,
  body: '请今晚前完成辖区巡查',
  attachments: [],
  node: { code: '510104', name: '锦江区', level: 'district' },
  roles: null,
  senderName: '区网格中心',
  ackRequired: true,
  ackDeadline: null,
  recipients: 10,
  createdAt: '2026-11-27T01:00:00.000Z',
  readAt: null,
  ackedAt: null,
  ...extra
})

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  m.subscriptions.mockResolvedValue([])
})

it('worker notices show unread and which still need an acknowledgement', async () => {
  m.noticeInbox.mockResolvedValue({ items: [notice(1), notice(2, { readAt: '2026-11-27T02:00:00.000Z', ackedAt: '2026-11-27T02:00:00.000Z' })], nextCursor: null })
  render(<Notices />)
  expect(await screen.findByText('通知1')).toBeTruthy()
  expect(screen.getByText('待确认')).toBeTruthy()
  expect(screen.getByText('已确认')).toBeTruthy()
  expect(screen.getAllByText(/未读/)).toHaveLength(1)
})

function typeInto(el: Element, value: string) {
  act(() => {
    ;(el as HTMLInputElement).value = value
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

it('sending a notice checks the target, title and body first, then shows the server refusal', async () => {
  render(<NoticeNew />)
  fireEvent.click(screen.getByTestId('notice-send'))
  expect(await screen.findByText('请选择发送范围')).toBeTruthy()
  expect(screen.getByText('请填写标题')).toBeTruthy()
  expect(screen.getByText('请填写内容')).toBeTruthy()
  expect(m.sendNotice).not.toHaveBeenCalled()
})

it('shows FORBIDDEN when the target is outside the sender’s scope', async () => {
  m.sendNotice.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'outside scope' }))
  const gridRoots = jest.fn()
  ;(api as unknown as Record<string, jest.Mock>).gridRoots = gridRoots
  gridRoots.mockResolvedValue({ items: [{ code: '5101', name: '成都市', level: 'city', childCount: 1 }], nextCursor: null })
  render(<NoticeNew />)
  fireEvent.click(screen.getByTestId('notice-choose-target'))
  fireEvent.click(await screen.findByText('选这个'))
  typeInto(screen.getByTestId('notice-title'), '防汛通知')
  typeInto(screen.getByTestId('notice-body'), '请各网格今晚排查低洼地段')
  fireEvent.click(screen.getByTestId('notice-send'))
  await waitFor(() => expect(m.sendNotice).toHaveBeenCalledWith({ nodeCode: '5101', title: '防汛通知', body: '请各网格今晚排查低洼地段' }))
  expect((await screen.findByTestId('notice-error')).textContent).toBe('没有权限执行此操作')
})
