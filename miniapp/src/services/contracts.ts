/**
 * API shapes the client uses. Those already in @weigrid/shared are re-exported; the rest mirror
 * the DTOs being built on the grids branch and are replaced by re-exports
 * as each lands (search for MIRROR).
 */
export type {
  CategoryDto,
  OverviewDto,
  Page,
  GridNodeSummary,
  ErrorEnvelope,
  AuthTokensDto,
  MeDto,
  GrantDto,
  CreateInviteRequest,
  InviteDto,
  UploadDto,
  CreateEventRequest,
  EventCreatedDto,
  EventSummaryDto,
  EventDetailDto,
  TimelineEntryDto,
  EventActionRequest,
  EventListQuery,
  NearbyEventDto
} from '@weigrid/shared'
import type { GridLevel } from '@weigrid/shared'

// MIRROR of shared/src/dto/index.ts (grids branch)
export interface GridPathItem {
  code: string
  name: string
  level: GridLevel
}
export interface LocateResultDto {
  node: GridPathItem & { id: number }
  path: GridPathItem[]
  fallback: 'nearest' | 'enclosing' | null
  distanceM: number
  point: { lat: number; lng: number; crs: 'gcj02' }
}


// MIRROR of shared/src/dto/notify.ts (outbox branch)
export type SubscribeTemplateKey = 'task_new' | 'event_progress' | 'event_overdue' | 'notice'
export interface SubscribeTemplateDto {
  key: SubscribeTemplateKey
  templateId: string
  title: string
  credits: number
}
export interface SubscriptionReportRequest {
  results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>
}
export interface NoticeDto {
  id: number
  title: string
  body: string
  attachments: { id: string; url: string }[]
  node: { code: string; name: string; level: GridLevel }
  roles: string[] | null
  senderName: string | null
  ackRequired: boolean
  ackDeadline: string | null
  recipients: number
  createdAt: string
  readAt?: string | null
  ackedAt?: string | null
}
export interface CreateNoticeRequest {
  nodeCode: string
  roles?: string[]
  title: string
  body: string
  attachments?: string[]
  ackDeadline?: string
}
export interface NoticeStatsDto {
  noticeId: number
  recipients: number
  read: number
  acked: number
  byChild: { code: string; name: string; level: GridLevel | null; recipients: number; read: number; acked: number; readRate: number }[]
}
export interface GroupInfoRequest {
  code: string
  encryptedData: string
  iv: string
}
export interface BindGroupRequest extends GroupInfoRequest {
  nodeCode: string
}
export interface GroupBindingDto {
  node: { code: string; name: string; level: GridLevel } | null
  boundAt: string | null
}
