import type { EventAction } from '@weigrid/shared'
import { client, enumsAsString } from './client'
import type {
  CreateEventRequest,
  CreateInviteRequest,
  CreateNoticeRequest,
  SubscriptionReportRequest,
  BindGroupRequest,
  GroupInfoRequest,
  EventActionRequest,
  EventDetailDto,
  EventLocation,
  EventListQuery,
  CategoryInputRequest,
  SlaPolicyDto,
  WorkCalendarDto,
  ResponsibilityInputRequest,
  CreateCampaignRequest,
  AnswerCampaignRequest,
  PatrolCheckinRequest,
  ClaimRequest,
  RejectClaimRequest,
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
  CreateCareScheduleRequest,
  UpdateCareScheduleRequest,
  CreateCareVisitRequest,
  VolunteerRegisterRequest,
  AssignVolunteerTaskRequest,
  CompleteVolunteerTaskRequest
} from './contracts'

// The request layer (Taro.request, token, re-login, errors) lives in http.ts; pages import it from here.
export { API_BASE, ApiError, FIELD_FALLBACK, assetUrl, getAuthToken, request, setAuthToken, setReauthenticate, type ApiErrorCode } from './http'
export type { OperationError, OperationKey } from './client'

const { GET, POST, PUT, PATCH, DELETE } = client

/** multipart upload of one local photo (part `file`), reporting progress 0–100. */
export const uploadFile = (filePath: string, onProgress?: (percent: number) => void) => client.UPLOAD('/uploads', filePath, onProgress)

/**
 * One function per use, on the client generated from the server's OpenAPI spec (client.ts):
 * paths, parameters and bodies are checked against the spec; responses are the shared interfaces.
 */
