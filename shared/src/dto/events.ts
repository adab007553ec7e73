/** Event closed-loop request/response shapes (server DTOs implement these; the mini-program uses them). */
import type { Role } from '../roles.js';
import type { Crs } from '../geo.js';
import type { EventAction, EventPriority, EventState, SlaStage, WorkflowParty } from '../workflow.js';

export interface UploadDto {
  /** Opaque id to pass in `photos` of a report or action. */
  id: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  size: number;
  width: number;
  height: number;
  url: string;
  thumbUrl: string;
  /** Held by content security: only its owner sees it until cleared. */
  held: boolean;
}

export interface EventLocation {
  lat: number;
  lng: number;
  /** Coordinate system the point is in (default gcj02, what WeChat's getLocation({type:'gcj02'}) returns). */
  crs?: Crs;
}

export interface CreateEventRequest {
  /** Client-generated idempotency key (a UUID): a retry with the same id returns the same event. */
  requestId: string;
  category: string;
  description: string;
  /** Where the problem is; or give `gridCode` for a virtual micro-grid (building, market, trade). */
  location?: EventLocation;
  gridCode?: string;
  address?: string;
  photos?: string[];
  /** Hide the reporter's identity from everyone but the handling staff. */
  anonymous?: boolean;
  /** A worker who fixed it on patrol reports it already resolved (self-handled). */
  selfHandled?: boolean;
  /** 紧急 / 一般 (staff only; residents' reports start 一般). */
  priority?: EventPriority;
  /** 代报: staff file the report for a phone caller or an elderly resident (kept encrypted, shown to staff only). */
  onBehalf?: OnBehalfOf;
}

/** The person a 代报 was filed for. */
export interface OnBehalfOf {
  name: string;
  /** Mainland mobile or landline digits. */
  phone: string;
}

export interface EventCreatedDto {
  id: number;
  state: EventState;
  version: number;
  microGrid: { code: string; name: string };
  /** True when this answer replays an earlier request with the same requestId. */
  replayed: boolean;
  /** Routing could not place the point inside a polygon; a person will confirm the grid. */
  needsGridConfirm: boolean;
  /** Content security held the text or a photo: others will not see it until cleared. */
  held: boolean;
}

export interface EventSummaryDto {
  id: number;
  state: EventState;
  version: number;
  category: string;
  description: string;
  microGrid: { code: string; name: string };
  createdAt: string;
  deadlineAt: string | null;
  overdue: boolean;
  supporters: number;
  /** open311/hotline: filed by another system (see open311/); `proxy`: 代报, filed by staff for a caller (counted apart in the figures). */
  source: 'resident' | 'worker' | 'machine' | 'open311' | 'hotline' | 'proxy';
  priority: EventPriority;
  thumbUrl: string | null;
}

export interface TimelineEntryDto {
  at: string;
  action: string;
  fromState: EventState | null;
  toState: EventState;
  /**
   * Who did it. `name`: their display name where the viewer may see it ('匿名' for an anonymous
   * reporter seen by a non-staff viewer); `role`: the role through which they act on this event
   * (the closest grant above its micro-grid), null for the reporter, the system and non-staff.
   */
  actor: { id: number | null; name: string | null; role: Role | null; system: boolean };
  note: string | null;
  photos: UploadDto[];
}

export interface EventDetailDto extends EventSummaryDto {
  /** The full view: for the reporter, the handler and staff whose scope covers the event. */
  view: 'full';
  location: { lat: number; lng: number } | null;
  address: string | null;
  anonymous: boolean;
  reporter: { id: number } | null;
  handlerId: number | null;
  assigneeId: number | null;
  departmentId: number | null;
  ownerNode: { code: string; name: string };
  stage: SlaStage | null;
  rating: number | null;
  ratingComment: string | null;
  held: boolean;
  photos: UploadDto[];
  timeline: TimelineEntryDto[];
  /** What the viewer is to this event (reporter, handler, roles in scope) … */
  parties: WorkflowParty[];
  /** … and so which buttons to show: `availableActions(state, parties)`. */
  actions: EventAction[];
  supportedByMe: boolean;
  /** 核查 since the last 办结: null none yet; `required` says whether 结案 waits for a passed one. */
  check: { required: boolean; result: 'passed' | 'failed' | null; checkers: WorkflowParty[] };
  /** Closed as a duplicate of this event (合并). */
  mergedInto: number | null;
  closedAt: string | null;
  /** 回访 answer, once. */
  followup: { fixed: boolean; at: string } | null;
  /** 代报: the caller, for staff only (the phone masked); null otherwise. */
  onBehalf: { name: string; phoneMasked: string } | null;
  /**
   * Set only for the event's handler or assignee while it is open, when the report is not
   * anonymous and its reporter has a WeChat-verified phone: the number masked (138****8000). The
   * full number comes from POST /events/:id/reporter-call, which writes the call to the timeline.
   */
  reporterCall: { phoneMasked: string } | null;
}

