import { render, screen, waitFor, fireEvent, act } from '@testing-library/react'
import { CampaignFormBody } from '../src/packages/campaign/pages/form/index'
import Index from '../src/pages/index/index'
import EventPage from '../src/pages/event/index'
import { api, ApiError } from '../src/services/api'
import { myGrid, setMyGrid } from '../src/services/myGrid'
import { session } from '../src/services/session'
import type { CampaignDto } from '../src/services/contracts'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return {
    ...actual,
    api: { answerCampaign: jest.fn(), campaigns: jest.fn(), campaign: jest.fn(), upload: jest.fn(), overview: jest.fn(), gridRoots: jest.fn(), gridChildren: jest.fn(), searchGrids: jest.fn(), locate: jest.fn(), event: jest.fn(), eventView: jest.fn(), categories: jest.fn(), events: jest.fn(), gridContacts: jest.fn() }
  }
})
const m = api as unknown as Record<string, jest.Mock>

const MICRO = { code: '510104001001001001', name: '锦华苑一号微网格', path: [{ code: '510104', name: '锦江区', level: 'district' as const }, { code: '510104001001001001', name: '锦华苑一号微网格', level: 'micro' as const }] }

/** Every question type, as an admin could write them (validated by the shared checker). */
const campaign: CampaignDto = {
  id: 7,
  title: '三询问一完善',
  template: null,
  node: { code: '510104001', name: '锦华社区' },
  opensOn: '2026-11-01',
  closesOn: '2026-12-31',
  helpCategory: 'other',
  open: true,
  createdAt: '2026-11-01T00:00:00.000Z',
  questions: [
    { id: 'registered', type: 'single', label: '家庭成员是否完整登记？', required: true, options: ['已完整登记', '部分未登记'] },
    { id: 'hazards', type: 'multi', label: '家中安全隐患', required: true, options: ['燃气', '用电', '无'], helpIf: ['燃气', '用电'] },
    { id: 'note', type: 'text', label: '情况说明', maxLength: 10 },
    { id: 'residents', type: 'number', label: '常住人数', required: true, min: 0, max: 50 },
    { id: 'visited_on', type: 'date', label: '走访日期', required: true },
    { id: 'pics', type: 'photo', label: '现场照片', maxPhotos: 1 }
  ]
}

function typeInto(el: Element, value: string) {
  const input = el.querySelector('input, textarea') ?? el
  act(() => {
    ;(input as HTMLInputElement).value = value
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}
function pickDate(el: Element, value: string) {
  act(() => {
    el.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }))
  })
}
const err = (id: string) => screen.queryByTestId(`err-${id}`)?.textContent

async function fillValid() {
  fireEvent.click(await screen.findByText('部分未登记'))
  fireEvent.click(screen.getByText('燃气'))
  fireEvent.click(screen.getByText('用电'))
  typeInto(screen.getByTestId('text-note'), '老人独居')
  typeInto(screen.getByTestId('num-residents'), '3')
  pickDate(screen.getByTestId('date-visited_on'), '2026-11-20')
  typeInto(screen.getByTestId('address'), '3栋2单元501')
}
const sentBody = {
  microGridCode: MICRO.code,
  address: '3栋2单元501',
  answers: { registered: '部分未登记', hazards: ['燃气', '用电'], note: '老人独居', residents: 3, visited_on: '2026-11-20' }
}

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  // the home page also lists my recent reports (none here)
  m.events.mockResolvedValue({ items: [], nextCursor: null })
  // the home page's 我的网格员 card (no contacts in these tests)
  m.gridContacts.mockResolvedValue(null)
  localStorage.clear()
  myGrid.set(null)
  session.set(null)
})