export const api = {
  overview: () => GET('/overview'),
  // the home page's 我的网格员 (网格员公示: name, verified phone, whether a group chat is bound)
  gridContacts: (code: string) => GET('/grids/{code}/contacts', { params: { path: { code } } }),
  categories: () => GET('/categories'),

  loginWechat: (code: string) => POST('/auth/wechat', { body: { code }, auth: false }),
  refresh: (refreshToken: string) => POST('/auth/refresh', { body: { refreshToken }, auth: false }),
  me: () => GET('/me'),
  // the name others see on notices and timelines (WeChat no longer hands one over)
  updateMe: (body: { name: string }) => PATCH('/me', { body }),
  acceptInvite: (code: string) => POST('/invites/{code}/accept', { params: { path: { code } } }),
  createInvite: (body: CreateInviteRequest) => POST('/invites', { body }),

  gridRoots: (cursor?: string) => GET('/grids', { params: { query: { cursor } } }),
  gridChildren: (code: string, cursor?: string) => GET('/grids/{code}/children', { params: { path: { code }, query: { cursor } } }),
  searchGrids: (q: string, cursor?: string) => GET('/grids/search', { params: { query: { q, cursor } } }),
  gridPath: (code: string) => GET('/grids/{code}/path', { params: { path: { code } } }),
  locate: (p: { lat: number; lng: number; crs?: 'gcj02' | 'wgs84' }) => GET('/grids/locate', { params: { query: { lat: p.lat, lng: p.lng, crs: p.crs ?? 'gcj02' } } }),

  createEvent: (body: CreateEventRequest) => POST('/events', { body }),
  nearbyEvents: (q: { category: string; lat: number; lng: number }) => GET('/events/nearby', { params: { query: { category: q.category, lat: q.lat, lng: q.lng, crs: 'gcj02' } } }),
  // "me too" carries where the user is now: the server accepts it only within the nearby radius
  supportEvent: (id: number, location: EventLocation) => POST('/events/{id}/supporters', { params: { path: { id } }, body: { location } }),
  events: (q: EventListQuery) => GET('/events', { params: { query: q } }),
  // staff pages: someone with a role over the event (or its reporter/handler) gets the full detail
  event: (id: number) => GET('/events/{id}', { params: { path: { id } } }) as Promise<EventDetailDto>,
  // a resident's page: a supporter who is nothing else to the event gets the public view
  eventView: (id: number) => GET('/events/{id}', { params: { path: { id } } }),
  // the action is a key of the workflow table (ACTIONS in @weigrid/shared), which the server enforces
  // the handler's 联系上报人: the reporter's number (theirs alone; the call goes on the timeline)
  callReporter: (id: number) => POST('/events/{id}/reporter-call', { params: { path: { id } } }),
  eventAction: (id: number, action: EventAction, body: EventActionRequest) => POST('/events/{id}/actions/{action}', { params: { path: { id, action } }, body }),
  upload: uploadFile,
  // 常用语 for a category and state (exact ones first)
  templates: (category: string, state: string) => GET('/events/templates', { params: { query: { category, state: state as never } } }),

  noticeInbox: (cursor?: string) => GET('/notices/inbox', { params: { query: { cursor } } }),
  noticesSent: (cursor?: string) => GET('/notices/sent', { params: { query: { cursor } } }),
  notice: (id: number) => GET('/notices/{id}', { params: { path: { id } } }),
  readNotice: (id: number) => POST('/notices/{id}/read', { params: { path: { id } } }),
  ackNotice: (id: number) => POST('/notices/{id}/ack', { params: { path: { id } } }),
  sendNotice: (body: CreateNoticeRequest) => POST('/notices', { body }),
  noticeStats: (id: number) => GET('/notices/{id}/stats', { params: { path: { id } } }),
  // who has not read (or, with unacked, not acknowledged) a notice I sent; and one reminder push to them
  noticePending: (id: number, q: { unacked?: boolean; cursor?: string } = {}) =>
    GET('/notices/{id}/pending', { params: { path: { id }, query: { unacked: q.unacked || undefined, cursor: q.cursor, limit: 50 } } }),
  remindNotice: (id: number) => POST('/notices/{id}/remind', { params: { path: { id } } }),
  subscriptions: () => GET('/subscriptions'),
  reportSubscriptions: (body: SubscriptionReportRequest) => POST('/subscriptions', { body }),
  // rules (district / city admins edit; the server checks)
  allCategories: () => GET('/categories/all'),
  putCategory: (code: string, body: CategoryInputRequest) => PUT('/categories/{code}', { params: { path: { code } }, body }),
  slaPolicies: () => GET('/sla/policies'),
  putSlaPolicy: (body: SlaPolicyDto) => PUT('/sla/policies', { body }),
  workCalendar: () => GET('/sla/calendar'),
  putWorkCalendar: (body: WorkCalendarDto) => PUT('/sla/calendar', { body }),
  responsibilities: (node?: string) => GET('/responsibilities', { params: { query: { node } } }),
  putResponsibility: (body: ResponsibilityInputRequest) => PUT('/responsibilities', { body }),
  deleteResponsibility: (id: number) => DELETE('/responsibilities/{id}', { params: { path: { id } } }),
  bulletin: (node: string, month: string) => GET('/stats/bulletin', { params: { query: { node, month } } }),
  stats: (q: { node: string; from: string; to: string; interval?: 'day' | 'week' }) => GET('/stats', { params: { query: q } }),
  departments: (nodeCode: string) => GET('/departments', { params: { query: { nodeCode } } }),

  bindGroup: (body: BindGroupRequest) => POST('/share/groups', { body }),
  resolveGroup: (body: GroupInfoRequest) => POST('/share/groups/resolve', { body }),

  campaigns: (microGrid: string, cursor?: string) => GET('/campaigns', { params: { query: { microGrid, cursor } } }),
  campaign: (id: number) => GET('/campaigns/{id}', { params: { path: { id } } }),
  answerCampaign: (id: number, body: AnswerCampaignRequest) => PUT('/campaigns/{id}/answers', { params: { path: { id } }, body }),
  // campaigns as staff: those in or above a node, templates, progress and answers under a node
  campaignsIn: (node: string, cursor?: string) => GET('/campaigns', { params: { query: { node, cursor } } }),
  campaignTemplates: () => GET('/campaigns/templates'),
  createCampaign: (body: CreateCampaignRequest) => POST('/campaigns', { body }),
  campaignProgress: (id: number, node?: string) => GET('/campaigns/{id}/progress', { params: { path: { id }, query: { node } } }),
  campaignAnswers: (id: number, q: { node?: string; needsHelp?: boolean }, cursor?: string) =>
    GET('/campaigns/{id}/answers', { params: { path: { id }, query: { ...q, cursor } } }),
  patrolCheckin: (body: PatrolCheckinRequest) => POST('/patrols/checkins', { body }),
  patrolTrack: (q: { date: string; user?: number }) => GET('/patrols/tracks', { params: { query: q } }),
  patrolCoverage: (q: { node: string; from: string; to: string }) => GET('/patrols/coverage', { params: { query: q } }),

  // household register (一户一档): people come masked; `reveal` asks for the full numbers (logged)
  householdFile: (id: number) => GET('/register/households/{id}', { params: { path: { id } } }),
  searchPeople: (q: { name?: string; phone?: string; tag?: string; node?: string }, cursor?: string) =>
    GET('/register/people', { params: { query: enumsAsString({ ...q, cursor }) } }),
  person: (id: number, reveal = false) => GET('/register/people/{id}', { params: { path: { id }, query: { reveal: reveal || undefined } } }),
  places: (node: string, cursor?: string) => GET('/register/places', { params: { query: { node, cursor } } }),
  createPlace: (body: CreatePlaceRequest) => POST('/register/places', { body }),
  createHousehold: (body: CreateHouseholdRequest) => POST('/register/households', { body }),
  updateHousehold: (id: number, body: UpdateHouseholdRequest) => PATCH('/register/households/{id}', { params: { path: { id } }, body }),
  addPerson: (householdId: number, body: PersonInput) => POST('/register/households/{id}/people', { params: { path: { id: householdId } }, body: enumsAsString(body) }),
  updatePerson: (id: number, body: UpdatePersonRequest) => PATCH('/register/people/{id}', { params: { path: { id } }, body: enumsAsString(body) }),
  deletePerson: (id: number) => DELETE('/register/people/{id}', { params: { path: { id } } }),
  updatePlace: (id: number, body: UpdatePlaceRequest) => PATCH('/register/places/{id}', { params: { path: { id } }, body }),
  createOrganization: (body: OrganizationInput) => POST('/register/organizations', { body: enumsAsString(body) }),
  updateOrganization: (id: number, body: UpdateOrganizationRequest) => PATCH('/register/organizations/{id}', { params: { path: { id } }, body: enumsAsString(body) }),
  deleteOrganization: (id: number) => DELETE('/register/organizations/{id}', { params: { path: { id } } }),
  createRisk: (body: RiskInput) => POST('/register/risks', { body: enumsAsString(body) }),
  updateRisk: (id: number, body: UpdateRiskRequest) => PATCH('/register/risks/{id}', { params: { path: { id } }, body: enumsAsString(body) }),
  // a resident's own household: claimed with the name and ID number on file, then corrected
  // (a claim waits for the micro-grid's staff unless the WeChat-verified phone is the record's)
  myHouseholds: () => GET('/register/mine'),
  claimHousehold: (body: ClaimRequest) => POST('/register/mine/claim', { body }),
  myClaims: () => GET('/register/mine/claims'),
  correctMine: (personId: number, body: UpdatePersonRequest) => PATCH('/register/mine/people/{id}', { params: { path: { id: personId } }, body: enumsAsString(body) }),
  // staff: claims to confirm or reject in their scope
  claims: (cursor?: string) => GET('/register/claims', { params: { query: { cursor } } }),
  confirmClaim: (id: number) => POST('/register/claims/{id}/confirm', { params: { path: { id } } }),
  rejectClaim: (id: number, body: RejectClaimRequest) => POST('/register/claims/{id}/reject', { params: { path: { id } }, body }),

  // care visits
  careOverdueByGrid: (node?: string) => GET('/care/overdue-by-grid', { params: { query: { node } } }),
  careSchedules: (q: { node?: string; overdue?: boolean; personId?: number }, cursor?: string) =>
    GET('/care/schedules', { params: { query: { ...q, cursor } } }),
  createSchedule: (body: CreateCareScheduleRequest) => POST('/care/schedules', { body: enumsAsString(body) }),
  updateSchedule: (id: number, body: UpdateCareScheduleRequest) => PATCH('/care/schedules/{id}', { params: { path: { id } }, body }),
  stopSchedule: (id: number) => POST('/care/schedules/{id}/stop', { params: { path: { id } } }),
  recordVisit: (body: CreateCareVisitRequest) => POST('/care/visits', { body }),

  // volunteers and 双报到
  registerVolunteer: (body: VolunteerRegisterRequest) => POST('/volunteers', { body }),
  myVolunteer: () => GET('/volunteers/me'),
  myVolunteerTasks: (cursor?: string) => GET('/volunteers/me/tasks', { params: { query: { cursor } } }),
  volunteers: (q: { node?: string; kind?: string; skill?: string }, cursor?: string) => GET('/volunteers', { params: { query: enumsAsString({ ...q, cursor }) } }),
  assignVolunteerTask: (volunteerId: number, body: AssignVolunteerTaskRequest) => POST('/volunteers/{id}/tasks', { params: { path: { id: volunteerId } }, body }),
  completeVolunteerTask: (taskId: number, body: CompleteVolunteerTaskRequest) => POST('/volunteers/tasks/{taskId}/complete', { params: { path: { taskId } }, body })
}
