import { render, screen, waitFor, fireEvent, act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Household from '../src/packages/worker/pages/household/index'
import People from '../src/packages/worker/pages/people/index'
import Care from '../src/packages/worker/pages/care/index'
import Visit from '../src/packages/worker/pages/visit/index'
import Volunteers from '../src/packages/worker/pages/volunteers/index'
import Volunteer from '../src/packages/worker/pages/volunteer/index'
import Report from '../src/pages/report/index'
import { api, ApiError } from '../src/services/api'
import { myGrid, setMyGrid } from '../src/services/myGrid'
import { KEYS, saveValue } from '../src/services/storage'
import type { HouseholdFileDto, PersonDto, VolunteerDto } from '../src/services/contracts'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  const names = ['householdFile', 'searchPeople', 'person', 'careOverdueByGrid', 'careSchedules', 'recordVisit', 'upload', 'registerVolunteer', 'myVolunteer', 'myVolunteerTasks', 'volunteers', 'assignVolunteerTask', 'completeVolunteerTask', 'gridRoots', 'gridChildren', 'searchGrids', 'categories', 'createEvent', 'locate', 'nearbyEvents']
  return { ...actual, api: Object.fromEntries(names.map((n) => [n, jest.fn()])) }
})
let mockParams: Record<string, string> = {}
jest.mock('../src/hooks/useParams', () => ({ useParams: () => mockParams }))
const m = api as unknown as Record<string, jest.Mock>

