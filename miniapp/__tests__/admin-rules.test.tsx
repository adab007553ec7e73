import { render, screen, fireEvent, waitFor, act, within } from '@testing-library/react'
import Rules from '../src/packages/admin/pages/rules/index'
import { parseWindows } from '../src/packages/admin/components/CalendarTab'
import { api, ApiError } from '../src/services/api'
import { session } from '../src/services/session'
import type { GrantDto } from '../src/services/contracts'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return {
    ...actual,
    api: {
      categories: jest.fn(),
      allCategories: jest.fn(),
      putCategory: jest.fn(),
      slaPolicies: jest.fn(),
      putSlaPolicy: jest.fn(),
      workCalendar: jest.fn(),
      putWorkCalendar: jest.fn(),
      responsibilities: jest.fn(),
      putResponsibility: jest.fn(),
      deleteResponsibility: jest.fn(),
      departments: jest.fn(),
      gridRoots: jest.fn()
    }
  }
})
const m = api as unknown as Record<string, jest.Mock>

const grant = (role: GrantDto['role'], nodeCode = '510104', nodeName = '锦江区', nodeLevel: GrantDto['nodeLevel'] = 'district'): GrantDto => ({
  id: 1,
  role,
  nodeCode,
  nodeName,
  nodeLevel,
  departmentId: null,
  createdAt: '2026-11-01T00:00:00.000Z'
})
function signIn(...roles: GrantDto[]) {
  session.set({ accessToken: 'a.b.c', refreshToken: 'r', user: { id: 5, name: '管理员', phoneMasked: null, roles } })
}

/** Typing as Taro's Input reports it (`detail.value`); the page keeps the value in its state. */
function typeInto(el: Element, value: string) {
  act(() => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

const cats = [
  { code: 'road', name: '道路设施', icon: 'road', sort: 10, active: true },
  { code: 'noise', name: '噪音扰民', icon: '', sort: 20, active: false }
]
const defaults = [
  { category: null, stage: 'verify', hours: 4, mode: 'working' },
  { category: null, stage: 'handle', hours: 24, mode: 'working' },
  { category: null, stage: 'close', hours: 72, mode: 'calendar' }
]

beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  m.allCategories.mockResolvedValue(cats)
  m.categories.mockResolvedValue(cats.filter((c) => c.active).map(({ active: _a, ...c }) => c))
  m.slaPolicies.mockResolvedValue(defaults)
  m.workCalendar.mockResolvedValue({ utcOffsetMinutes: 480, workdays: [1, 2, 3, 4, 5], windows: ['09:00-12:00', '13:30-17:30'], holidays: ['2026-10-01'], extraWorkdays: [] })
  signIn(grant('district_admin'))
})

