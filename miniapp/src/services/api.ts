import Taro from '@tarojs/taro'
import { isErrorEnvelope, userMessage, type ErrorEnvelope } from '@weigrid/shared'
import type {
  AuthTokensDto,
  CategoryDto,
  CreateEventRequest,
  CreateInviteRequest,
  InviteDto,
  NoticeDto,
  NoticeStatsDto,
  NoticeRecipientDto,
  CreateNoticeRequest,
  SubscribeTemplateDto,
  SubscriptionReportRequest,
  BindGroupRequest,
  GroupInfoRequest,
  GroupBindingDto,
  EventActionRequest,
  EventCreatedDto,
  EventDetailDto,
  EventListQuery,
  EventSummaryDto,
  GridNodeSummary,
  GridPathItem,
  Page,
  LocateResultDto,
  MeDto,
  NearbyEventDto,
  OverviewDto,
  UploadDto,
  CategoryAdminDto,
  CategoryInputRequest,
  SlaPolicyDto,
  WorkCalendarDto,
  ResponsibilityDto,
  ResponsibilityInputRequest,
  DepartmentDto,
  CampaignDto,
  CampaignAnswerDto,
  CampaignProgressDto,
  CampaignTemplate,
  CreateCampaignRequest,
  AnswerCampaignRequest,
  PatrolCheckinRequest,
  PatrolCheckinDto,
  PatrolTrackDto,
  PatrolCoverageDto,
  StatsDto,
  BulletinDto,
  HouseholdFileDto,
  HouseholdDto,
  PersonDto,
  PlaceDto,
  OrganizationDto,
  RiskDto,
  CreatePlaceRequest,
  CreateHouseholdRequest,
  UpdateHouseholdRequest,
  UpdatePlaceRequest,
  UpdateOrganizationRequest,
  PersonInput,
  UpdatePersonRequest,
  OrganizationInput,
  RiskInput,
  UpdateRiskRequest,
  CareScheduleDto,
  CreateCareScheduleRequest,
  UpdateCareScheduleRequest,
  CareVisitDto,
  CreateCareVisitRequest,
  OverdueByGridDto,
  VolunteerDto,
  VolunteerRegisterRequest,
  VolunteerTaskDto,
  AssignVolunteerTaskRequest,
  CompleteVolunteerTaskRequest
} from './contracts'

/** Base URL from TARO_APP_API_BASE at build time (see config/index.ts). */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '/api/v1'

/** Beside a field the server refused in words a user cannot read. */
export const FIELD_FALLBACK = '此项填写有误，请检查'

/** An API failure carrying the server's envelope; `userMessage` is what to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope | undefined
  ) {
    super(envelope?.message ?? `HTTP ${status}`)
  }

  get code(): string {
    return this.envelope?.code ?? (this.status === 0 ? 'NETWORK' : 'INTERNAL')
  }

  /** True when nothing reached the server: the same request may simply be sent again later. */
  get isNetwork(): boolean {
    return this.status === 0
  }

  get userMessage(): string {
    return this.status === 0 ? '网络不可用，请检查网络后重试' : userMessage(this.envelope)
  }

  /** Said beside a field whose server message is not Chinese: the code's own message, unless that is the generic one. */
  private get fieldFallback(): string {
    const code = this.envelope?.code
    return !code || code === 'VALIDATION_FAILED' ? FIELD_FALLBACK : this.userMessage
  }

  /** Per-field messages from a 422 (`details.fields`), to show beside the fields. */
  get fieldErrors(): Record<string, string> {
    const d = this.envelope?.details as { fields?: Record<string, unknown> } | undefined
    const out: Record<string, string> = {}
    if (d && d.fields && typeof d.fields === 'object') {
      for (const [k, v] of Object.entries(d.fields)) out[k] = Array.isArray(v) ? v.join('；') : String(v)
    }
    return out
  }

  /**
   * `fieldErrors` fit to show as they are: the server's validators speak English, so a message
   * without Chinese becomes the code's Chinese message (forms with their own per-field wording,
   * like the campaign and register forms, map `fieldErrors` themselves).
   */
  get shownFieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [k, text] of Object.entries(this.fieldErrors)) out[k] = /[\u4e00-\u9fff]/.test(text) ? text : this.fieldFallback
    return out
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

