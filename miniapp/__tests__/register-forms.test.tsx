import { render, screen, waitFor, fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HouseholdEdit from '../src/packages/worker/pages/household-edit/index'
import PersonEdit from '../src/packages/worker/pages/person-edit/index'
import OrgNew from '../src/packages/worker/pages/org-new/index'
import RiskNew from '../src/packages/worker/pages/risk-new/index'
import Household from '../src/packages/worker/pages/household/index'
import MyHousehold from '../src/packages/worker/pages/my-household/index'
import Claims from '../src/packages/worker/pages/claims/index'
import Mine from '../src/pages/mine/index'
import { api, ApiError } from '../src/services/api'
import { field, typeInto } from './support/fields'
import { session } from '../src/services/session'
import type { ClaimDto, GrantDto, HouseholdFileDto, MyClaimDto, PersonDto, ResidentHouseholdDto, ResidentPersonDto } from '../src/services/contracts'

jest.mock('../src/services/api', () => {
  const actual = jest.requireActual('../src/services/api')
  const names = ['places', 'createPlace', 'createHousehold', 'updateHousehold', 'householdFile', 'person', 'addPerson', 'updatePerson', 'deletePerson', 'createOrganization', 'updateOrganization', 'deleteOrganization', 'updatePlace', 'createRisk', 'updateRisk', 'myHouseholds', 'claimHousehold', 'myClaims', 'claims', 'confirmClaim', 'rejectClaim', 'correctMine', 'gridChildren', 'gridRoots', 'searchGrids']
  return { ...actual, api: Object.fromEntries(names.map((n) => [n, jest.fn()])) }
})
let mockParams: Record<string, string> = {}
jest.mock('../src/hooks/useParams', () => ({ useParams: () => mockParams }))
const m = api as unknown as Record<string, jest.Mock>

const MICRO = '510104001001001001'
const GRID = '510104001001001'
const grant = (over: Partial<GrantDto> = {}): GrantDto => ({ id: 1, role: 'grid_worker', nodeCode: MICRO, nodeName: '锦华苑一号微网格', nodeLevel: 'micro', departmentId: null, createdAt: '2026-11-01T00:00:00.000Z', ...over })
const asWorker = (roles: GrantDto[]) => session.set({ accessToken: 'a.b.c', refreshToken: 'r', user: { id: 7, name: '网格员', phoneMasked: null, roles } })
const place = { id: 3, gridCode: MICRO, gridName: '锦华苑一号微网格', address: '锦华路 8 号', building: '3', unit: '2', room: '501', lng: null, lat: null, version: 1764000000 }
const person = (over: Partial<PersonDto> = {}): PersonDto => ({ id: 11, householdId: 5, gridPath: `/510104/${MICRO}/`, name: '王秀英', relation: '户主', phone: '138****8000', idNumber: '1101**********002X', revealed: false, birthYear: 1941, gender: 'female', tags: ['独居老人'], version: 2, ...over })
const file = (people: PersonDto[] = [person()]): HouseholdFileDto => ({
  household: { id: 5, code: 'H-001', note: '', version: 4, place, people },
  organizations: [],
  risks: [{ id: 2, placeId: 3, householdId: 5, gridPath: '', kind: 'gas', state: 'open', note: '软管老化', version: 6, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', resolvedAt: null }],
  visits: [],
  events: [],
  campaignAnswers: [],
  timeline: []
})
const invalid = (fields: Record<string, string>) => new ApiError(422, { code: 'VALIDATION_FAILED', message: 'invalid', details: { fields } })
// a valid 18-character ID number (GB 11643 checksum) born 1941, and the same with a wrong check character
const ID = '11010519410101012X'
const ID_BAD = '110105194101010121'


let navigateTo: jest.SpyInstance
let redirectTo: jest.SpyInstance
let navigateBack: jest.SpyInstance
beforeEach(() => {
  Object.values(m).forEach((f) => f.mockReset())
  localStorage.clear()
  mockParams = {}
  asWorker([grant()])
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as never)
  navigateBack = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'ok' } as never)
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([] as never)
})
afterEach(() => jest.restoreAllMocks())

