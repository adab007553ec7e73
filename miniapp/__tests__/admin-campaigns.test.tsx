import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CampaignDto, CampaignProgressDto } from '@weigrid/shared'
import Campaigns, { campaignStatus } from '../src/packages/admin/pages/campaigns/index'
import CampaignProgress from '../src/packages/admin/pages/campaign/index'
import { api, ApiError } from '../src/services/api'
import { session } from '../src/services/session'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return {
    ...actual,
    api: { campaignsIn: jest.fn(), campaignTemplates: jest.fn(), createCampaign: jest.fn(), campaign: jest.fn(), campaignProgress: jest.fn(), campaignAnswers: jest.fn(), gridRoots: jest.fn(), gridChildren: jest.fn() }
  }
})
let mockParams: Record<string, string> = {}
jest.mock('../src/hooks/useParams', () => ({ useParams: () => mockParams }))
const m = api as unknown as Record<string, jest.Mock>

const campaign = (id: number, over: Partial<CampaignDto> = {}): CampaignDto => ({
  id,
  title: `活动${id}`,
  template: 'sanxunwen',
  node: { code: '510104001001', name: '一社区' },
  questions: [],
  opensOn: '2026-11-01',
  closesOn: '2099-12-31',
  helpCategory: 'other',
  open: true,
  createdAt: '2026-11-01T00:00:00.000Z',
  ...over
})
const row = (code: string, name: string, answered: number, known: number | null, needsHelp = 0) => ({ code, name, answered, known, rate: known ? Math.round((answered / known) * 10000) / 10000 : null, needsHelp })

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  mockParams = {}
  session.set({
    accessToken: 'a.b.c',
    refreshToken: 'r',
    user: { id: 5, name: null, phoneMasked: null, roles: [{ id: 1, role: 'community_admin', nodeCode: '510104001001', nodeName: '一社区', nodeLevel: 'community', departmentId: null, createdAt: '2026-11-01T00:00:00.000Z' }] }
  })
  m.campaignTemplates.mockResolvedValue([
    { code: 'sanxunwen', title: '三询问一完善', helpCategory: 'other', questions: [] },
    { code: 'return_home', title: '返乡报备', helpCategory: 'other', questions: [] }
  ])
})

it('says whether a campaign has not started, is open or has ended', () => {
  expect(campaignStatus({ opensOn: '2026-11-10', closesOn: '2026-11-20' }, '2026-11-09')).toBe('notYet')
  expect(campaignStatus({ opensOn: '2026-11-10', closesOn: '2026-11-20' }, '2026-11-10')).toBe('open')
  expect(campaignStatus({ opensOn: '2026-11-10', closesOn: '2026-11-20' }, '2026-11-20')).toBe('open')
  expect(campaignStatus({ opensOn: '2026-11-10', closesOn: '2026-11-20' }, '2026-11-21')).toBe('closed')
})