describe('categories', () => {
  it('lists every category with the deactivated ones marked, and renames one keeping its other fields', async () => {
    m.putCategory.mockImplementation(async (code: string, body: object) => ({ code, ...body }))
    render(<Rules />)
    const road = await screen.findByText('道路设施')
    expect(screen.getByText('已停用')).toBeTruthy()
    const row = road.closest('[data-testid=category-row]') as HTMLElement
    fireEvent.click(within(row).getByTestId('category-edit'))
    typeInto(screen.getByTestId('category-name-input'), '道路与桥梁')
    fireEvent.click(screen.getByTestId('category-save'))
    await waitFor(() => expect(m.putCategory).toHaveBeenCalledWith('road', { name: '道路与桥梁', icon: 'road', sort: 10, active: true }))
    expect(await screen.findByText('道路与桥梁')).toBeTruthy()
    expect(screen.queryByTestId('category-form')).toBeNull()
  })

  it('deactivates a category with one tap (the other fields sent unchanged)', async () => {
    m.putCategory.mockImplementation(async (code: string, body: object) => ({ code, ...body }))
    render(<Rules />)
    const row = (await screen.findByText('道路设施')).closest('[data-testid=category-row]') as HTMLElement
    fireEvent.click(within(row).getByTestId('category-toggle'))
    await waitFor(() => expect(m.putCategory).toHaveBeenCalledWith('road', { name: '道路设施', icon: 'road', sort: 10, active: false }))
    await waitFor(() => expect(screen.getAllByText('已停用')).toHaveLength(2))
  })

  it('checks a new category before sending and shows the server refusal with its message', async () => {
    m.putCategory.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'event categories are set by district or city admins' }))
    render(<Rules />)
    fireEvent.click(await screen.findByTestId('category-add'))
    typeInto(screen.getByTestId('category-code'), 'Road!')
    fireEvent.click(screen.getByTestId('category-save'))
    expect(await screen.findByText('编码须为小写字母开头的 1–32 位字母、数字或下划线')).toBeTruthy()
    expect(screen.getByText('请填写 1–50 字的名称')).toBeTruthy()
    typeInto(screen.getByTestId('category-code'), 'road')
    fireEvent.click(screen.getByTestId('category-save'))
    expect(await screen.findByText('该编码已存在')).toBeTruthy()
    expect(m.putCategory).not.toHaveBeenCalled()

    typeInto(screen.getByTestId('category-code'), 'pets')
    typeInto(screen.getByTestId('category-name-input'), '宠物管理')
    fireEvent.click(screen.getByTestId('category-save'))
    await waitFor(() => expect(m.putCategory).toHaveBeenCalledWith('pets', { name: '宠物管理', icon: '', sort: 500, active: true }))
    expect((await screen.findByTestId('category-error')).textContent).toBe('没有权限执行此操作：只有区（县）级或市级管理员可以修改规则')
  })

  it('a community admin is told who sets the rules and sees the offered categories without edit buttons', async () => {
    signIn(grant('community_admin', '510104001', '一社区', 'community'))
    render(<Rules />)
    expect(screen.getByTestId('rules-readonly').textContent).toContain('由区（县）级或市级管理员设置')
    expect(await screen.findByText('道路设施')).toBeTruthy()
    expect(m.allCategories).not.toHaveBeenCalled()
    expect(screen.queryByTestId('category-edit')).toBeNull()
    expect(screen.queryByTestId('category-add')).toBeNull()
  })

  it('a failed load shows the error code’s message and retries', async () => {
    m.allCategories.mockRejectedValueOnce(new ApiError(0, undefined))
    render(<Rules />)
    expect((await screen.findByTestId('error')).textContent).toBe('网络不可用，请检查网络后重试')
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('道路设施')).toBeTruthy()
  })
})

describe('deadlines', () => {
  it('shows the default in force for a category, and editing it sends the right PUT', async () => {
    const after = [...defaults, { category: 'road', stage: 'handle', hours: 48, mode: 'calendar' }]
    m.putSlaPolicy.mockResolvedValue(after)
    render(<Rules />)
    fireEvent.click(screen.getByTestId('rules-tab-deadlines'))
    expect((await screen.findByTestId('deadline-value-handle')).textContent).toBe('24 工作小时')
    fireEvent.click(await screen.findByTestId('deadline-cat-road'))
    expect(within(screen.getByTestId('deadline-handle')).getByText('沿用默认')).toBeTruthy()
    fireEvent.click(screen.getByTestId('deadline-edit-handle'))
    typeInto(screen.getByTestId('deadline-hours'), '48')
    fireEvent.click(screen.getByTestId('deadline-mode-calendar'))
    fireEvent.click(screen.getByTestId('deadline-save'))
    await waitFor(() => expect(m.putSlaPolicy).toHaveBeenCalledWith({ category: 'road', stage: 'handle', hours: 48, mode: 'calendar' }))
    expect((await screen.findByTestId('deadline-value-handle')).textContent).toBe('48 自然小时')
    expect(within(screen.getByTestId('deadline-handle')).getByText('单独设置')).toBeTruthy()
    // the default row is untouched
    fireEvent.click(screen.getByTestId('deadline-cat-default'))
    expect(screen.getByTestId('deadline-value-handle').textContent).toBe('24 工作小时')
  })

  it('refuses hours out of range before sending, and shows a 422 from the server', async () => {
    m.putSlaPolicy.mockRejectedValue(new ApiError(422, { code: 'VALIDATION_FAILED', message: 'unknown category', details: { fields: { category: 'no such category' } } }))
    render(<Rules />)
    fireEvent.click(screen.getByTestId('rules-tab-deadlines'))
    fireEvent.click(await screen.findByTestId('deadline-edit-verify'))
    typeInto(screen.getByTestId('deadline-hours'), '0')
    fireEvent.click(screen.getByTestId('deadline-save'))
    expect((await screen.findByTestId('deadline-error')).textContent).toBe('请填写 0.25–8760 之间的小时数')
    expect(m.putSlaPolicy).not.toHaveBeenCalled()
    typeInto(screen.getByTestId('deadline-hours'), '2')
    fireEvent.click(screen.getByTestId('deadline-save'))
    await waitFor(() => expect(screen.getByTestId('deadline-error').textContent).toBe('提交的内容有误，请检查后重试'))
    expect(m.putSlaPolicy).toHaveBeenCalledWith({ category: null, stage: 'verify', hours: 2, mode: 'working' })
  })
})

