import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import Household from '../src/packages/worker/pages/household/index'
import { api, ApiError } from '../src/services/api'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  return { ...actual, api: { household: jest.fn(), person: jest.fn() } }
})

const household = api.household as jest.Mock
const person = api.person as jest.Mock

const file = (canReveal: boolean) => ({
  household: {
    id: 7,
    code: 'H1',
    note: '',
    version: 1,
    place: { id: 3, gridCode: '510104001001001001', gridName: '红星微网格', address: '红星路12号', building: '3栋', unit: '2单元', room: '501', lng: null, lat: null },
    people: [{ id: 11, householdId: 7, gridPath: 'x', name: '王小明', relation: '户主', phone: '138****8000', idNumber: '1101**********002X', revealed: false, birthYear: 1949, gender: 'female', tags: ['独居老人'], canReveal }]
  },
  organizations: [],
  risks: [{ id: 1, placeId: 3, householdId: 7, gridPath: 'x', kind: 'ebike_charging', state: 'open', note: '', version: 1, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', resolvedAt: null }],
  visits: [],
  events: [],
  campaignAnswers: [],
  timeline: [{ at: '2026-11-20T08:00:00.000Z', kind: 'visit', title: '走访 王小明', refId: 5 }]
})

describe('household file page (一户一档)', () => {
  beforeEach(() => {
    household.mockReset()
    person.mockReset()
  })

  it('shows people masked, risks and the timeline, and reveals for roles that may', async () => {
    household.mockResolvedValue(file(true))
    person.mockResolvedValue({ ...file(true).household.people[0], phone: '13800138000', idNumber: '11010519491231002X', revealed: true })
    render(<Household householdId={7} />)
    await waitFor(() => expect(screen.getByText('红星路12号 3栋 2单元 501')).toBeTruthy())
    expect(screen.getByText(/138\*\*\*\*8000/)).toBeTruthy()
    expect(screen.getByText('电动车违规充电 · 待整改')).toBeTruthy()
    expect(screen.getByText('2026-11-20 走访 王小明')).toBeTruthy()
    fireEvent.click(screen.getByText('显示完整信息'))
    await waitFor(() => expect(screen.getByText(/13800138000/)).toBeTruthy())
    expect(person).toHaveBeenCalledWith(11, true)
    expect(screen.queryByText('显示完整信息')).toBeNull()
  })

  it('offers no reveal to members, and shows the error code message when out of scope', async () => {
    household.mockResolvedValueOnce(file(false))
    const { unmount } = render(<Household householdId={7} />)
    await waitFor(() => expect(screen.getByText(/王小明（户主）/)).toBeTruthy())
    expect(screen.queryByText('显示完整信息')).toBeNull()
    unmount()
    household.mockRejectedValueOnce(new ApiError(404, { code: 'NOT_FOUND', message: 'not found' }))
    render(<Household householdId={8} />)
    await waitFor(() => expect(screen.getByText('内容不存在或无权查看')).toBeTruthy())
  })
})