const MICRO = '510104001001001001'
const person = (over: Partial<PersonDto> = {}): PersonDto => ({
  id: 11,
  householdId: 5,
  gridPath: `/510104/${MICRO}/`,
  name: '王秀英',
  relation: '户主',
  phone: '138****8000',
  idNumber: '5101**********002X',
  revealed: false,
  birthYear: 1941,
  gender: 'female',
  tags: ['独居老人'],
  canReveal: true,
  ...over
})
const file = (p: PersonDto = person()): HouseholdFileDto => ({
  household: { id: 5, code: 'H-001', note: '', version: 1, place: { id: 3, gridCode: MICRO, gridName: '锦华苑一号微网格', address: '锦华路 8 号', building: '3', unit: '2', room: '501', lng: null, lat: null, version: 1 }, people: [p] },
  organizations: [{ id: 1, placeId: 3, gridPath: '', name: '老王便利店', kind: 'shop', version: 1 }],
  risks: [{ id: 2, placeId: 3, householdId: 5, gridPath: '', kind: 'gas', state: 'rectifying', note: '软管老化', version: 1, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', resolvedAt: null }],
  visits: [{ id: 9, personId: 11, personName: '王秀英', householdId: 5, scheduleId: null, visitorUserId: 2, visitedAt: '2026-11-20T02:00:00.000Z', notes: '身体不错', photos: ['abcdefgh12'], eventId: 31 }],
  events: [{ id: 31, title: '楼道灯坏了', state: 'dispatched', at: '2026-11-20T02:00:00.000Z' }],
  campaignAnswers: [{ id: 4, campaign: '三询问一完善', at: '2026-11-10T02:00:00.000Z', summary: '常住 1 人' }],
  timeline: [{ at: '2026-11-20T02:00:00.000Z', kind: 'visit', title: '走访：身体不错', refId: 9 }]
})

function typeInto(el: Element, value: string) {
  // (the Taro host element before its inner <input> renders rejects a value set on it; the event carries it)
  const input = el.querySelector('input, textarea')
  act(() => {
    if (input) (input as HTMLInputElement).value = value
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

let navigateTo: jest.SpyInstance
let navigateBack: jest.SpyInstance
beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  localStorage.clear()
  myGrid.set(null)
  mockParams = {}
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  navigateBack = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' } as never)
})
afterEach(() => jest.restoreAllMocks())

describe('household file (一户一档)', () => {
  it('shows every part of the file, with numbers masked until 查看完整信息, which asks ?reveal and says it is logged', async () => {
    mockParams = { id: '5' }
    m.householdFile.mockResolvedValue(file())
    m.person.mockResolvedValue(person({ phone: '13800138000', idNumber: '51010419410101002X', revealed: true }))
    render(<Household />)
    expect(await screen.findByText('王秀英（户主）')).toBeTruthy()
    expect(m.householdFile).toHaveBeenCalledWith(5)
    expect(screen.getByTestId('person-phone').textContent).toContain('138****8000')
    expect(screen.queryByText(/13800138000/)).toBeNull()
    expect(screen.getByTestId('reveal-note').textContent).toContain('会被记录')
    // place, organization, risk with its state, visit, event, campaign answer, timeline
    expect(screen.getByText('3 栋 2 单元 501 室')).toBeTruthy()
    expect(screen.getByText('老王便利店')).toBeTruthy()
    expect(screen.getByText('燃气安全')).toBeTruthy()
    expect(screen.getByText('整改中')).toBeTruthy()
    expect(screen.getByText('身体不错')).toBeTruthy()
    expect(screen.getByText('三询问一完善')).toBeTruthy()
    expect(screen.getByText('走访：身体不错')).toBeTruthy()
    fireEvent.click(screen.getByText('楼道灯坏了'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/event/index?id=31' })

    fireEvent.click(screen.getByTestId('reveal'))
    await waitFor(() => expect(screen.getByTestId('person-phone').textContent).toContain('13800138000'))
    expect(m.person).toHaveBeenCalledWith(11, true)
    expect(screen.getByTestId('person-id').textContent).toContain('51010419410101002X')
    expect(screen.getByTestId('revealed').textContent).toContain('已记录')
    expect(screen.queryByTestId('reveal')).toBeNull()
  })

  it('a refused reveal (403) says who may see full numbers and keeps them masked', async () => {
    mockParams = { id: '5' }
    m.householdFile.mockResolvedValue(file())
    m.person.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'your role may not see full ID and phone numbers' }))
    render(<Household />)
    fireEvent.click(await screen.findByTestId('reveal'))
    expect((await screen.findByTestId('reveal-error')).textContent).toBe('只有网格员、社区及以上管理员可以查看完整电话和身份证号')
    expect(screen.getByTestId('person-phone').textContent).toContain('138****8000')
  })

  it('offers no reveal to a role that may not (micro-grid member), and shows a load error with retry', async () => {
    mockParams = { id: '5' }
    m.householdFile.mockResolvedValueOnce(file(person({ canReveal: false })))
    const { unmount } = render(<Household />)
    await screen.findByText('王秀英（户主）')
    expect(screen.queryByTestId('reveal')).toBeNull()
    expect(screen.queryByTestId('reveal-note')).toBeNull()
    unmount()
    m.householdFile.mockRejectedValueOnce(new ApiError(404, { code: 'NOT_FOUND', message: 'no' }))
    render(<Household />)
    expect(await screen.findByTestId('error')).toBeTruthy()
  })

  it('记录走访 opens the visit form for that person', async () => {
    mockParams = { id: '5' }
    m.householdFile.mockResolvedValue(file())
    render(<Household />)
    fireEvent.click(await screen.findByTestId('person-visit'))
    expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/worker/pages/visit/index?personId=11&name=${encodeURIComponent('王秀英')}&householdId=5` })
  })
})

describe('people search', () => {
  it('checks the phone before asking, searches by phone or tag, and a hit opens the household', async () => {
    m.searchPeople.mockResolvedValue({ items: [person()], nextCursor: null })
    render(<People />)
    fireEvent.click(screen.getByTestId('search'))
    expect(screen.getByTestId('search-error').textContent).toBe('请输入姓名')
    fireEvent.click(screen.getByTestId('mode-phone'))
    typeInto(screen.getByTestId('search-input'), '12')
    fireEvent.click(screen.getByTestId('search'))
    expect(screen.getByTestId('search-error').textContent).toBe('请输入正确的电话号码')
    expect(m.searchPeople).not.toHaveBeenCalled()
    typeInto(screen.getByTestId('search-input'), '13800138000')
    fireEvent.click(screen.getByTestId('search'))
    await waitFor(() => expect(m.searchPeople).toHaveBeenCalledWith({ phone: '13800138000' }, undefined))
    fireEvent.click(await screen.findByTestId('result'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/household/index?id=5' })
    fireEvent.click(screen.getByTestId('mode-tag'))
    fireEvent.click(screen.getByText('孕产妇'))
    fireEvent.click(screen.getByTestId('search'))
    await waitFor(() => expect(m.searchPeople).toHaveBeenLastCalledWith({ tag: '孕产妇' }, undefined))
  })

  it('says when nothing matches', async () => {
    m.searchPeople.mockResolvedValue({ items: [], nextCursor: null })
    render(<People />)
    typeInto(screen.getByTestId('search-input'), '张')
    fireEvent.click(screen.getByTestId('search'))
    expect(await screen.findByText('暂无数据')).toBeTruthy()
    expect(m.searchPeople).toHaveBeenCalledWith({ name: '张' }, undefined)
  })
})

describe('care', () => {
  const schedule = { id: 21, personId: 11, personName: '王秀英', householdId: 5, gridPath: '', tag: '独居老人', intervalDays: 7, nextDueAt: '2026-11-20T00:00:00.000Z', lastVisitAt: null, overdueDays: 7, active: true }
  it('lists overdue visits; a micro-grid chip filters them; 记录走访 carries the schedule', async () => {
    m.careOverdueByGrid.mockResolvedValue([{ gridCode: MICRO, gridName: '一号微网格', overdue: 1 }, { gridCode: '510104001001001002', gridName: '二号微网格', overdue: 0 }])
    m.careSchedules.mockResolvedValue({ items: [schedule], nextCursor: null })
    render(<Care />)
    expect(await screen.findByText('超期 7 天')).toBeTruthy()
    expect(m.careSchedules).toHaveBeenCalledWith({ overdue: true, node: undefined }, undefined)
    expect(screen.getAllByTestId('care-grid')).toHaveLength(1) // grids with nothing overdue are left out
    fireEvent.click(screen.getByText('一号微网格 1'))
    await waitFor(() => expect(m.careSchedules).toHaveBeenLastCalledWith({ overdue: true, node: MICRO }, undefined))
    fireEvent.click(await screen.findByTestId('care-visit'))
    expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/worker/pages/visit/index?personId=11&name=${encodeURIComponent('王秀英')}&householdId=5&scheduleId=21` })
  })

  it('nothing overdue is said plainly', async () => {
    m.careOverdueByGrid.mockResolvedValue([])
    m.careSchedules.mockResolvedValue({ items: [], nextCursor: null })
    render(<Care />)
    expect(await screen.findByTestId('care-empty')).toBeTruthy()
  })
})