describe('work calendar', () => {
  it('removes a holiday, adds one from the date picker and saves the whole calendar', async () => {
    m.putWorkCalendar.mockImplementation(async (c: object) => c)
    render(<Rules />)
    fireEvent.click(screen.getByTestId('rules-tab-calendar'))
    const holidays = await screen.findByTestId('holidays')
    expect(within(holidays).getByText('2026-10-01')).toBeTruthy()
    fireEvent.click(within(holidays).getByTestId('date-remove'))
    expect(within(holidays).getByText('未设置')).toBeTruthy()
    const picker = screen.getByTestId('holidays-picker')
    act(() => {
      picker.dispatchEvent(new CustomEvent('change', { detail: { value: '2027-01-01' }, bubbles: true }))
    })
    expect(await within(holidays).findByText('2027-01-01')).toBeTruthy()
    fireEvent.click(screen.getByTestId('workday-6'))
    fireEvent.click(screen.getByTestId('calendar-save'))
    await waitFor(() =>
      expect(m.putWorkCalendar).toHaveBeenCalledWith({ utcOffsetMinutes: 480, workdays: [1, 2, 3, 4, 5, 6], windows: ['09:00-12:00', '13:30-17:30'], holidays: ['2027-01-01'], extraWorkdays: [] })
    )
  })

  it('checks the working windows before sending', async () => {
    render(<Rules />)
    fireEvent.click(screen.getByTestId('rules-tab-calendar'))
    typeInto(await screen.findByTestId('calendar-windows'), '13:00-12:00')
    fireEvent.click(screen.getByTestId('calendar-save'))
    expect((await screen.findByTestId('calendar-error')).textContent).toContain('09:00-12:00')
    expect(m.putWorkCalendar).not.toHaveBeenCalled()
  })

  it('parses windows written the way people type them', () => {
    expect(parseWindows('09:00-12:00，13:30-17:30')).toEqual(['09:00-12:00', '13:30-17:30'])
    expect(parseWindows('13:30-17:30, 09:00-12:00')).toBeUndefined()
    expect(parseWindows('9:00-12:00')).toBeUndefined()
    expect(parseWindows('')).toBeUndefined()
  })
})

