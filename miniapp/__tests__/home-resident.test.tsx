import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Index from '../src/pages/index/index'
import Report from '../src/pages/report/index'
import { api } from '../src/services/api'
import { session } from '../src/services/session'
import { setMyGrid } from '../src/services/myGrid'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { overview: jest.fn(), gridContacts: jest.fn(), events: jest.fn(), campaigns: jest.fn(), categories: jest.fn(), nearbyEvents: jest.fn(), locate: jest.fn() } }
})
let mockParams: Record<string, string> = {}
jest.mock('../src/hooks/useParams', () => ({ useParams: () => mockParams }))
const m = api as unknown as Record<string, jest.Mock>

const categories = [
  { code: 'sanitation', name: '环境卫生', icon: 'trash', sort: 10 },
  { code: 'streetlight', name: '路灯照明', icon: 'bulb', sort: 30 }
]
const ev = (id: number, state: string, description: string) => ({ id, state, version: 1, category: 'sanitation', description, microGrid: { code: 'x', name: '锦华苑一号微网格' }, createdAt: '2026-11-27T01:00:00.000Z', deadlineAt: null, overdue: false, supporters: 0, source: 'resident', thumbUrl: null })

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  localStorage.clear()
  mockParams = {}
  m.overview.mockResolvedValue({ appName: '微网格', version: '0.1.0', region: { code: '510104', name: '锦江区', level: 'district' }, gridCounts: { micro: 420 }, categories })
  m.categories.mockResolvedValue(categories)
  m.campaigns.mockResolvedValue({ items: [], nextCursor: null })
  session.set(null)
})

describe('the resident home page', () => {
  it('offers the categories as picture entries that open the report with that category chosen', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
    render(<Index />)
    const entry = await screen.findByTestId('home-category-streetlight')
    expect(entry.textContent).toBe('💡路灯照明')
    fireEvent.click(entry)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/report/index?category=streetlight' })
    navigateTo.mockRestore()
    // …and the report page opened that way has it chosen
    mockParams = { category: 'streetlight' }
    render(<Report />)
    await waitFor(() => expect(screen.getByTestId('category-streetlight').className).toContain('chip-on'))
  })

  it('shows my last reports with their state in words, each opening its page', async () => {
    session.set({ accessToken: 'a.b.c', refreshToken: 'r', user: { id: 5, name: '张阿姨', phoneMasked: null, roles: [] } })
    m.events.mockResolvedValue({ items: [ev(8, 'in_progress', '小区东门垃圾桶满了三天没人清理，气味很大，请尽快处理一下谢谢'), ev(6, 'closed', '路灯不亮')], nextCursor: null })
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never)
    render(<Index />)
    const items = await screen.findAllByTestId('my-recent-item')
    expect(m.events).toHaveBeenCalledWith({ scope: 'my', limit: 3 })
    expect(items[0]!.textContent).toContain('处置中')
    expect(items[0]!.textContent).toContain('…')
    expect(items[1]!.textContent).toContain('已结案')
    fireEvent.click(items[1]!)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/event/index?id=6' })
    navigateTo.mockRestore()
  })

  it('shows my micro-grid’s grid worker with a call button, and says when the micro-grid has a group chat', async () => {
    session.set({ accessToken: 'a.b.c', refreshToken: 'r', user: { id: 5, name: '张阿姨', phoneMasked: null, roles: [] } })
    m.events.mockResolvedValue({ items: [], nextCursor: null })
    setMyGrid({ code: '510104017001001001', name: '锦华苑一号微网格', path: [] })
    m.gridContacts.mockResolvedValue({
      node: { code: '510104017001001001', name: '锦华苑一号微网格', level: 'micro' },
      contacts: [{ name: '王网格', role: 'grid_worker', phone: '13800001111' }, { name: null, role: 'grid_worker', phone: null }],
      groupBound: true
    })
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue(undefined as never)
    render(<Index />)
    const items = await screen.findAllByTestId('grid-worker-item')
    expect(m.gridContacts).toHaveBeenCalledWith('510104017001001001')
    expect(items[0]!.textContent).toContain('王网格')
    expect(items[0]!.textContent).toContain('专职网格员')
    expect(items[1]!.textContent).toContain('网格员（未留称呼）')
    expect(items[1]!.textContent).toContain('暂未登记电话')
    const buttons = screen.getAllByTestId('grid-worker-call')
    expect(buttons).toHaveLength(1)
    expect(buttons[0]!.getAttribute('aria-label')).toBe('拨打王网格的电话')
    fireEvent.click(buttons[0]!)
    expect(call).toHaveBeenCalledWith({ phoneNumber: '13800001111' })
    expect(screen.getByTestId('grid-worker-group').textContent).toContain('微信群')
    call.mockRestore()
  })

  it('asks a logged-out resident to log in for the grid worker’s contact, without calling the API', async () => {
    setMyGrid({ code: '510104017001001001', name: '锦华苑一号微网格', path: [] })
    render(<Index />)
    expect((await screen.findByTestId('grid-worker')).textContent).toContain('登录后可查看网格员的联系方式')
    expect(m.gridContacts).not.toHaveBeenCalled()
  })

  it('offers 长辈版 by that name on the home page', async () => {
    render(<Index />)
    expect(screen.getByTestId('elder-switch').textContent).toContain('长辈版')
  })
})