let authToken: string | undefined
export function setAuthToken(token: string | undefined): void {
  authToken = token
}
export function getAuthToken(): string | undefined {
  return authToken
}

/** Called once when a request fails with an expired or missing session; returns true if a new
 * token is in place (session.ts installs it: refresh, else log in again). */
let reauthenticate: (() => Promise<boolean>) | undefined
export function setReauthenticate(fn: (() => Promise<boolean>) | undefined): void {
  reauthenticate = fn
}

function authHeader(): Record<string, string> {
  return authToken ? { authorization: `Bearer ${authToken}` } : {}
}

function isAuthFailure(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401 && (e.code === 'TOKEN_EXPIRED' || e.code === 'UNAUTHENTICATED')
}

async function send<T>(method: Method, path: string, data?: unknown): Promise<T> {
  let res: Taro.request.SuccessCallbackResult<any>
  try {
    res = await Taro.request({
      url: API_BASE + path,
      method,
      // Fastify refuses an empty body sent as JSON: bodiless POSTs (accept, read, ack) send {}
      data: (data ?? (method === 'GET' || method === 'DELETE' ? undefined : {})) as Record<string, unknown> | undefined,
      header: { 'content-type': 'application/json', ...authHeader() },
      timeout: 15000
    })
  } catch {
    throw new ApiError(0, undefined)
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  let body = res.data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      /* not JSON */
    }
  }
  throw new ApiError(res.statusCode, isErrorEnvelope(body) ? body : undefined)
}

export async function request<T>(method: Method, path: string, data?: unknown, opts: { auth?: boolean } = {}): Promise<T> {
  try {
    return await send<T>(method, path, data)
  } catch (e) {
    if (opts.auth !== false && isAuthFailure(e) && reauthenticate && (await reauthenticate())) {
      return send<T>(method, path, data)
    }
    throw e
  }
}

/** Server paths such as `/api/v1/uploads/x/thumb` as a full URL (WeChat needs the host). */
export function assetUrl(path: string): string {
  if (!path.startsWith('/')) return path
  const m = /^(https?:\/\/[^/]+)/.exec(API_BASE)
  return m ? m[1] + path : path
}

function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** multipart upload of one local file (part `file`), reporting progress 0–100. */
export async function uploadFile(filePath: string, onProgress?: (percent: number) => void): Promise<UploadDto> {
  const attempt = () =>
    new Promise<UploadDto>((resolve, reject) => {
      const task = Taro.uploadFile({
        url: `${API_BASE}/uploads`,
        filePath,
        name: 'file',
        header: authHeader(),
        timeout: 60000,
        success(res) {
          let body: unknown = res.data
          try {
            body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data
          } catch {
            /* keep raw */
          }
          if (res.statusCode >= 200 && res.statusCode < 300) resolve(body as UploadDto)
          else reject(new ApiError(res.statusCode, isErrorEnvelope(body) ? body : undefined))
        },
        fail() {
          reject(new ApiError(0, undefined))
        }
      })
      // H5 returns a promise with .progress; weapp returns the UploadTask
      const t = task as unknown as { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void; progress?: (cb: (r: { progress: number }) => void) => void }
      const listen = t.onProgressUpdate ?? t.progress
      if (onProgress && listen) listen.call(task, (r) => onProgress(r.progress))
    })
  try {
    return await attempt()
  } catch (e) {
    if (isAuthFailure(e) && reauthenticate && (await reauthenticate())) return attempt()
    throw e
  }
}