describe('visit form', () => {
  it('needs notes, then sends person, schedule, notes and the event raised through the report flow', async () => {
    mockParams = { personId: '11', scheduleId: '21', name: encodeURIComponent('王秀英') }
    saveValue(KEYS.raisedEvent, 42)
    m.recordVisit.mockResolvedValue({ id: 1 })
    render(<Visit />)
    expect(screen.getByTestId('visit-title').textContent).toBe('走访 王秀英')
    expect((await screen.findByTestId('visit-event')).textContent).toContain('已关联事件 #42')
    fireEvent.click(screen.getByTestId('visit-submit'))
    expect(screen.getByTestId('err-notes').textContent).toBe('请填写走访情况')
    expect(m.recordVisit).not.toHaveBeenCalled()
    typeInto(screen.getByTestId('visit-notes'), '  老人身体不错，燃气软管已更换  ')
    fireEvent.click(screen.getByTestId('visit-submit'))
    await waitFor(() => expect(m.recordVisit).toHaveBeenCalledWith({ personId: 11, scheduleId: 21, notes: '老人身体不错，燃气软管已更换', eventId: 42 }))
    await waitFor(() => expect(navigateBack).toHaveBeenCalled())
  })

  it('发起事件 opens the report page in visit mode; the server refusing the event shows beside it and keeps the notes', async () => {
    mockParams = { personId: '11' }
    render(<Visit />)
    fireEvent.click(screen.getByTestId('visit-raise'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/report/index?for=visit' })
    m.recordVisit.mockRejectedValue(new ApiError(422, { code: 'VALIDATION_FAILED', message: 'bad', details: { fields: { notes: 'notes must be shorter than or equal to 2000 characters', eventId: 'event 42 is outside your area' } } }))
    typeInto(screen.getByTestId('visit-notes'), '走访')
    fireEvent.click(screen.getByTestId('visit-submit'))
    // The server's English details become the worker's Chinese, beside each field.
    expect((await screen.findByTestId('err-notes')).textContent).toBe('走访情况不能超过 2000 个字')
    expect(screen.getByTestId('err-eventId').textContent).toBe('关联的事件不存在或您无权查看，请取消关联后重试')
    expect(m.recordVisit).toHaveBeenCalledWith({ personId: 11, notes: '走访' })
    expect(screen.getByTestId('visit-error')).toBeTruthy()
    expect(navigateBack).not.toHaveBeenCalled()
  })
})

describe('raising an event from a visit', () => {
  it('the report page in visit mode goes back with the new event id, and the visit form links it', async () => {
    mockParams = { for: 'visit' }
    const redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as never)
    m.categories.mockResolvedValue([{ code: 'road', name: '道路设施', icon: '', sort: 1 }])
    m.gridRoots.mockResolvedValue({ items: [{ code: MICRO, name: '一号微网格', level: 'micro', childCount: 0 }], nextCursor: null })
    m.createEvent.mockResolvedValue({ id: 88, state: 'reported', version: 1, microGrid: { code: MICRO, name: '一号微网格' }, replayed: false, needsGridConfirm: false, held: false })
    const report = render(<Report />)
    fireEvent.click(await screen.findByText('道路设施'))
    fireEvent.click(screen.getByTestId('choose-grid'))
    fireEvent.click(await screen.findByText('一号微网格'))
    typeInto(screen.getByTestId('description'), '老人家门口燃气管道漏气')
    fireEvent.click(screen.getByTestId('submit'))
    await waitFor(() => expect(navigateBack).toHaveBeenCalled())
    expect(redirectTo).not.toHaveBeenCalled()
    report.unmount()
    mockParams = { personId: '11' }
    render(<Visit />)
    expect((await screen.findByTestId('visit-event')).textContent).toContain('#88')
  })
})

const vol = (over: Partial<VolunteerDto> = {}): VolunteerDto => ({ id: 3, userId: 8, kind: 'volunteer', gridCode: MICRO, gridName: '一号微网格', displayName: '李医生', skills: ['医护'], availability: '周末', partyOrg: '', status: 'active', registeredAt: '2026-11-01T00:00:00.000Z', serviceMinutes: 90, tasksDone: 1, ...over })

describe('volunteers (grid worker)', () => {
  it('filters by skill and assigns a task for an event; a missing title is named beside the field', async () => {
    m.volunteers.mockResolvedValue({ items: [vol()], nextCursor: null })
    m.assignVolunteerTask.mockResolvedValue({ id: 1 })
    render(<Volunteers />)
    expect(await screen.findByText('李医生')).toBeTruthy()
    expect(screen.getByText('服务 1.5 小时 · 完成任务 1 个')).toBeTruthy()
    typeInto(screen.getByTestId('skill-input'), '医护')
    fireEvent.click(screen.getByTestId('skill-filter'))
    await waitFor(() => expect(m.volunteers).toHaveBeenLastCalledWith({ kind: undefined, skill: '医护' }, undefined))
    fireEvent.click(await screen.findByTestId('assign'))
    fireEvent.click(screen.getByTestId('task-send'))
    expect(screen.getByTestId('err-title').textContent).toBe('请填写任务内容')
    typeInto(screen.getByTestId('task-title'), '陪王奶奶去医院复查')
    typeInto(screen.getByTestId('task-event'), '31')
    fireEvent.click(screen.getByTestId('task-send'))
    await waitFor(() => expect(m.assignVolunteerTask).toHaveBeenCalledWith(3, { title: '陪王奶奶去医院复查', eventId: 31 }))
  })

  it('an event the server refuses is named beside the field in Chinese, and the form keeps what was typed', async () => {
    m.volunteers.mockResolvedValue({ items: [vol()], nextCursor: null })
    m.assignVolunteerTask.mockRejectedValue(new ApiError(422, { code: 'VALIDATION_FAILED', message: 'invalid task', details: { fields: { eventId: 'event 999 is outside your area' } } }))
    render(<Volunteers />)
    fireEvent.click(await screen.findByTestId('assign'))
    typeInto(screen.getByTestId('task-title'), '陪王奶奶去医院复查')
    typeInto(screen.getByTestId('task-event'), '999')
    fireEvent.click(screen.getByTestId('task-send'))
    expect((await screen.findByTestId('err-eventId')).textContent).toBe('没有这个事件，或它不在您的管辖范围内')
    expect(screen.getByTestId('assign-error').textContent).toBe('提交的内容有误，请检查后重试')
    expect((screen.getByTestId('task-title') as HTMLInputElement).value).toBe('陪王奶奶去医院复查')
  })

  it('a refused list says why', async () => {
    m.volunteers.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'no' }))
    render(<Volunteers />)
    expect((await screen.findByTestId('error')).textContent).toBe('没有权限执行此操作')
  })
})