describe('登记新户 (place + household)', () => {
  it('preselects my only micro-grid, checks the address, shows the server’s 422 beside the field in Chinese, then opens the new household file', async () => {
    m.places.mockResolvedValue({ items: [], nextCursor: null })
    m.createPlace.mockRejectedValueOnce(invalid({ building: 'building must be shorter than or equal to 20 characters' })).mockResolvedValueOnce(place)
    m.createHousehold.mockResolvedValue({ id: 5 })
    render(<HouseholdEdit />)
    expect((await screen.findByTestId('chosen-grid')).textContent).toBe('锦华苑一号微网格')
    await waitFor(() => expect(m.places).toHaveBeenCalledWith(MICRO, undefined))
    fireEvent.click(screen.getByTestId('save'))
    expect(screen.getByTestId('err-address').textContent).toBe('请填写地址（1–200 个字）')
    expect(m.createPlace).not.toHaveBeenCalled()

    typeInto(field('address'), ' 锦华路 8 号 ')
    typeInto(field('building'), '3')
    typeInto(field('room'), '501')
    typeInto(field('code'), 'H-001')
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('err-building')).textContent).toBe('楼栋不能超过 20 个字')
    expect(screen.getByTestId('form-error').textContent).toBe('提交的内容有误，请检查后重试')
    expect(m.createPlace).toHaveBeenLastCalledWith({ gridCode: MICRO, address: '锦华路 8 号', building: '3', room: '501' })
    expect(m.createHousehold).not.toHaveBeenCalled()

    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(m.createHousehold).toHaveBeenCalledWith({ placeId: 3, code: 'H-001' }))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/household/index?id=5' }))
  })

  it('an address already registered says to pick it from the list; picking it adds the household there', async () => {
    m.places.mockResolvedValue({ items: [place], nextCursor: null })
    m.createPlace.mockRejectedValue(new ApiError(409, { code: 'DUPLICATE', message: 'this address is already registered in the micro-grid' }))
    m.createHousehold.mockResolvedValue({ id: 6 })
    render(<HouseholdEdit />)
    typeInto(field('address'), '锦华路 8 号')
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('err-address')).textContent).toBe('这个地址在本微网格已登记，请在上面已登记的地址中点选')
    fireEvent.click(await screen.findByText('锦华路 8 号 3 栋 2 单元 501 室'))
    expect(screen.getByTestId('chosen-place').textContent).toContain('锦华路 8 号')
    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(m.createHousehold).toHaveBeenCalledWith({ placeId: 3 }))
    expect(m.createPlace).toHaveBeenCalledTimes(1)
  })

  it('a worker of a whole grid chooses the micro-grid inside it; a micro-grid outside the scope (403) is said beside the choice', async () => {
    asWorker([grant({ nodeCode: GRID, nodeName: '锦华网格', nodeLevel: 'grid' })])
    m.gridChildren.mockResolvedValue({ items: [{ code: MICRO, name: '锦华苑一号微网格', level: 'micro', childCount: 0 }], nextCursor: null })
    m.places.mockResolvedValue({ items: [], nextCursor: null })
    m.createPlace.mockRejectedValue(new ApiError(403, { code: 'FORBIDDEN', message: 'not allowed: register.write' }))
    render(<HouseholdEdit />)
    fireEvent.click(screen.getByTestId('save'))
    expect(screen.getByTestId('err-gridCode').textContent).toBe('请选择所在微网格')
    fireEvent.click(screen.getByText('锦华网格 ›'))
    await waitFor(() => expect(m.gridChildren).toHaveBeenCalledWith(GRID, undefined))
    fireEvent.click(await screen.findByText('锦华苑一号微网格'))
    expect(screen.getByTestId('chosen-grid').textContent).toBe('锦华苑一号微网格')
    typeInto(field('address'), '锦华路 9 号')
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('err-gridCode')).textContent).toBe('您不负责这个微网格，请选择您负责的微网格')
  })

  it('edits the household number and note with the version it read', async () => {
    mockParams = { id: '5' }
    m.householdFile.mockResolvedValue(file())
    m.updateHousehold.mockResolvedValue({ id: 5 })
    render(<HouseholdEdit />)
    expect((await screen.findByTestId('place-shared')).textContent).toContain('锦华路 8 号 3 栋 2 单元 501 室')
    typeInto(field('note'), '常年出租')
    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(m.updateHousehold).toHaveBeenCalledWith(5, { version: 4, code: 'H-001', note: '常年出租' }))
    await waitFor(() => expect(navigateBack).toHaveBeenCalled())
    expect(m.updatePlace).not.toHaveBeenCalled()
  })

  it('corrects the address with the place’s version: a taken address in Chinese beside it; a retry after the household failed does not send the place again', async () => {
    mockParams = { id: '5' }
    m.householdFile.mockResolvedValue(file())
    m.updatePlace
      .mockRejectedValueOnce(new ApiError(409, { code: 'DUPLICATE', message: 'taken', details: { fields: { address: 'already registered in the micro-grid' } } }))
      .mockResolvedValueOnce({ ...place, address: '锦华路 9 号', room: '', version: 1764000005 })
    m.updateHousehold.mockRejectedValueOnce(new ApiError(409, { code: 'CONFLICT', message: 'changed' })).mockResolvedValueOnce({ id: 5 })
    render(<HouseholdEdit />)
    await screen.findByTestId('place-shared')
    typeInto(field('address'), '')
    fireEvent.click(screen.getByTestId('save'))
    expect(screen.getByTestId('err-address').textContent).toBe('请填写地址（1–200 个字）')
    typeInto(field('address'), ' 锦华路 9 号 ')
    typeInto(field('room'), '')
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('err-address')).textContent).toBe('本微网格已有相同的地址（楼栋、单元、房号也相同），请核对')
    expect(m.updatePlace).toHaveBeenLastCalledWith(3, { version: 1764000000, address: '锦华路 9 号', room: '' })
    expect(m.updateHousehold).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('form-error')).textContent).toBe('数据已被他人修改，请刷新后重试')
    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(navigateBack).toHaveBeenCalled())
    expect(m.updatePlace).toHaveBeenCalledTimes(2)
    expect(m.updateHousehold).toHaveBeenCalledTimes(2)
  })
})