/** POST /events/:id/reporter-call — the reporter's number, for the handler's call button. */
export interface ReporterCallDto {
  phone: string;
}

/**
 * What someone who said "me too" (and is neither the reporter nor staff over the event) may see:
 * the category, the state, the micro-grid's name, their own support and the progress as state
 * labels with times. Never the reporter, who handled it, notes, photos, the point or the address.
 */
export interface EventPublicDto {
  view: 'public';
  id: number;
  category: string;
  state: EventState;
  microGrid: { code: string; name: string };
  createdAt: string;
  supporters: number;
  supportedByMe: true;
  /** When the viewer said "me too". */
  supportedAt: string;
  /** Each state change, oldest first: when and into which state (no actor, note or photo). */
  progress: { at: string; state: EventState }[];
  /** For `reopen` by a supporter (the only action a supporter may take). */
  version: number;
  actions: EventAction[];
  mergedInto: number | null;
}

/** GET /events/:id answers the full detail or, to a supporter only, the public view. */
export type EventViewDto = EventDetailDto | EventPublicDto;

/** POST /events/:id/supporters — where the supporter is now (the same radius rule as /events/nearby). */
export interface SupportEventRequest {
  location: EventLocation;
}

export interface SupportEventDto {
  supporters: number;
  supportedByMe: boolean;
}

export interface EventActionRequest {
  /** The version the client last saw; a stale version → 409 STALE_VERSION with the current state. */
  version: number;
  note?: string;
  photos?: string[];
  assigneeId?: number;
  departmentId?: number;
  hours?: number;
  rating?: number;
  /** 核查: did the work pass on site. */
  passed?: boolean;
  /** 改类别: the right category. */
  category?: string;
  /** 改位置: the right point (re-routed to its micro-grid) … */
  location?: EventLocation;
  /** … or micro-grid (改位置, 转办). */
  gridCode?: string;
  /** 合并: the event this one duplicates. */
  targetId?: number;
  priority?: EventPriority;
  /** 回访: is it really fixed. */
  fixed?: boolean;
}

/** 常用语: a reply staff pick when acting, per category and state ('*' for any). */
export interface ResponseTemplateDto {
  id: number;
  category: string;
  state: EventState | '*';
  text: string;
}

export interface ResponseTemplateInput {
  category: string;
  state: EventState | '*';
  text: string;
}

export interface StaleVersionDetails {
  state: EventState;
  version: number;
}

export interface NearbyEventsQuery {
  category: string;
  lat: number;
  lng: number;
  crs?: Crs;
  /** Metres, default 200, at most 2000. */
  radius?: number;
  /** Hours back, default 72, at most 720. */
  hours?: number;
}

export interface NearbyEventDto extends EventSummaryDto {
  distanceM: number;
}

export interface EventListQuery {
  /** my: my reports; inbox: a worker's tasks; subtree: an admin's node and everything beneath. */
  scope: 'my' | 'inbox' | 'subtree' | 'verify';
  /** inbox tab. */
  box?: 'new' | 'overdue' | 'in_progress';
  state?: EventState;
  category?: string;
  node?: string;
  /** `proxy`: the 代报 reports only (counted apart). */
  source?: 'resident' | 'worker' | 'machine' | 'proxy';
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface ResponsibilityDto {
  id: number;
  nodeCode: string;
  category: string;
  departmentId: number;
  matter: string;
}

export interface ResponsibilityInputRequest {
  nodeCode: string;
  category: string;
  departmentId: number;
  matter?: string;
}

/** GET/PUT /sla/calendar — the work calendar working-hour deadlines are counted in. */
export interface WorkCalendarDto {
  /** Minutes east of UTC the calendar is read in (480 for China). */
  utcOffsetMinutes: number;
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  workdays: number[];
  /** Working windows of a day as "HH:MM-HH:MM", sorted and not overlapping. */
  windows: string[];
  /** Local dates ("YYYY-MM-DD") that are off although their weekday works. */
  holidays: string[];
  /** Local dates that work although their weekday is off (调休 make-up days). */
  extraWorkdays: string[];
}

export interface SlaPolicyDto {
  category: string | null;
  stage: SlaStage;
  hours: number;
  mode: 'calendar' | 'working';
}

export interface WebhookEventRequest {
  /** The source's own id for the alert: a resend with the same id returns the same event. */
  alertId: string;
  category: string;
  description: string;
  location?: EventLocation;
  gridCode?: string;
  /** 0..1; below the source's threshold the alert waits in the verify queue. */
  confidence: number;
  occurredAt?: string;
  snapshotUrl?: string;
}