describe('volunteer (resident, 双报到)', () => {
  it('registers to my micro-grid with skills, then offers only the other kind', async () => {
    setMyGrid({ code: MICRO, name: '一号微网格', path: [] })
    m.myVolunteer.mockResolvedValueOnce([]).mockResolvedValueOnce([vol({ displayName: '张三', skills: ['维修', '法律'] })])
    m.myVolunteerTasks.mockResolvedValue({ items: [], nextCursor: null })
    m.registerVolunteer.mockResolvedValue(vol())
    render(<Volunteer />)
    expect(await screen.findByText('暂时没有任务')).toBeTruthy()
    fireEvent.click(await screen.findByTestId('vol-submit'))
    expect(screen.getByTestId('err-displayName').textContent).toBe('请填写姓名')
    typeInto(screen.getByTestId('vol-name'), '张三')
    typeInto(screen.getByTestId('vol-skills'), '维修，法律')
    fireEvent.click(screen.getByTestId('vol-submit'))
    await waitFor(() => expect(m.registerVolunteer).toHaveBeenCalledWith({ kind: 'volunteer', gridCode: MICRO, displayName: '张三', skills: ['维修', '法律'] }))
    expect(await screen.findByTestId('my-volunteer')).toBeTruthy()
    expect(screen.queryByTestId('kind-volunteer')).toBeNull()
    expect(screen.getByTestId('kind-party_member')).toBeTruthy()
  })

  it('asks for the micro-grid when none is known', async () => {
    m.myVolunteer.mockResolvedValue([])
    m.myVolunteerTasks.mockResolvedValue({ items: [], nextCursor: null })
    render(<Volunteer />)
    typeInto(await screen.findByTestId('vol-name'), '张三')
    fireEvent.click(screen.getByTestId('vol-submit'))
    expect(screen.getByTestId('err-gridCode').textContent).toBe('请选择您居住的微网格')
    expect(m.registerVolunteer).not.toHaveBeenCalled()
  })

  it('a micro-grid the server refuses (not a micro-grid) is said in Chinese beside the choice', async () => {
    setMyGrid({ code: MICRO, name: '一号微网格', path: [] })
    m.myVolunteer.mockResolvedValue([])
    m.myVolunteerTasks.mockResolvedValue({ items: [], nextCursor: null })
    m.registerVolunteer.mockRejectedValue(new ApiError(422, { code: 'VALIDATION_FAILED', message: 'register to the micro-grid where you live', details: { fields: { gridCode: '510104001001001 is a grid' } } }))
    render(<Volunteer />)
    typeInto(await screen.findByTestId('vol-name'), '张三')
    fireEvent.click(screen.getByTestId('vol-submit'))
    expect((await screen.findByTestId('err-gridCode')).textContent).toBe('请选择您居住的微网格')
  })

  it('marks a task done with minutes, checked before sending', async () => {
    m.myVolunteer.mockResolvedValue([vol()])
    m.myVolunteerTasks.mockResolvedValue({ items: [{ id: 7, volunteerId: 3, title: '陪王奶奶去医院复查', eventId: 31, state: 'assigned', minutes: 0, note: '', assignedBy: 2, assignedAt: '2026-11-27T00:00:00.000Z', doneAt: null }], nextCursor: null })
    m.completeVolunteerTask.mockResolvedValue({ id: 7 })
    render(<Volunteer />)
    expect(await screen.findByText('陪王奶奶去医院复查')).toBeTruthy()
    typeInto(screen.getByTestId('task-minutes'), '0')
    fireEvent.click(screen.getByTestId('task-done'))
    expect(screen.getByTestId('err-minutes').textContent).toBe('请填写 1–1440 分钟')
    typeInto(screen.getByTestId('task-minutes'), '90')
    fireEvent.click(screen.getByTestId('task-done'))
    await waitFor(() => expect(m.completeVolunteerTask).toHaveBeenCalledWith(7, { minutes: 90 }))
  })
})