describe('campaign form', () => {
  it('names what is missing beside each question type and sends nothing', async () => {
    setMyGrid(MICRO)
    render(<CampaignFormBody campaign={campaign} />)
    fireEvent.click(screen.getByTestId('campaign-submit'))
    expect(err('registered')).toBe('请选择一项')
    expect(err('hazards')).toBe('请至少选择一项')
    expect(err('residents')).toBe('请填写数字')
    expect(err('visited_on')).toBe('请选择日期')
    expect(err('address')).toBe('请填写门牌地址')
    // optional questions left empty are fine
    expect(err('note')).toBeUndefined()
    expect(err('pics')).toBeUndefined()
    expect(screen.getByTestId('form-error').textContent).toBe('有几项需要修改，请看标红的提示')
    expect(m.answerCampaign).not.toHaveBeenCalled()
  })

  it('checks length, bounds and photo count as the server will', async () => {
    setMyGrid(MICRO)
    // two uploaded photos for a question that takes one (a draft from before the form changed)
    localStorage.setItem('weigrid.campaignDraft.7', JSON.stringify({ data: { values: {}, address: '', photos: { pics: [{ localPath: 'a.jpg', uploadId: 'upl_aaaaaaaa' }, { localPath: 'b.jpg', uploadId: 'upl_bbbbbbbb' }] } } }))
    render(<CampaignFormBody campaign={campaign} />)
    await fillValid()
    typeInto(screen.getByTestId('text-note'), '一二三四五六七八九十一')
    expect(screen.getByTestId('counter-note').textContent).toBe('11/10')
    typeInto(screen.getByTestId('num-residents'), '60')
    fireEvent.click(screen.getByTestId('campaign-submit'))
    expect(err('note')).toBe('不能超过 10 个字')
    expect(err('residents')).toBe('请填写 0–50 之间的数')
    expect(err('pics')).toBe('最多 1 张照片')
    typeInto(screen.getByTestId('num-residents'), '三')
    fireEvent.click(screen.getByTestId('campaign-submit'))
    expect(err('residents')).toBe('请填写数字')
    expect(m.answerCampaign).not.toHaveBeenCalled()
  })

  it('a single choice is one option, tapping it again clears it; a multi choice toggles', async () => {
    setMyGrid(MICRO)
    render(<CampaignFormBody campaign={campaign} />)
    fireEvent.click(screen.getByText('已完整登记'))
    fireEvent.click(screen.getByText('部分未登记'))
    expect(screen.getByTestId('opt-registered-0').getAttribute('data-on')).toBe('0')
    expect(screen.getByTestId('opt-registered-1').getAttribute('data-on')).toBe('1')
    fireEvent.click(screen.getByText('部分未登记'))
    expect(screen.getByTestId('opt-registered-1').getAttribute('data-on')).toBe('0')
    fireEvent.click(screen.getByText('燃气'))
    fireEvent.click(screen.getByText('无'))
    fireEvent.click(screen.getByText('燃气'))
    expect(screen.getByTestId('opt-hazards-0').getAttribute('data-on')).toBe('0')
    expect(screen.getByTestId('opt-hazards-2').getAttribute('data-on')).toBe('1')
  })

  it('asks for the micro-grid when none is remembered', async () => {
    render(<CampaignFormBody campaign={campaign} />)
    await fillValid()
    fireEvent.click(screen.getByTestId('campaign-submit'))
    expect(err('microGridCode')).toBe('请选择您家所在的微网格')
    expect(m.answerCampaign).not.toHaveBeenCalled()
  })

  it('sends PUT answers with the household and typed values, then says a help answer became an event', async () => {
    setMyGrid(MICRO)
    localStorage.setItem('weigrid.campaignDraft.7', JSON.stringify({ data: { values: {}, address: '', photos: { pics: [{ localPath: 'a.jpg', uploadId: 'upl_aaaaaaaa' }] } } }))
    m.answerCampaign.mockResolvedValue({ id: 1, campaignId: 7, householdKey: 'k', microGrid: MICRO, address: '3栋2单元501', answers: {}, needsHelp: true, eventId: 99, answeredBy: 5, via: 'resident', createdAt: '', updatedAt: '', updated: false })
    render(<CampaignFormBody campaign={campaign} />)
    await fillValid()
    fireEvent.click(screen.getByTestId('campaign-submit'))
    await waitFor(() => expect(m.answerCampaign).toHaveBeenCalledTimes(1))
    expect(m.answerCampaign).toHaveBeenCalledWith(7, { ...sentBody, answers: { ...sentBody.answers, pics: ['upl_aaaaaaaa'] } })
    expect((await screen.findByTestId('campaign-done-text')).textContent).toBe('提交成功，感谢配合')
    expect(screen.getByTestId('campaign-help').textContent).toContain('事件 #99')
    expect(screen.getByTestId('campaign-event-link')).toBeTruthy()
    // the draft is gone, the household address is remembered for the next campaign
    expect(localStorage.getItem('weigrid.campaignDraft.7')).toBeNull()
    expect(JSON.parse(localStorage.getItem('weigrid.householdAddress')!).data).toBe('3栋2单元501')
  })

  it('shows the server field errors beside the fields', async () => {
    setMyGrid(MICRO)
    m.answerCampaign.mockRejectedValue(
      new ApiError(422, {
        code: 'VALIDATION_FAILED',
        message: 'invalid answers',
        details: { fields: { 'answers.residents': 'must be between 0 and 50', 'answers.photos': 'each photo must be one of your uploads', microGridCode: 'outside the campaign area' } }
      })
    )
    render(<CampaignFormBody campaign={campaign} />)
    await fillValid()
    fireEvent.click(screen.getByTestId('campaign-submit'))
    await waitFor(() => expect(err('residents')).toBe('请填写 0–50 之间的数'))
    expect(err('pics')).toBe('照片无效，请删除后重新上传')
    expect(err('microGridCode')).toBe('所选微网格不在本活动范围内')
    expect(screen.getByTestId('form-error').textContent).toBe('提交的内容有误，请检查后重试')
  })

  it('a failed request keeps everything typed; the retry sends the same answers and says "updated"', async () => {
    setMyGrid(MICRO)
    m.answerCampaign.mockRejectedValueOnce(new ApiError(0, undefined))
    m.answerCampaign.mockResolvedValueOnce({ id: 1, campaignId: 7, householdKey: 'k', microGrid: MICRO, address: '3栋2单元501', answers: {}, needsHelp: false, eventId: null, answeredBy: 5, via: 'resident', createdAt: '', updatedAt: '', updated: true })
    const first = render(<CampaignFormBody campaign={campaign} />)
    await fillValid()
    fireEvent.click(screen.getByTestId('campaign-submit'))
    expect((await screen.findByTestId('form-error')).textContent).toBe('网络不可用，请检查网络后重试')
    expect((screen.getByTestId('address').querySelector('input') ?? screen.getByTestId('address')).getAttribute('value') ?? (screen.getByTestId('address') as HTMLInputElement).value).toBe('3栋2单元501')
    expect(screen.getByTestId('opt-registered-1').getAttribute('data-on')).toBe('1')
    expect(screen.getByTestId('date-value-visited_on').textContent).toBe('2026-11-20')
    // leaving the page and coming back keeps it too
    first.unmount()
    render(<CampaignFormBody campaign={campaign} />)
    expect(screen.getByTestId('opt-hazards-1').getAttribute('data-on')).toBe('1')
    expect(screen.getByTestId('counter-note').textContent).toBe('4/10')
    fireEvent.click(screen.getByTestId('campaign-submit'))
    await waitFor(() => expect(m.answerCampaign).toHaveBeenCalledTimes(2))
    expect(m.answerCampaign.mock.calls[1]).toEqual(m.answerCampaign.mock.calls[0])
    expect(m.answerCampaign.mock.calls[1][1]).toEqual(sentBody)
    expect((await screen.findByTestId('campaign-done-text')).textContent).toBe('已更新：本户之前填过，已替换为这次的回答')
    expect(screen.queryByTestId('campaign-help')).toBeNull()
  })

  it('a campaign not yet open says when it opens and cannot be sent', async () => {
    setMyGrid(MICRO)
    render(<CampaignFormBody campaign={{ ...campaign, open: false, opensOn: '2027-01-01', closesOn: '2027-01-31' }} />)
    expect(screen.getByTestId('campaign-not-open').textContent).toBe('本活动的填写时间为 2027-01-01 至 2027-01-31')
  })
})

