import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CarePlan, { dueAt } from '../src/packages/worker/pages/care-plan/index'
import Household from '../src/packages/worker/pages/household/index'
import { api, ApiError } from '../src/services/api'
import { field, typeInto } from './support/fields'
import type { CareScheduleDto, HouseholdFileDto } from '../src/services/contracts'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  const names = ['careSchedules', 'createSchedule', 'updateSchedule', 'stopSchedule', 'householdFile', 'person']
  return { ...actual, api: Object.fromEntries(names.map((n) => [n, jest.fn()])) }
})
let mockParams: Record<string, string> = {}
jest.mock('../src/hooks/useParams', () => ({ useParams: () => mockParams }))
const m = api as unknown as Record<string, jest.Mock>

const schedule = (over: Partial<CareScheduleDto> = {}): CareScheduleDto => ({ id: 9, personId: 11, personName: '王秀英', householdId: 5, gridPath: '/510104/', tag: '独居老人', intervalDays: 7, nextDueAt: '2026-12-01T01:00:00.000Z', lastVisitAt: null, overdueDays: 0, active: true, ...over })
const page = (items: CareScheduleDto[]) => ({ items, nextCursor: null })
const invalid = (fields: Record<string, string>) => new ApiError(422, { code: 'VALIDATION_FAILED', message: 'invalid', details: { fields } })


let navigateTo: jest.SpyInstance
beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  mockParams = { personId: '11', name: encodeURIComponent('王秀英'), tags: encodeURIComponent('独居老人,低保') }
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
})
afterEach(() => jest.restoreAllMocks())

