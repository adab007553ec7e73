import Taro from '@tarojs/taro'
import { api, ApiError, setAuthToken, setReauthenticate, type OperationError } from '../src/services/api'
import { buildPath } from '../src/services/client'
import type { EventDetailDto, OutsideGridDetails } from '../src/services/contracts'

type Sent = { url: string; method: string; data: unknown; header: Record<string, string> }
let sent: Sent[] = []
let answers: Array<{ statusCode: number; data: unknown } | 'offline'> = []

beforeEach(() => {
  sent = []
  answers = []
  setAuthToken('t1')
  setReauthenticate(undefined)
  jest.spyOn(Taro, 'request').mockImplementation(((opts: Sent) => {
    sent.push({ url: opts.url, method: opts.method, data: opts.data, header: { ...opts.header } })
    const a = answers.shift() ?? { statusCode: 200, data: {} }
    return a === 'offline' ? Promise.reject(new Error('request:fail')) : Promise.resolve(a)
  }) as never)
})
afterEach(() => jest.restoreAllMocks())

const envelope = (code: string, details?: unknown) => ({ code, message: code.toLowerCase(), ...(details === undefined ? {} : { details }) })

describe('generated client over Taro.request', () => {
  it('fills path parameters (encoded) and the query, leaving out empty values', async () => {
    await api.gridChildren('5101/04 x', 'c2')
    await api.searchGrids('锦华', undefined)
    await api.campaignAnswers(7, { node: '510104', needsHelp: true }, undefined)
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /api/v1/grids/5101%2F04%20x/children?cursor=c2',
      `GET /api/v1/grids/search?q=${encodeURIComponent('锦华')}`,
      'GET /api/v1/campaigns/7/answers?node=510104&needsHelp=true'
    ])
    expect(sent[0]!.data).toBeUndefined()
    expect(sent[0]!.header.authorization).toBe('Bearer t1')
  })

  it('sends the event action named by the workflow table with its body, and returns the server’s event', async () => {
    const detail = { id: 3, state: 'accepted', version: 2 } as unknown as EventDetailDto
    answers.push({ statusCode: 200, data: detail })
    const got = await api.eventAction(3, 'verify', { version: 1, note: '属实' })
    expect(got).toEqual(detail)
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/v1/events/3/actions/verify', data: { version: 1, note: '属实' } })
  })

  it('sends {} as the body of a bodiless POST (Fastify refuses an empty JSON body) and no token on login', async () => {
    await api.readNotice(5)
    setAuthToken(undefined)
    answers.push({ statusCode: 200, data: { accessToken: 'a', refreshToken: 'r', user: {} } })
    await api.loginWechat('code-1')
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/v1/notices/5/read', data: {} })
    expect(sent[1]).toMatchObject({ method: 'POST', url: '/api/v1/auth/wechat', data: { code: 'code-1' } })
    expect(sent[1]!.header.authorization).toBeUndefined()
  })

  it('logs in again once on an expired token and repeats the request with the new one', async () => {
    answers.push({ statusCode: 401, data: envelope('TOKEN_EXPIRED') }, { statusCode: 200, data: { id: 1 } })
    setReauthenticate(async () => {
      setAuthToken('t2')
      return true
    })
    expect(await api.me()).toEqual({ id: 1 })
    expect(sent.map((s) => s.header.authorization)).toEqual(['Bearer t1', 'Bearer t2'])
  })

  it('does not retry login itself on 401 (auth: false)', async () => {
    const again = jest.fn(async () => true)
    setReauthenticate(again)
    answers.push({ statusCode: 401, data: envelope('WECHAT_CODE_INVALID') })
    await expect(api.loginWechat('bad')).rejects.toMatchObject({ status: 401, code: 'WECHAT_CODE_INVALID' })
    expect(again).not.toHaveBeenCalled()
    expect(sent).toHaveLength(1)
  })

  it('throws ApiError with the shared code, typed details and the Chinese message', async () => {
    const details: OutsideGridDetails = { distanceM: 120, toleranceM: 50, nearest: null }
    answers.push({ statusCode: 422, data: envelope('OUTSIDE_GRID', details) })
    const e = (await api.patrolCheckin({ requestId: 'r1', location: { lat: 30.6, lng: 104.0 } }).catch((x: unknown) => x)) as OperationError<'POST /patrols/checkins'>
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('OUTSIDE_GRID')
    expect(e.userMessage).toBe('当前位置不在您负责的网格内')
    expect(e.is('FORBIDDEN', 'NOT_FOUND')).toBe(false)
    if (!e.is('OUTSIDE_GRID')) throw new Error('expected OUTSIDE_GRID')
    expect(e.details?.distanceM).toBe(120)
  })

  it('maps a failed request to NETWORK and a body that is no envelope to INTERNAL', async () => {
    answers.push('offline', { statusCode: 502, data: '<html>bad gateway</html>' })
    const offline = (await api.overview().catch((x: unknown) => x)) as ApiError
    const proxy = (await api.overview().catch((x: unknown) => x)) as ApiError
    expect([offline.code, offline.isNetwork, offline.status]).toEqual(['NETWORK', true, 0])
    expect([proxy.code, proxy.isNetwork, proxy.status]).toEqual(['INTERNAL', false, 502])
  })

  it('reads a 422’s field messages', async () => {
    answers.push({ statusCode: 422, data: envelope('VALIDATION_FAILED', { fields: { 'location.lat': 'lat must not be greater than 90' } }) })
    const e = (await api.createEvent({ requestId: 'r', category: 'road', description: 'x', location: { lat: 91, lng: 104 } } as never).catch((x: unknown) => x)) as ApiError
    expect(e.fieldErrors).toEqual({ 'location.lat': 'lat must not be greater than 90' })
    expect(e.is('VALIDATION_FAILED') && e.details?.fields['location.lat']).toBe('lat must not be greater than 90')
  })
})

describe('buildPath', () => {
  it('refuses a template whose path parameter is missing rather than sending /undefined', () => {
    expect(() => buildPath('/events/{id}', { path: {} })).toThrow('missing path parameter id for /events/{id}')
  })
})

// Compile-time checks (the typecheck covers __tests__): each line must fail to compile.
export function typeChecks(): void {
  // @ts-expect-error an action that is not in the workflow table
  void api.eventAction(1, 'approve', { version: 1 })
  // @ts-expect-error an error code that is not in @weigrid/shared
  void new ApiError(400, undefined).is('NO_SUCH_CODE')
  const e = new ApiError(0, undefined) as OperationError<'GET /overview'>
  // @ts-expect-error CLAIM_TAKEN is not among the codes GET /overview may answer
  void e.is('CLAIM_TAKEN')
}