/** One typed function per endpoint; response types come from @weigrid/shared, as the server's do. */
export const api = {
  overview: () => request<OverviewDto>('GET', '/overview'),
  categories: () => request<CategoryDto[]>('GET', '/categories'),

  loginWechat: (code: string) => request<AuthTokensDto>('POST', '/auth/wechat', { code }, { auth: false }),
  refresh: (refreshToken: string) => request<AuthTokensDto>('POST', '/auth/refresh', { refreshToken }, { auth: false }),
  me: () => request<MeDto>('GET', '/me'),
  // the name others see on notices and timelines (WeChat no longer hands one over)
  updateMe: (body: { name: string }) => request<MeDto>('PATCH', '/me', body),
  acceptInvite: (code: string) => request<MeDto>('POST', `/invites/${encodeURIComponent(code)}/accept`),
  createInvite: (body: CreateInviteRequest) => request<InviteDto>('POST', '/invites', body),

  gridRoots: (cursor?: string) => request<Page<GridNodeSummary>>('GET', `/grids${qs({ cursor })}`),
  gridChildren: (code: string, cursor?: string) => request<Page<GridNodeSummary>>('GET', `/grids/${encodeURIComponent(code)}/children${qs({ cursor })}`),
  searchGrids: (q: string, cursor?: string) => request<Page<GridNodeSummary & { path: GridPathItem[] }>>('GET', `/grids/search${qs({ q, cursor })}`),
  locate: (p: { lat: number; lng: number; crs?: 'gcj02' | 'wgs84' }) => request<LocateResultDto>('GET', `/grids/locate${qs({ lat: p.lat, lng: p.lng, crs: p.crs ?? 'gcj02' })}`),

  createEvent: (body: CreateEventRequest) => request<EventCreatedDto>('POST', '/events', body),
  nearbyEvents: (q: { category: string; lat: number; lng: number }) =>
    request<NearbyEventDto[]>('GET', `/events/nearby${qs({ category: q.category, lat: q.lat, lng: q.lng, crs: 'gcj02' })}`),
  supportEvent: (id: number) => request<unknown>('POST', `/events/${id}/supporters`),
  events: (q: EventListQuery) => request<Page<EventSummaryDto>>('GET', `/events${qs({ ...q })}`),
  event: (id: number) => request<EventDetailDto>('GET', `/events/${id}`),
  eventAction: (id: number, action: string, body: EventActionRequest) => request<EventDetailDto>('POST', `/events/${id}/actions/${action}`, body),
  upload: uploadFile,

  noticeInbox: (cursor?: string) => request<Page<NoticeDto>>('GET', `/notices/inbox${qs({ cursor })}`),
  noticesSent: (cursor?: string) => request<Page<NoticeDto>>('GET', `/notices/sent${qs({ cursor })}`),
  notice: (id: number) => request<NoticeDto>('GET', `/notices/${id}`),
  readNotice: (id: number) => request<NoticeDto>('POST', `/notices/${id}/read`),
  ackNotice: (id: number) => request<NoticeDto>('POST', `/notices/${id}/ack`),
  sendNotice: (body: CreateNoticeRequest) => request<NoticeDto>('POST', '/notices', body),
  noticeStats: (id: number) => request<NoticeStatsDto>('GET', `/notices/${id}/stats`),
  // who has not read (or, with unacked, not acknowledged) a notice I sent; and one reminder push to them
  noticePending: (id: number, q: { unacked?: boolean; cursor?: string } = {}) =>
    request<Page<NoticeRecipientDto>>('GET', `/notices/${id}/pending${qs({ unacked: q.unacked ? 'true' : undefined, cursor: q.cursor, limit: '50' })}`),
  remindNotice: (id: number) => request<{ unread: number; queued: boolean }>('POST', `/notices/${id}/remind`),
  subscriptions: () => request<SubscribeTemplateDto[]>('GET', '/subscriptions'),
  reportSubscriptions: (body: SubscriptionReportRequest) => request<SubscribeTemplateDto[]>('POST', '/subscriptions', body),
  // rules (district / city admins edit; the server checks)
  allCategories: () => request<CategoryAdminDto[]>('GET', '/categories/all'),
  putCategory: (code: string, body: CategoryInputRequest) => request<CategoryAdminDto>('PUT', `/categories/${encodeURIComponent(code)}`, body),
  slaPolicies: () => request<SlaPolicyDto[]>('GET', '/sla/policies'),
  putSlaPolicy: (body: SlaPolicyDto) => request<SlaPolicyDto[]>('PUT', '/sla/policies', body),
  workCalendar: () => request<WorkCalendarDto>('GET', '/sla/calendar'),
  putWorkCalendar: (body: WorkCalendarDto) => request<WorkCalendarDto>('PUT', '/sla/calendar', body),
  responsibilities: (node?: string) => request<ResponsibilityDto[]>('GET', `/responsibilities${qs({ node })}`),
  putResponsibility: (body: ResponsibilityInputRequest) => request<ResponsibilityDto>('PUT', '/responsibilities', body),
  deleteResponsibility: (id: number) => request<void>('DELETE', `/responsibilities/${id}`),
  bulletin: (node: string, month: string) => request<BulletinDto>('GET', `/stats/bulletin${qs({ node, month })}`),
  stats: (q: { node: string; from: string; to: string; interval?: 'day' | 'week' }) => request<StatsDto>('GET', `/stats${qs({ ...q })}`),
  departments: (nodeCode: string) => request<DepartmentDto[]>('GET', `/departments${qs({ nodeCode })}`),

  bindGroup: (body: BindGroupRequest) => request<GroupBindingDto>('POST', '/share/groups', body),
  resolveGroup: (body: GroupInfoRequest) => request<GroupBindingDto>('POST', '/share/groups/resolve', body),

  campaigns: (microGrid: string, cursor?: string) => request<Page<CampaignDto>>('GET', `/campaigns${qs({ microGrid, cursor })}`),
  campaign: (id: number) => request<CampaignDto>('GET', `/campaigns/${id}`),
  answerCampaign: (id: number, body: AnswerCampaignRequest) => request<CampaignAnswerDto>('PUT', `/campaigns/${id}/answers`, body),
  // campaigns as staff: those in or above a node, templates, progress and answers under a node
  campaignsIn: (node: string, cursor?: string) => request<Page<CampaignDto>>('GET', `/campaigns${qs({ node, cursor })}`),
  campaignTemplates: () => request<CampaignTemplate[]>('GET', '/campaigns/templates'),
  createCampaign: (body: CreateCampaignRequest) => request<CampaignDto>('POST', '/campaigns', body),
  campaignProgress: (id: number, node?: string) => request<CampaignProgressDto>('GET', `/campaigns/${id}/progress${qs({ node })}`),
  campaignAnswers: (id: number, q: { node?: string; needsHelp?: boolean }, cursor?: string) =>
    request<Page<CampaignAnswerDto>>('GET', `/campaigns/${id}/answers${qs({ ...q, cursor })}`),
  patrolCheckin: (body: PatrolCheckinRequest) => request<PatrolCheckinDto>('POST', '/patrols/checkins', body),
  patrolTrack: (q: { date: string; user?: number }) => request<PatrolTrackDto>('GET', `/patrols/tracks${qs(q)}`),
  patrolCoverage: (q: { node: string; from: string; to: string }) => request<PatrolCoverageDto>('GET', `/patrols/coverage${qs(q)}`),

  // household register (一户一档): people come masked; `reveal` asks for the full numbers (logged)
  householdFile: (id: number) => request<HouseholdFileDto>('GET', `/register/households/${id}`),
  searchPeople: (q: { name?: string; phone?: string; tag?: string; node?: string }, cursor?: string) =>
    request<Page<PersonDto>>('GET', `/register/people${qs({ ...q, cursor })}`),
  person: (id: number, reveal = false) => request<PersonDto>('GET', `/register/people/${id}${qs({ reveal: reveal || undefined })}`),
  places: (node: string, cursor?: string) => request<Page<PlaceDto>>('GET', `/register/places${qs({ node, cursor })}`),
  createPlace: (body: CreatePlaceRequest) => request<PlaceDto>('POST', '/register/places', body),
  createHousehold: (body: CreateHouseholdRequest) => request<HouseholdDto>('POST', '/register/households', body),
  updateHousehold: (id: number, body: UpdateHouseholdRequest) => request<HouseholdDto>('PATCH', `/register/households/${id}`, body),
  addPerson: (householdId: number, body: PersonInput) => request<PersonDto>('POST', `/register/households/${householdId}/people`, body),
  updatePerson: (id: number, body: UpdatePersonRequest) => request<PersonDto>('PATCH', `/register/people/${id}`, body),
  deletePerson: (id: number) => request<void>('DELETE', `/register/people/${id}`),
  updatePlace: (id: number, body: UpdatePlaceRequest) => request<PlaceDto>('PATCH', `/register/places/${id}`, body),
  createOrganization: (body: OrganizationInput) => request<OrganizationDto>('POST', '/register/organizations', body),
  updateOrganization: (id: number, body: UpdateOrganizationRequest) => request<OrganizationDto>('PATCH', `/register/organizations/${id}`, body),
  deleteOrganization: (id: number) => request<void>('DELETE', `/register/organizations/${id}`),
  createRisk: (body: RiskInput) => request<RiskDto>('POST', '/register/risks', body),
  updateRisk: (id: number, body: UpdateRiskRequest) => request<RiskDto>('PATCH', `/register/risks/${id}`, body),
  // a resident's own household: claimed with the name and ID number on file, then corrected
  myHouseholds: () => request<HouseholdFileDto[]>('GET', '/register/mine'),
  claimHousehold: (body: { name: string; idNumber: string }) => request<PersonDto>('POST', '/register/mine/claim', body),
  correctMine: (personId: number, body: UpdatePersonRequest) => request<PersonDto>('PATCH', `/register/mine/people/${personId}`, body),

  // care visits
  careOverdueByGrid: (node?: string) => request<OverdueByGridDto[]>('GET', `/care/overdue-by-grid${qs({ node })}`),
  careSchedules: (q: { node?: string; overdue?: boolean; personId?: number }, cursor?: string) =>
    request<Page<CareScheduleDto>>('GET', `/care/schedules${qs({ ...q, cursor })}`),
  createSchedule: (body: CreateCareScheduleRequest) => request<CareScheduleDto>('POST', '/care/schedules', body),
  updateSchedule: (id: number, body: UpdateCareScheduleRequest) => request<CareScheduleDto>('PATCH', `/care/schedules/${id}`, body),
  stopSchedule: (id: number) => request<CareScheduleDto>('POST', `/care/schedules/${id}/stop`),
  recordVisit: (body: CreateCareVisitRequest) => request<CareVisitDto>('POST', '/care/visits', body),

  // volunteers and 双报到
  registerVolunteer: (body: VolunteerRegisterRequest) => request<VolunteerDto>('POST', '/volunteers', body),
  myVolunteer: () => request<VolunteerDto[]>('GET', '/volunteers/me'),
  myVolunteerTasks: (cursor?: string) => request<Page<VolunteerTaskDto>>('GET', `/volunteers/me/tasks${qs({ cursor })}`),
  volunteers: (q: { node?: string; kind?: string; skill?: string }, cursor?: string) => request<Page<VolunteerDto>>('GET', `/volunteers${qs({ ...q, cursor })}`),
  assignVolunteerTask: (volunteerId: number, body: AssignVolunteerTaskRequest) => request<VolunteerTaskDto>('POST', `/volunteers/${volunteerId}/tasks`, body),
  completeVolunteerTask: (taskId: number, body: CompleteVolunteerTaskRequest) => request<VolunteerTaskDto>('POST', `/volunteers/tasks/${taskId}/complete`, body)
}