describe('editing and removing an organization', () => {
  const org = { id: 8, placeId: 3, gridPath: '', name: '老王便利店', kind: 'shop', contactName: '王老板', contactPhone: '13800138000', version: 1764000000 }

  it('the file offers 编辑 per organization; the form sends only changes with the version, a cleared contact as null; the server’s 422 in Chinese', async () => {
    mockParams = { id: '5' }
    m.householdFile.mockResolvedValue({ ...file(), organizations: [org] })
    render(<Household />)
    fireEvent.click(await screen.findByTestId('org-edit'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/packages/worker/pages/org-new/index?id=8&placeId=3&householdId=5&address=${encodeURIComponent('锦华路 8 号')}` })

    mockParams = { id: '8', placeId: '3', householdId: '5' }
    m.updateOrganization.mockRejectedValueOnce(invalid({ creditCode: 'creditCode must be an 18-character 统一社会信用代码' })).mockResolvedValueOnce({ ...org, version: 1764000001 })
    render(<OrgNew />)
    await screen.findByTestId('delete-org') // the organization is loaded into the form
    typeInto(field('orgName'), '老王超市')
    fireEvent.click(screen.getByTestId('orgKind-company'))
    typeInto(field('contactName'), '')
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('err-creditCode')).textContent).toBe('统一社会信用代码应为 18 位数字或大写字母')
    expect(m.updateOrganization).toHaveBeenLastCalledWith(8, { version: 1764000000, name: '老王超市', kind: 'company', contactName: null })
    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/household/index?id=5' }))
    expect(m.createOrganization).not.toHaveBeenCalled()
  })

  it('removes it after confirming; cancelling sends nothing', async () => {
    mockParams = { id: '8', placeId: '3', householdId: '5' }
    m.householdFile.mockResolvedValue({ ...file(), organizations: [org] })
    m.deleteOrganization.mockResolvedValue(undefined)
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never).mockResolvedValueOnce({ confirm: true, cancel: false } as never)
    render(<OrgNew />)
    fireEvent.click(await screen.findByTestId('delete-org'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(m.deleteOrganization).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('delete-org'))
    await waitFor(() => expect(m.deleteOrganization).toHaveBeenCalledWith(8))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/household/index?id=5' }))
  })
})

describe('person form (worker)', () => {
  it('checks the ID number’s checksum before sending, shows the server’s birth-year 422 in Chinese, then adds the person with tags', async () => {
    mockParams = { householdId: '5' }
    m.addPerson.mockRejectedValueOnce(invalid({ birthYear: 'does not match the ID number (1941)' })).mockResolvedValueOnce(person())
    render(<PersonEdit />)
    fireEvent.click(screen.getByTestId('save'))
    expect(screen.getByTestId('err-name').textContent).toBe('请填写姓名（1–50 个字）')
    expect(screen.getByTestId('err-relation').textContent).toBe('请选择与户主关系')
    typeInto(field('name'), '王秀英')
    fireEvent.click(screen.getByTestId('relation-户主'))
    typeInto(field('idNumber'), ID_BAD)
    typeInto(field('phone'), '12345')
    fireEvent.click(screen.getByTestId('save'))
    expect(screen.getByTestId('err-idNumber').textContent).toBe('身份证号校验位不对，请逐位核对')
    expect(screen.getByTestId('err-phone').textContent).toBe('请填写正确的手机号或带区号的座机号')
    expect(m.addPerson).not.toHaveBeenCalled()

    typeInto(field('idNumber'), ID.toLowerCase())
    typeInto(field('phone'), '138 0013 8000')
    fireEvent.click(screen.getByTestId('tag-独居老人'))
    fireEvent.click(screen.getByTestId('tag-低保'))
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('err-birthYear')).textContent).toBe('出生年份与身份证号不一致（身份证上是 1941 年）')
    expect(m.addPerson).toHaveBeenCalledWith(5, { name: '王秀英', relation: '户主', phone: '138 0013 8000', idNumber: ID, tags: ['独居老人', '低保'] })
    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/household/index?id=5' }))
  })

  it('edits: masked numbers are kept unless retyped; only changes are sent with the version; back to the file it came from', async () => {
    mockParams = { householdId: '5', id: '11' }
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{ route: 'packages/worker/pages/household/index' }, { route: 'packages/worker/pages/person-edit/index' }] as never)
    m.person.mockResolvedValue(person())
    m.updatePerson.mockRejectedValueOnce(new ApiError(409, { code: 'CONFLICT', message: 'changed' })).mockResolvedValueOnce(person())
    render(<PersonEdit />)
    expect((await screen.findByText('当前 138****8000，不修改请留空'))).toBeTruthy()
    expect(m.person).toHaveBeenCalledWith(11)
    typeInto(field('phone'), '13900139000')
    fireEvent.click(screen.getByTestId('tag-独居老人'))
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('form-error')).textContent).toBe('数据已被他人修改，请刷新后重试')
    expect(m.updatePerson).toHaveBeenCalledWith(11, { version: 2, phone: '13900139000', tags: [] })
    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(navigateBack).toHaveBeenCalled())
  })
})

describe('organizations and risk items', () => {
  it('an organization: kind required, the server’s credit-code 422 in Chinese, then saved', async () => {
    mockParams = { placeId: '3', householdId: '5', address: encodeURIComponent('锦华路 8 号') }
    m.createOrganization.mockRejectedValueOnce(invalid({ creditCode: 'creditCode must be an 18-character 统一社会信用代码' })).mockResolvedValueOnce({ id: 1 })
    render(<OrgNew />)
    expect(screen.getByText('地址：锦华路 8 号')).toBeTruthy()
    typeInto(field('orgName'), '老王便利店')
    fireEvent.click(screen.getByTestId('save'))
    expect(screen.getByTestId('err-orgKind').textContent).toBe('请选择类型')
    fireEvent.click(screen.getByTestId('orgKind-shop'))
    typeInto(field('contactName'), '王老板')
    fireEvent.click(screen.getByTestId('save'))
    expect((await screen.findByTestId('err-creditCode')).textContent).toBe('统一社会信用代码应为 18 位数字或大写字母')
    expect(m.createOrganization).toHaveBeenCalledWith({ placeId: 3, name: '老王便利店', kind: 'shop', contactName: '王老板' })
    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/household/index?id=5' }))
  })

  it('a risk item of the household with its state', async () => {
    mockParams = { placeId: '3', householdId: '5' }
    m.createRisk.mockResolvedValue({ id: 2 })
    render(<RiskNew />)
    fireEvent.click(screen.getByTestId('save'))
    expect(screen.getByTestId('err-riskKind').textContent).toBe('请选择隐患类型')
    fireEvent.click(screen.getByTestId('riskKind-ebike_charging'))
    fireEvent.click(screen.getByTestId('riskState-rectifying'))
    typeInto(field('riskNote'), '楼道充电')
    fireEvent.click(screen.getByTestId('save'))
    await waitFor(() => expect(m.createRisk).toHaveBeenCalledWith({ placeId: 3, kind: 'ebike_charging', state: 'rectifying', householdId: 5, note: '楼道充电' }))
  })

  it('the household file changes a risk’s state in place and offers every form', async () => {
    mockParams = { id: '5' }
    m.householdFile.mockResolvedValueOnce(file()).mockResolvedValueOnce({ ...file(), risks: [{ ...file().risks[0]!, state: 'rectifying', version: 7 }] })
    m.updateRisk.mockRejectedValueOnce(new ApiError(409, { code: 'CONFLICT', message: 'changed' })).mockResolvedValueOnce({ id: 2 })
    render(<Household />)
    expect((await screen.findByTestId('risk-state')).textContent).toBe('待整改')
    fireEvent.click(screen.getByTestId('risk-to-rectifying'))
    expect((await screen.findByTestId('risk-error')).textContent).toBe('数据已被他人修改，请刷新后重试')
    fireEvent.click(screen.getByTestId('risk-to-rectifying'))
    await waitFor(() => expect(screen.getByTestId('risk-state').textContent).toBe('整改中'))
    expect(m.updateRisk).toHaveBeenLastCalledWith(2, { version: 6, state: 'rectifying' })
    fireEvent.click(screen.getByTestId('add-person'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/worker/pages/person-edit/index?householdId=5' })
    fireEvent.click(screen.getByTestId('person-edit'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/worker/pages/person-edit/index?householdId=5&id=11' })
    const at = `placeId=3&householdId=5&address=${encodeURIComponent('锦华路 8 号')}`
    fireEvent.click(screen.getByTestId('add-org'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/packages/worker/pages/org-new/index?${at}` })
    fireEvent.click(screen.getByTestId('add-risk'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/packages/worker/pages/risk-new/index?${at}` })
    fireEvent.click(screen.getByTestId('new-household-here'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/packages/worker/pages/household-edit/index?${at}` })
  })
})