describe('走访计划', () => {
  it('a typed date is that day 09:00 in China; impossible dates are refused', () => {
    expect(dueAt('2026-12-01')).toBe('2026-12-01T01:00:00.000Z')
    expect(dueAt('2026-2-30')).toBeUndefined()
    expect(dueAt('12/01')).toBeUndefined()
  })

  it('creates a weekly schedule: checked first, the server’s 422 in Chinese beside the field, then listed', async () => {
    m.careSchedules.mockResolvedValueOnce(page([])).mockResolvedValueOnce(page([schedule({ overdueDays: 2, nextDueAt: '2026-11-25T01:00:00.000Z' })]))
    m.createSchedule.mockRejectedValueOnce(invalid({ tag: 'person does not have this tag' })).mockResolvedValueOnce(schedule())
    render(<CarePlan />)
    expect((await screen.findByTestId('plan-none')).textContent).toBe('还没有走访计划')
    expect(m.careSchedules).toHaveBeenCalledWith({ personId: 11 })
    typeInto(field('plan-interval'), '0')
    typeInto(field('plan-due'), '2026-13-01')
    fireEvent.click(screen.getByTestId('plan-save'))
    expect(screen.getByTestId('err-plan-tag').textContent).toBe('请选择重点人群（此人须有这个标签）')
    expect(screen.getByTestId('err-plan-interval').textContent).toBe('间隔天数应为 1–365 的整数')
    expect(screen.getByTestId('err-plan-due').textContent).toBe('请按 2026-12-01 的格式填写日期')
    expect(m.createSchedule).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('plan-tag-独居老人'))
    fireEvent.click(screen.getByTestId('plan-every-7'))
    typeInto(field('plan-due'), '2026-11-25')
    fireEvent.click(screen.getByTestId('plan-save'))
    expect((await screen.findByTestId('err-plan-tag')).textContent).toBe('请选择重点人群（此人须有这个标签）')
    expect(m.createSchedule).toHaveBeenLastCalledWith({ personId: 11, tag: '独居老人', intervalDays: 7, firstDueAt: '2026-11-25T01:00:00.000Z' })
    fireEvent.click(screen.getByTestId('plan-save'))
    const item = await screen.findByTestId('plan')
    expect(item.textContent).toContain('独居老人 · 每周')
    expect(item.textContent).toContain('超期 2 天')
    expect(screen.getByTestId('plan-next').textContent).toBe('下次走访：2026-11-25')
    // only the tag without a schedule is offered for a new one
    expect(screen.queryByTestId('plan-tag-独居老人')).toBeNull()
    expect(screen.getByTestId('plan-tag-低保')).toBeTruthy()
  })

  it('changes the interval and next due in place (only a moved date is sent); a stopped schedule’s 409 is said', async () => {
    m.careSchedules.mockResolvedValueOnce(page([schedule()])).mockResolvedValue(page([schedule({ intervalDays: 14 })]))
    m.updateSchedule.mockRejectedValueOnce(invalid({ nextDueAt: 'nextDueAt must be a valid ISO 8601 date string' })).mockRejectedValueOnce(new ApiError(409, { code: 'CONFLICT', message: 'stopped' })).mockResolvedValueOnce(schedule({ intervalDays: 14 }))
    render(<CarePlan />)
    fireEvent.click(await screen.findByTestId('plan-change'))
    typeInto(field('plan-edit-interval'), '14')
    fireEvent.click(screen.getByTestId('plan-edit-save'))
    expect((await screen.findByTestId('err-plan-edit-due')).textContent).toBe('请按 2026-12-01 的格式填写日期')
    expect(m.updateSchedule).toHaveBeenLastCalledWith(9, { intervalDays: 14 })
    typeInto(field('plan-edit-due'), '2026-12-03')
    fireEvent.click(screen.getByTestId('plan-edit-save'))
    expect((await screen.findByTestId('plan-edit-error')).textContent).toBe('数据已被他人修改，请刷新后重试')
    expect(m.updateSchedule).toHaveBeenLastCalledWith(9, { intervalDays: 14, nextDueAt: '2026-12-03T01:00:00.000Z' })
    fireEvent.click(screen.getByTestId('plan-edit-save'))
    await waitFor(() => expect(screen.getByTestId('plan').textContent).toContain('每两周'))
  })

  it('stops a schedule after confirming; cancelling sends nothing', async () => {
    m.careSchedules.mockResolvedValueOnce(page([schedule()])).mockResolvedValueOnce(page([]))
    m.stopSchedule.mockResolvedValue(schedule({ active: false }))
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never).mockResolvedValueOnce({ confirm: true, cancel: false } as never)
    render(<CarePlan />)
    fireEvent.click(await screen.findByTestId('plan-stop'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(m.stopSchedule).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('plan-stop'))
    await waitFor(() => expect(m.stopSchedule).toHaveBeenCalledWith(9))
    expect((await screen.findByTestId('plan-none')).textContent).toBe('还没有走访计划')
  })

  it('the household file offers 走访计划 for tagged people only', async () => {
    mockParams = { id: '5' }
    const base = { id: 11, householdId: 5, gridPath: '', relation: '户主', phone: null, idNumber: null, revealed: false, birthYear: 1941, gender: null, version: 1 }
    const f: HouseholdFileDto = {
      household: { id: 5, code: '', note: '', version: 1, place: { id: 3, gridCode: '1', gridName: '一号', address: '锦华路 8 号', building: '', unit: '', room: '', lng: null, lat: null, version: 1 }, people: [{ ...base, name: '王秀英', tags: ['独居老人'] }, { ...base, id: 12, name: '李强', relation: '子女', tags: [] }] },
      organizations: [], risks: [], visits: [], events: [], campaignAnswers: [], timeline: []
    }
    m.householdFile.mockResolvedValue(f)
    render(<Household />)
    const plans = await screen.findAllByTestId('person-plan')
    expect(plans).toHaveLength(1)
    fireEvent.click(plans[0]!)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/packages/worker/pages/care-plan/index?personId=11&name=${encodeURIComponent('王秀英')}&tags=${encodeURIComponent('独居老人')}` })
  })
})