describe('home: campaigns of my micro-grid', () => {
  const overview = { appName: '微网格', version: '0.1.0', region: null, gridCounts: {}, categories: [] }
  const listed = { items: [campaign, { ...campaign, id: 8, title: '返乡报备', open: false, opensOn: '2027-01-20' }], nextCursor: null }

  it('the micro-grid chosen from the tree is remembered and its open campaigns listed', async () => {
    session.set({ accessToken: 't', refreshToken: 'r', user: { id: 5, name: null, phoneMasked: null, roles: [] } as never })
    m.overview.mockResolvedValue(overview)
    m.campaigns.mockResolvedValue(listed)
    m.gridRoots.mockResolvedValue({ items: [{ code: '510104', name: '锦江区', level: 'district', childCount: 1 }], nextCursor: null })
    m.gridChildren.mockResolvedValue({ items: [{ code: MICRO.code, name: MICRO.name, level: 'micro', childCount: 0 }], nextCursor: null })
    render(<Index />)
    expect(m.campaigns).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('my-grid-choose'))
    fireEvent.click(await screen.findByText('锦江区'))
    fireEvent.click(await screen.findByText(MICRO.name))
    expect((await screen.findByTestId('my-grid')).textContent).toContain(MICRO.name)
    await waitFor(() => expect(m.campaigns).toHaveBeenCalledWith(MICRO.code))
    const items = await screen.findAllByTestId('campaign-item')
    expect(items.map((i) => i.textContent)).toEqual(['三询问一完善锦华社区 · 截止 2026-12-31›', '返乡报备锦华社区 · 2027-01-20 开始填写›'])
    expect(JSON.parse(localStorage.getItem('weigrid.myGrid')!).data.code).toBe(MICRO.code)
  })

  it('a located point outside any micro-grid asks for a manual choice', async () => {
    localStorage.setItem('weigrid.privacyAgreed', JSON.stringify({ data: true }))
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { getCurrentPosition: (ok: (p: unknown) => void) => ok({ coords: { latitude: 30.657, longitude: 104.066, accuracy: 10 } }) }
    })
    m.overview.mockResolvedValue(overview)
    m.locate.mockResolvedValue({ node: { id: 1, code: '510104001', name: '锦华社区', level: 'community' }, path: [], fallback: 'enclosing', distanceM: 0, point: { lat: 30.65, lng: 104.06, crs: 'gcj02' } })
    render(<Index />)
    fireEvent.click(screen.getByTestId('my-grid-locate'))
    expect((await screen.findByTestId('my-grid-error')).textContent).toBe('没能确定您家所在的微网格，请手动选择')
    expect(myGrid.get()).toBeNull()
  })
})

describe('a shared event card opened by someone who may not see it', () => {
  it('says so plainly and offers the home page instead of a useless retry', async () => {
    m.eventView.mockRejectedValue(new ApiError(404, { code: 'NOT_FOUND', message: 'event not found' }))
    m.categories.mockResolvedValue([])
    render(<EventPage />)
    const card = await screen.findByTestId('event-not-found')
    expect(card.textContent).toContain('看不到这条事件')
    expect(card.textContent).toContain('内容不存在或无权查看')
    expect(screen.queryByText('重试')).toBeNull()
    expect(screen.getByTestId('event-go-home')).toBeTruthy()
  })
})