it('lists the campaigns in and above the admin’s area page by page; a city-wide one opens at the admin’s own node', async () => {
  m.campaignsIn.mockImplementation(async (_node: string, cursor?: string) =>
    cursor === 'c2' ? { items: [campaign(1, { title: '全市返乡报备', node: { code: '5101', name: '成都市' }, closesOn: '2026-01-31' })], nextCursor: null } : { items: [campaign(3), campaign(2)], nextCursor: 'c2' }
  )
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
  render(<Campaigns />)
  expect(await screen.findByText('活动3')).toBeTruthy()
  expect(m.campaignsIn).toHaveBeenCalledWith('510104001001', undefined)
  fireEvent.click(screen.getByTestId('campaigns-more'))
  expect(await screen.findByText('全市返乡报备')).toBeTruthy()
  const items = screen.getAllByTestId('campaign-item')
  expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining('进行中'), expect.stringContaining('进行中'), expect.stringContaining('已结束')])
  fireEvent.click(screen.getByText('活动2'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/campaign/index?id=2&node=510104001001' })
  fireEvent.click(screen.getByText('全市返乡报备'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/campaign/index?id=1&node=510104001001' })
  navigateTo.mockRestore()
})

it('starts a campaign from a template for the admin’s node, checking the form first and showing the server’s refusal by field', async () => {
  m.campaignsIn.mockResolvedValue({ items: [], nextCursor: null })
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
  render(<Campaigns />)
  fireEvent.click(await screen.findByTestId('campaign-create'))
  fireEvent.click(await screen.findByTestId('campaign-template-return_home'))
  // No title: refused here, nothing sent.
  fireEvent.click(screen.getByTestId('campaign-submit'))
  expect(await screen.findByText('请填写 1–100 字的活动名称')).toBeTruthy()
  expect(m.createCampaign).not.toHaveBeenCalled()

  fireEvent.input(screen.getByTestId('campaign-title').querySelector('input') ?? screen.getByTestId('campaign-title'), { target: { value: ' 春节返乡报备 ' } })
  m.createCampaign.mockRejectedValueOnce(new ApiError(422, { code: 'VALIDATION_FAILED', message: 'invalid campaign: closesOn', details: { fields: { closesOn: 'a campaign runs at most 366 days' } } }))
  fireEvent.click(screen.getByTestId('campaign-submit'))
  expect(await screen.findByText('请检查日期：结束不早于开始，活动最长 366 天')).toBeTruthy()
  const sent = m.createCampaign.mock.calls[0]![0]
  expect(sent).toMatchObject({ title: '春节返乡报备', template: 'return_home', nodeCode: '510104001001' })
  expect(sent.opensOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  expect(sent.closesOn > sent.opensOn).toBe(true)

  m.createCampaign.mockResolvedValueOnce(campaign(9, { title: '春节返乡报备' }))
  fireEvent.click(screen.getByTestId('campaign-submit'))
  await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/campaign/index?id=9&node=510104001001' }))
  expect(m.campaignsIn).toHaveBeenCalledTimes(2)
  navigateTo.mockRestore()
})

it('shows answered / known and the rate for the node and each child, walks into a child and back, and lists help requests', async () => {
  mockParams = { id: '7', node: '510104001001' }
  m.campaign.mockResolvedValue(campaign(7, { title: '冬季三询问一完善' }))
  const progress: Record<string, CampaignProgressDto> = {
    '510104001001': { campaignId: 7, node: row('510104001001', '一社区', 30, 40, 2), children: [row('510104001001001', '一网格', 20, 25, 2), row('510104001001002', '二网格', 10, null)] },
    '510104001001001': { campaignId: 7, node: row('510104001001001', '一网格', 20, 25, 2), children: [row('510104001001001001', '1号微网格', 20, 25, 2)] }
  }
  m.campaignProgress.mockImplementation(async (_id: number, node: string) => progress[node])
  m.campaignAnswers.mockImplementation(async (_id: number, q: { node: string }) => ({
    items:
      q.node === '510104001001'
        ? [{ id: 4, campaignId: 7, householdKey: 'x', microGrid: { code: '510104001001001001', name: '1号微网格' }, address: '3栋501', answers: { difficulty_note: '独居老人，需要送餐' }, needsHelp: true, eventId: 88, answeredBy: 1, via: 'visit', createdAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-20T02:00:00.000Z' }]
        : [],
    nextCursor: null
  }))
  const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
  render(<CampaignProgress />)
  expect((await screen.findByTestId('progress-title')).textContent).toBe('冬季三询问一完善')
  const tile = async (k: string) => within(await screen.findByTestId(`kpi-${k}`)).getByTestId('kpi-value').textContent
  expect(await tile('answered')).toBe('30')
  expect(await tile('known')).toBe('40')
  expect(await tile('rate')).toBe('75%')
  expect(await tile('help')).toBe('2')
  expect(m.campaignProgress).toHaveBeenCalledWith(7, '510104001001')
  expect(m.campaignAnswers).toHaveBeenCalledWith(7, { node: '510104001001', needsHelp: true }, undefined)
  const kids = screen.getAllByTestId('progress-child-row').map((r) => r.textContent)
  expect(kids[0]).toContain('20 / 25 户 · 80%')
  expect(kids[0]).toContain('需要帮助 2')
  // No register under a child: the count of answers, no rate.
  expect(kids[1]).toContain('10 户已填 · —')
  const help = await screen.findByTestId('help-answer')
  expect(help.textContent).toContain('1号微网格 · 3栋501')
  expect(help.textContent).toContain('独居老人，需要送餐')
  expect(help.textContent).toContain('入户代填')
  fireEvent.click(within(help).getByTestId('help-event'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/event/index?id=88' })

  // 全部 lists every answer, marking the ones asking for help.
  fireEvent.click(screen.getByTestId('answers-all'))
  await waitFor(() => expect(m.campaignAnswers).toHaveBeenLastCalledWith(7, { node: '510104001001' }, undefined))
  expect((await screen.findByTestId('help-answer')).textContent).toContain('需要帮助')
  fireEvent.click(screen.getByTestId('answers-help'))
  await waitFor(() => expect(m.campaignAnswers).toHaveBeenLastCalledWith(7, { node: '510104001001', needsHelp: true }, undefined))

  fireEvent.click(screen.getByText('1. 一网格'))
  await waitFor(() => expect(m.campaignProgress).toHaveBeenLastCalledWith(7, '510104001001001'))
  expect(await tile('known')).toBe('25')
  expect(screen.getByTestId('progress-trail').textContent).toBe('一社区 / 一网格')
  expect(await screen.findByText('暂无需要帮助的住户')).toBeTruthy()
  fireEvent.click(screen.getByTestId('progress-up'))
  await waitFor(() => expect(m.campaignProgress).toHaveBeenLastCalledWith(7, '510104001001'))
  expect(await tile('known')).toBe('40')
  navigateTo.mockRestore()
})

it('opens at the campaign’s own area when asked for a node above it (a district dashboard, a community campaign)', async () => {
  mockParams = { id: '7', node: '510104' }
  m.campaign.mockResolvedValue(campaign(7))
  m.campaignProgress.mockResolvedValue({ campaignId: 7, node: row('510104001001', '一社区', 3, 10), children: [] })
  m.campaignAnswers.mockResolvedValue({ items: [], nextCursor: null })
  render(<CampaignProgress />)
  expect(await screen.findByText('一社区 · 填报进度')).toBeTruthy()
  expect(m.campaignProgress.mock.calls).toEqual([[7, '510104001001']])
  expect(m.campaignAnswers).toHaveBeenCalledWith(7, { node: '510104001001', needsHelp: true }, undefined)
})

it('shows the error code’s message when the progress is refused', async () => {
  mockParams = { id: '7', node: '510104002' }
  m.campaign.mockResolvedValue(campaign(7))
  m.campaignProgress.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'node outside scope' }))
  m.campaignAnswers.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'node outside scope' }))
  render(<CampaignProgress />)
  expect((await screen.findAllByText('没有权限执行此操作')).length).toBeGreaterThan(0)
})

it('says so when the campaign does not exist', async () => {
  mockParams = { id: '99' }
  m.campaign.mockRejectedValue(new ApiError(404, { code: 'NOT_FOUND', message: 'campaign not found' }))
  render(<CampaignProgress />)
  expect(await screen.findByTestId('error')).toBeTruthy()
  expect(m.campaignProgress).not.toHaveBeenCalled()
})
