/**
 * The success body of each operation the mini-program calls, by `METHOD /path` as in the spec.
 * The spec cannot say these (the server returns interfaces from @weigrid/shared, which leave no
 * runtime trace for it to read), so they are named here, once; a key that is no operation of the
 * spec fails the typecheck (`CheckKeys` below).
 */
import type { OperationKey } from './client'
import type {
  AuthTokensDto,
  BulletinDto,
  NoticeRecipientDto,
  CampaignAnswerDto,
  CampaignDto,
  CampaignProgressDto,
  CampaignTemplate,
  CareScheduleDto,
  CareVisitDto,
  CategoryAdminDto,
  CategoryDto,
  ClaimDto,
  DepartmentDto,
  EventCreatedDto,
  EventDetailDto,
  EventSummaryDto,
  EventViewDto,
  GridNodeSummary,
  GridPathItem,
  GroupBindingDto,
  HouseholdDto,
  HouseholdFileDto,
  InviteDto,
  LocateResultDto,
  MeDto,
  MyClaimDto,
  NearbyEventDto,
  NoticeDto,
  NoticeStatsDto,
  OrganizationDto,
  OverdueByGridDto,
  OverviewDto,
  Page,
  PatrolCheckinDto,
  PatrolCoverageDto,
  PatrolTrackDto,
  PersonDto,
  PlaceDto,
  ResidentHouseholdDto,
  ResidentPersonDto,
  ResponsibilityDto,
  RiskDto,
  SlaPolicyDto,
  StatsDto,
  SubscribeTemplateDto,
  SupportEventDto,
  UploadDto,
  VolunteerDto,
  VolunteerTaskDto,
  WorkCalendarDto
} from './contracts'

export interface ApiResponses {
  'GET /overview': OverviewDto
  'GET /categories': CategoryDto[]
  'GET /categories/all': CategoryAdminDto[]
  'PUT /categories/{code}': CategoryAdminDto

  'POST /auth/wechat': AuthTokensDto
  'POST /auth/refresh': AuthTokensDto
  'GET /me': MeDto
  'PATCH /me': MeDto
  'POST /invites': InviteDto
  'POST /invites/{code}/accept': MeDto

  'GET /grids': Page<GridNodeSummary>
  'GET /grids/{code}/children': Page<GridNodeSummary>
  'GET /grids/search': Page<GridNodeSummary & { path: GridPathItem[] }>
  'GET /grids/locate': LocateResultDto
  'GET /grids/{code}/path': GridPathItem[]

  'POST /uploads': UploadDto
  'GET /events': Page<EventSummaryDto>
  'POST /events': EventCreatedDto
  'GET /events/nearby': NearbyEventDto[]
  'GET /events/{id}': EventViewDto
  'POST /events/{id}/actions/{action}': EventDetailDto
  'POST /events/{id}/supporters': SupportEventDto

  'GET /notices/inbox': Page<NoticeDto>
  'GET /notices/sent': Page<NoticeDto>
  'GET /notices/{id}': NoticeDto
  'POST /notices/{id}/read': NoticeDto
  'POST /notices/{id}/ack': NoticeDto
  'POST /notices': NoticeDto
  'GET /notices/{id}/stats': NoticeStatsDto
  'GET /notices/{id}/pending': Page<NoticeRecipientDto>
  'POST /notices/{id}/remind': { unread: number; queued: boolean }
  'GET /subscriptions': SubscribeTemplateDto[]
  'POST /subscriptions': SubscribeTemplateDto[]

  'GET /sla/policies': SlaPolicyDto[]
  'PUT /sla/policies': SlaPolicyDto[]
  'GET /sla/calendar': WorkCalendarDto
  'PUT /sla/calendar': WorkCalendarDto
  'GET /responsibilities': ResponsibilityDto[]
  'PUT /responsibilities': ResponsibilityDto
  'DELETE /responsibilities/{id}': void
  'GET /stats/bulletin': BulletinDto
  'GET /stats': StatsDto
  'GET /departments': DepartmentDto[]

  'POST /share/groups': GroupBindingDto
  'POST /share/groups/resolve': GroupBindingDto

  'GET /campaigns': Page<CampaignDto>
  'GET /campaigns/{id}': CampaignDto
  'PUT /campaigns/{id}/answers': CampaignAnswerDto
  'GET /campaigns/templates': CampaignTemplate[]
  'POST /campaigns': CampaignDto
  'GET /campaigns/{id}/progress': CampaignProgressDto
  'GET /campaigns/{id}/answers': Page<CampaignAnswerDto>

  'POST /patrols/checkins': PatrolCheckinDto
  'GET /patrols/tracks': PatrolTrackDto
  'GET /patrols/coverage': PatrolCoverageDto

  'GET /register/households/{id}': HouseholdFileDto
  'GET /register/people': Page<PersonDto>
  'GET /register/people/{id}': PersonDto
  'GET /register/places': Page<PlaceDto>
  'POST /register/places': PlaceDto
  'POST /register/households': HouseholdDto
  'PATCH /register/households/{id}': HouseholdDto
  'POST /register/households/{id}/people': PersonDto
  'PATCH /register/people/{id}': PersonDto
  'DELETE /register/people/{id}': void
  'PATCH /register/places/{id}': PlaceDto
  'POST /register/organizations': OrganizationDto
  'PATCH /register/organizations/{id}': OrganizationDto
  'DELETE /register/organizations/{id}': void
  'POST /register/risks': RiskDto
  'PATCH /register/risks/{id}': RiskDto
  'GET /register/mine': ResidentHouseholdDto[]
  'POST /register/mine/claim': MyClaimDto
  'GET /register/mine/claims': MyClaimDto[]
  'PATCH /register/mine/people/{id}': ResidentPersonDto
  'GET /register/claims': Page<ClaimDto>
  'POST /register/claims/{id}/confirm': ClaimDto
  'POST /register/claims/{id}/reject': ClaimDto

  'GET /care/overdue-by-grid': OverdueByGridDto[]
  'GET /care/schedules': Page<CareScheduleDto>
  'POST /care/schedules': CareScheduleDto
  'PATCH /care/schedules/{id}': CareScheduleDto
  'POST /care/schedules/{id}/stop': CareScheduleDto
  'POST /care/visits': CareVisitDto

  'POST /volunteers': VolunteerDto
  'GET /volunteers/me': VolunteerDto[]
  'GET /volunteers/me/tasks': Page<VolunteerTaskDto>
  'GET /volunteers': Page<VolunteerDto>
  'POST /volunteers/{id}/tasks': VolunteerTaskDto
  'POST /volunteers/tasks/{taskId}/complete': VolunteerTaskDto
}

/** Compiles only while every key above is an operation of the spec (a renamed route breaks it). */
type MustBeNever<T extends never> = T
export type CheckKeys = MustBeNever<Exclude<keyof ApiResponses, OperationKey>>
