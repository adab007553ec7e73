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
  NearbyEventDto,
  SubscribeTemplateKey,
  SubscribeTemplateDto,
  SubscriptionReportRequest,
  NoticeDto,
  CreateNoticeRequest,
  NoticeStatsDto,
  GroupInfoRequest,
  BindGroupRequest,
  GroupBindingDto
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