describe('responsibility list', () => {
  beforeEach(() => {
    m.responsibilities.mockResolvedValue([
      { id: 7, nodeCode: '510104', category: 'road', departmentId: 3, matter: '道路破损修复' },
      { id: 8, nodeCode: '5101', category: 'noise', departmentId: 4, matter: '' }
    ])
    m.departments.mockResolvedValue([
      { id: 3, name: '区住建局', nodeCode: '510104', categoryCodes: ['road'] },
      { id: 4, name: '市生态环境局', nodeCode: '5101', categoryCodes: ['noise'] },
      { id: 5, name: '区城管局', nodeCode: '510104', categoryCodes: [] }
    ])
  })

  it('opens on the admin’s own node with rows there and rows set above it', async () => {
    render(<Rules />)
    fireEvent.click(screen.getByTestId('rules-tab-duty'))
    expect(screen.getByTestId('duty-node').textContent).toBe('锦江区')
    expect(await screen.findByText('道路设施 → 区住建局')).toBeTruthy()
    expect(m.responsibilities).toHaveBeenCalledWith('510104')
    expect(m.departments).toHaveBeenCalledWith('510104')
    expect(within(screen.getByTestId('duty-row-other')).getByText('上级设置（5101）')).toBeTruthy()
  })

  it('changes the department with the picker: the PUT names node, category, department and matter', async () => {
    m.putResponsibility.mockResolvedValue({ id: 9, nodeCode: '510104', category: 'road', departmentId: 5, matter: '占道施工' })
    render(<Rules />)
    fireEvent.click(screen.getByTestId('rules-tab-duty'))
    fireEvent.click(within((await screen.findByText('道路设施 → 区住建局')).closest('[data-testid=duty-row]') as HTMLElement).getByTestId('duty-edit'))
    // the department owning the category is marked
    expect(screen.getByTestId('duty-dept-3').textContent).toBe('区住建局（主管此类）')
    fireEvent.click(screen.getByTestId('duty-dept-5'))
    typeInto(screen.getByTestId('duty-matter'), '占道施工')
    fireEvent.click(screen.getByTestId('duty-save'))
    await waitFor(() => expect(m.putResponsibility).toHaveBeenCalledWith({ nodeCode: '510104', category: 'road', departmentId: 5, matter: '占道施工' }))
    expect(await screen.findByText('道路设施 → 区城管局')).toBeTruthy()
    expect(screen.queryByText('道路设施 → 区住建局')).toBeNull()
  })

  it('a new row needs a category and a department; a server 422 shows beside the field', async () => {
    m.putResponsibility.mockRejectedValue(new ApiError(422, { code: 'VALIDATION_FAILED', message: 'bad', details: { fields: { departmentId: 'not a department at or above this node' } } }))
    render(<Rules />)
    fireEvent.click(screen.getByTestId('rules-tab-duty'))
    fireEvent.click(await screen.findByTestId('duty-add'))
    fireEvent.click(screen.getByTestId('duty-save'))
    expect(await screen.findByText('请选择问题类别')).toBeTruthy()
    expect(screen.getByText('请选择责任部门')).toBeTruthy()
    expect(m.putResponsibility).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('duty-cat-road'))
    fireEvent.click(screen.getByTestId('duty-dept-4'))
    fireEvent.click(screen.getByTestId('duty-save'))
    expect(await screen.findByText('此项填写有误，请检查')).toBeTruthy()
    expect(screen.queryByText('not a department at or above this node')).toBeNull()
    expect(screen.getByTestId('duty-error').textContent).toBe('提交的内容有误，请检查后重试')
  })

  it('deletes a row only after confirming', async () => {
    m.deleteResponsibility.mockResolvedValue(undefined)
    render(<Rules />)
    fireEvent.click(screen.getByTestId('rules-tab-duty'))
    const row = (await screen.findByText('道路设施 → 区住建局')).closest('[data-testid=duty-row]') as HTMLElement
    fireEvent.click(within(row).getByTestId('duty-remove'))
    expect(m.deleteResponsibility).not.toHaveBeenCalled()
    fireEvent.click(within(row).getByTestId('duty-remove-confirm'))
    await waitFor(() => expect(m.deleteResponsibility).toHaveBeenCalledWith(7))
    await waitFor(() => expect(screen.queryByText('道路设施 → 区住建局')).toBeNull())
  })
})
