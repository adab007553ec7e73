/**
 * API shapes the client uses. Those already in @weigrid/shared are re-exported; the rest mirror
 * the DTOs being built on the accounts / grids / events branches and are replaced by re-exports
 * as each lands (search for MIRROR).
 */
export type { CategoryDto, OverviewDto, Page, GridNodeSummary, ErrorEnvelope } from '@weigrid/shared'
import type { GridLevel } from '@weigrid/shared'

// MIRROR of shared/src/dto/accounts.ts (accounts branch)
export interface GrantDto {
  id: number
  role: string
  nodeCode: string
  nodeName: string
  nodeLevel: GridLevel
  departmentId: number | null
  createdAt: string
}
export interface MeDto {
  id: number
  name: string | null
  phoneMasked: string | null
  roles: GrantDto[]
}
export interface AuthTokensDto {
  accessToken: string
  tokenType: 'Bearer'
  expiresIn: number
  refreshToken: string
  refreshExpiresAt: string
  user: MeDto
}

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

// MIRROR of shared/src/dto/events.ts (events branch)
export interface UploadDto {
  id: string
  mime: 'image/jpeg' | 'image/png' | 'image/webp'
  size: number
  width: number
  height: number
  url: string
  thumbUrl: string
  held: boolean
}
export interface CreateEventRequest {
  requestId: string
  category: string
  description: string
  location?: { lat: number; lng: number; crs?: 'gcj02' | 'wgs84' }
  gridCode?: string
  address?: string
  photos?: string[]
  anonymous?: boolean
  selfHandled?: boolean
}
export interface EventCreatedDto {
  id: number
  state: string
  version: number
  microGrid: { code: string; name: string }
  replayed: boolean
  needsGridConfirm: boolean
  held: boolean
}
export interface EventSummaryDto {
  id: number
  state: string
  version: number
  category: string
  description: string
  microGrid: { code: string; name: string }
  createdAt: string
  deadlineAt: string | null
  overdue: boolean
  supporters: number
  source: 'resident' | 'worker' | 'machine'
  thumbUrl: string | null
}
export interface NearbyEventDto extends EventSummaryDto {
  distanceM: number
}
export interface TimelineEntryDto {
  at: string
  action: string
  fromState: string | null
  toState: string
  actor: { id: number | null; name: string | null; system: boolean }
  note: string | null
  photos: UploadDto[]
}
export interface EventDetailDto extends EventSummaryDto {
  location: { lat: number; lng: number } | null
  address: string | null
  anonymous: boolean
  reporter: { id: number } | null
  handlerId: number | null
  assigneeId: number | null
  departmentId: number | null
  ownerNode: { code: string; name: string }
  stage: string | null
  rating: number | null
  ratingComment: string | null
  held: boolean
  photos: UploadDto[]
  timeline: TimelineEntryDto[]
  parties: string[]
  actions: string[]
  supportedByMe: boolean
}
export interface EventActionRequest {
  version: number
  note?: string
  photos?: string[]
  assigneeId?: number
  departmentId?: number
  hours?: number
  rating?: number
}
export interface EventListQuery {
  scope: 'my' | 'inbox' | 'subtree' | 'verify'
  box?: 'new' | 'overdue' | 'in_progress'
  state?: string
  category?: string
  node?: string
  limit?: number
  cursor?: string
}