describe('我的家庭档案 (resident)', () => {
  const me = person({ id: 12, name: '李四', relation: '子女', phone: '13800138000', idNumber: ID, revealed: true, isMe: true, tags: [], birthYear: 1941 })
  const own = (p: PersonDto): ResidentPersonDto => ({ id: p.id, householdId: p.householdId, name: p.name, relation: p.relation, phone: p.phone, idNumber: p.idNumber, revealed: p.revealed, birthYear: p.birthYear, gender: p.gender, tags: p.tags, version: p.version ?? 1, isMe: !!p.isMe })
  const mineOf = (people: PersonDto[]): ResidentHouseholdDto => ({ household: { id: 5, code: 'H-001', place, people: people.map(own) } })
  const claimOf = (over: Partial<MyClaimDto> = {}): MyClaimDto => ({ id: 9, state: 'pending', method: 'worker', createdAt: '2026-11-02T00:00:00.000Z', decidedAt: null, reason: '', ...over })
  it('is reached from 我的; asks to claim with name and ID number: checked first, a mismatch says what to check, then the claim waits for the worker and nothing of the record shows', async () => {
    asWorker([])
    render(<Mine />)
    fireEvent.click(screen.getByTestId('go-my-household'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/worker/pages/my-household/index' })

    m.myHouseholds.mockResolvedValue([])
    m.myClaims.mockResolvedValueOnce([]).mockResolvedValue([claimOf()])
    m.claimHousehold.mockRejectedValueOnce(new ApiError(404, { code: 'NOT_FOUND', message: 'no match' })).mockResolvedValueOnce(claimOf())
    render(<MyHousehold />)
    typeInto(await screen.findByTestId('f-claim-name'), '李四')
    typeInto(field('claim-id'), ID_BAD)
    fireEvent.click(screen.getByTestId('claim-submit'))
    expect(screen.getByTestId('err-claim-id').textContent).toBe('身份证号校验位不对，请逐位核对')
    typeInto(field('claim-id'), ID)
    fireEvent.click(screen.getByTestId('claim-submit'))
    expect((await screen.findByTestId('claim-error')).textContent).toBe('没有找到与这个姓名和身份证号一致的登记，请核对，或联系所在网格的网格员')
    fireEvent.click(screen.getByTestId('claim-submit'))
    await waitFor(() => expect(m.claimHousehold).toHaveBeenLastCalledWith({ name: '李四', idNumber: ID }))
    expect((await screen.findByTestId('my-claim')).textContent).toContain('等待网格员核实确认')
    expect(screen.queryByTestId('my-person')).toBeNull()
    expect(screen.queryByTestId('claim')).toBeNull()
  })

  it('a record someone else claimed says who can help; a rejected claim shows why and the form again', async () => {
    m.myHouseholds.mockResolvedValue([])
    m.myClaims.mockResolvedValue([claimOf({ state: 'rejected', reason: '核实非本人' })])
    m.claimHousehold.mockRejectedValueOnce(new ApiError(409, { code: 'CLAIM_TAKEN', message: '已被认领' }))
    render(<MyHousehold />)
    expect((await screen.findByTestId('my-claim')).textContent).toContain('原因：核实非本人')
    typeInto(await screen.findByTestId('f-claim-name'), '李四')
    typeInto(field('claim-id'), ID)
    fireEvent.click(screen.getByTestId('claim-submit'))
    expect((await screen.findByTestId('claim-error')).textContent).toBe('该登记信息已被认领或正在等待确认，请联系所在网格的网格员')
  })

  it('once confirmed, shows the household: my numbers in full, my family’s masked', async () => {
    m.myHouseholds.mockResolvedValue([mineOf([person(), me])])
    m.myClaims.mockResolvedValue([claimOf({ state: 'confirmed', decidedAt: '2026-11-03T00:00:00.000Z' })])
    render(<MyHousehold />)
    const people = await screen.findAllByTestId('my-person')
    expect(people).toHaveLength(2)
    expect(people[1]!.textContent).toContain('13800138000')
    expect(people[1]!.textContent).toContain('本人')
    expect(people[0]!.textContent).toContain('138****8000')
    expect(screen.queryByTestId('claim')).toBeNull()
    expect(screen.queryByTestId('my-claim')).toBeNull()
  })

  it('corrects a family member: only the changed fields and the version; the server’s 422 beside the field in Chinese; no tags', async () => {
    m.myHouseholds.mockResolvedValue([mineOf([person(), me])])
    m.myClaims.mockResolvedValue([])
    m.correctMine.mockRejectedValueOnce(invalid({ phone: 'not a mobile or landline number' })).mockResolvedValueOnce(person())
    render(<MyHousehold />)
    fireEvent.click((await screen.findAllByTestId('my-correct'))[0]!)
    expect(screen.queryByTestId('tag-独居老人')).toBeNull()
    typeInto(field('name'), '王秀英 ')
    typeInto(field('phone'), '02812345678')
    typeInto(field('birthYear'), '1942')
    fireEvent.click(screen.getByTestId('my-save'))
    expect((await screen.findByTestId('err-phone')).textContent).toBe('请填写正确的手机号或带区号的座机号')
    expect(m.correctMine).toHaveBeenCalledWith(11, { version: 2, phone: '02812345678', birthYear: 1942 })
    fireEvent.click(screen.getByTestId('my-save'))
    await waitFor(() => expect(m.myHouseholds).toHaveBeenCalledTimes(2))
    expect(screen.queryByTestId('correction')).toBeNull()
  })
})

describe('居民认领申请 (worker)', () => {
  const claim = (over: Partial<ClaimDto> = {}): ClaimDto => ({
    id: 9, state: 'pending', method: 'worker', createdAt: '2026-11-02T01:02:00.000Z', decidedAt: null, reason: '',
    gridCode: MICRO, gridName: '锦华苑一号微网格', householdId: 5, address: '锦华路 8 号 3栋2单元501',
    person: { id: 11, name: '王秀英', relation: '户主', phone: '138****8000', idNumber: '1101**********002X' },
    claimant: { userId: 40, name: '小王', phoneMasked: '139****0000', phoneVerified: true }, decidedBy: null, ...over
  })
  it('lists pending claims (numbers masked, who asks); confirm asks first; reject sends the reason', async () => {
    m.claims.mockResolvedValue({ items: [claim(), claim({ id: 10, person: { id: 12, name: '李四', relation: '子女', phone: null, idNumber: null }, claimant: { userId: 41, name: null, phoneMasked: null, phoneVerified: false } })], nextCursor: null })
    m.confirmClaim.mockResolvedValue(claim({ state: 'confirmed' }))
    m.rejectClaim.mockResolvedValue(claim({ id: 10, state: 'rejected' }))
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true } as never).mockResolvedValueOnce({ confirm: true, cancel: false } as never)
    render(<Claims />)
    const cards = await screen.findAllByTestId('claim')
    expect(cards).toHaveLength(2)
    expect(cards[0]!.textContent).toContain('王秀英（户主）')
    expect(cards[0]!.textContent).toContain('138****8000')
    expect(cards[0]!.textContent).toContain('申请人：小王 · 139****0000（微信验证）')
    expect(cards[1]!.textContent).toContain('申请人：未填写姓名 · 未绑定手机号')
    fireEvent.click(screen.getAllByTestId('claim-confirm')[0]!)
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(m.confirmClaim).not.toHaveBeenCalled()
    fireEvent.click(screen.getAllByTestId('claim-confirm')[0]!)
    await waitFor(() => expect(m.confirmClaim).toHaveBeenCalledWith(9))
    fireEvent.click(screen.getAllByTestId('claim-reject')[1]!)
    typeInto(field('reason-10'), '核实非本人')
    fireEvent.click(screen.getByTestId('claim-reject-send'))
    await waitFor(() => expect(m.rejectClaim).toHaveBeenCalledWith(10, { reason: '核实非本人' }))
    await waitFor(() => expect(m.claims).toHaveBeenCalledTimes(3))
  })

  it('a claim someone else decided first says so', async () => {
    m.claims.mockResolvedValue({ items: [claim()], nextCursor: null })
    m.confirmClaim.mockRejectedValue(new ApiError(409, { code: 'INVALID_TRANSITION', message: '该认领申请已处理' }))
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false } as never)
    render(<Claims />)
    fireEvent.click(await screen.findByTestId('claim-confirm'))
    expect((await screen.findByTestId('claim-error')).textContent).toBe('当前状态下不能执行此操作')
  })
})
