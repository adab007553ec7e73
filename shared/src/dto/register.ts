/** Household register (一户一档), care visits and volunteers: request/response shapes. */

export interface CreatePlaceRequest {
  /** The micro-grid's code. */
  gridCode: string;
  address: string;
  building?: string;
  unit?: string;
  room?: string;
  lng?: number;
  lat?: number;
}

export interface PlaceDto {
  id: number;
  gridCode: string;
  gridName: string;
  address: string;
  building: string;
  unit: string;
  room: string;
  lng: number | null;
  lat: number | null;
  /** The version an edit sends back (`PATCH /register/places/:id`); a stale one → 409 CONFLICT. */
  version: number;
}

/** A correction of a place's address or point; its micro-grid stays (households and people hang on it). */
export interface UpdatePlaceRequest {
  version: number;
  address?: string;
  building?: string;
  unit?: string;
  room?: string;
  /** null clears the point (both together). */
  lng?: number | null;
  lat?: number | null;
}

export interface CreateHouseholdRequest {
  placeId: number;
  code?: string;
  note?: string;
}

export interface UpdateHouseholdRequest {
  version: number;
  code?: string;
  note?: string;
}

export interface PersonInput {
  name: string;
  relation: string;
  phone?: string | null;
  idNumber?: string | null;
  birthYear?: number | null;
  tags?: string[];
}

export interface UpdatePersonRequest extends Partial<PersonInput> {
  version: number;
}

/** A person as the API shows them: phone and ID number masked unless revealed (and logged). */
export interface PersonDto {
  id: number;
  householdId: number;
  gridPath: string;
  name: string;
  relation: string;
  phone: string | null;
  idNumber: string | null;
  /** True when phone/idNumber above are the full values. */
  revealed: boolean;
  birthYear: number | null;
  gender: 'male' | 'female' | null;
  tags: string[];
  version?: number;
  /** Whether the caller may ask for the full values (`?reveal=true`). */
  canReveal?: boolean;
  /** Linked to the caller's own account (resident view). */
  isMe?: boolean;
}

export interface HouseholdDto {
  id: number;
  code: string;
  note: string;
  version: number;
  place: PlaceDto;
  people: PersonDto[];
}

export interface OrganizationInput {
  placeId: number;
  name: string;
  kind: string;
  creditCode?: string;
  contactName?: string;
  contactPhone?: string;
}

export interface OrganizationDto extends OrganizationInput {
  id: number;
  gridPath: string;
  /** The version an edit sends back (`PATCH /register/organizations/:id`); a stale one → 409 CONFLICT. */
  version: number;
}

/** A change to an organization; null clears an optional field. Its place stays. */
export interface UpdateOrganizationRequest {
  version: number;
  name?: string;
  kind?: string;
  creditCode?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

export interface RiskInput {
  placeId: number;
  householdId?: number;
  kind: string;
  state?: string;
  note?: string;
}

export interface UpdateRiskRequest {
  version: number;
  state?: string;
  note?: string;
}

export interface RiskDto {
  id: number;
  placeId: number;
  householdId: number | null;
  gridPath: string;
  kind: string;
  state: string;
  note: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export interface CareVisitDto {
  id: number;
  personId: number;
  personName: string;
  householdId: number;
  scheduleId: number | null;
  visitorUserId: number;
  visitedAt: string;
  notes: string;
  photos: string[];
  eventId: number | null;
}

/** One entry of a household's file over time. */
export interface HouseholdTimelineItem {
  at: string;
  kind: 'visit' | 'risk' | 'event' | 'campaign' | 'person';
  title: string;
  refId: number;
}

/** The 一户一档 page: everything about one household, scope-checked. */
export interface HouseholdFileDto {
  household: HouseholdDto;
  organizations: OrganizationDto[];
  risks: RiskDto[];
  visits: CareVisitDto[];
  events: { id: number; title: string; state: string; at: string }[];
  campaignAnswers: { id: number; campaign: string; at: string; summary: string }[];
  timeline: HouseholdTimelineItem[];
}

export interface ImportReport {
  people: number;
  households: number;
  placesCreated: number;
  placesReused: number;
}

export interface ImportRowError {
  row: number;
  column: string | null;
  problem: string;
  message: string;
}

export interface AccessLogDto {
  id: number;
  at: string;
  userId: number;
  action: string;
  targetType: string;
  targetId: number | null;
  gridPath: string | null;
  allowed: boolean;
  detail: string;
}

export interface CreateCareScheduleRequest {
  personId: number;
  tag: string;
  intervalDays: number;
  /** First visit due (ISO); default now + intervalDays. */
  firstDueAt?: string;
}

/** A change to an active schedule: its interval and/or when the next visit is due (ISO). */
export interface UpdateCareScheduleRequest {
  intervalDays?: number;
  nextDueAt?: string;
}

export interface CareScheduleDto {
  id: number;
  personId: number;
  personName: string;
  householdId: number;
  gridPath: string;
  tag: string;
  intervalDays: number;
  nextDueAt: string;
  lastVisitAt: string | null;
  overdueDays: number;
  active: boolean;
}

export interface CreateCareVisitRequest {
  personId: number;
  scheduleId?: number;
  notes: string;
  photos?: string[];
  visitedAt?: string;
  /** Link an event raised from this visit. */
  eventId?: number;
}

export interface OverdueByGridDto {
  gridCode: string;
  gridName: string;
  overdue: number;
}

export interface VolunteerRegisterRequest {
  kind: 'volunteer' | 'party_member';
  /** The micro-grid where the volunteer lives. */
  gridCode: string;
  displayName: string;
  skills?: string[];
  availability?: string;
  partyOrg?: string;
}

export interface VolunteerDto {
  id: number;
  userId: number;
  kind: 'volunteer' | 'party_member';
  gridCode: string;
  gridName: string;
  displayName: string;
  skills: string[];
  availability: string;
  partyOrg: string;
  status: string;
  registeredAt: string;
  serviceMinutes: number;
  tasksDone: number;
}

export interface AssignVolunteerTaskRequest {
  title: string;
  eventId?: number;
  note?: string;
}

export interface CompleteVolunteerTaskRequest {
  minutes: number;
  note?: string;
}

export interface VolunteerTaskDto {
  id: number;
  volunteerId: number;
  title: string;
  eventId: number | null;
  state: 'assigned' | 'done' | 'cancelled';
  minutes: number;
  note: string;
  assignedBy: number;
  assignedAt: string;
  doneAt: string | null;
}

// ---- residents: their own household, and claiming it ----

/**
 * A person as a resident sees their own household: their own phone and ID number in full, their
 * family's masked. Staff-only data (grid path, tags' reveal rights) is not in it.
 */
export interface ResidentPersonDto {
  id: number;
  householdId: number;
  name: string;
  relation: string;
  phone: string | null;
  idNumber: string | null;
  /** True when phone/idNumber above are the full values (the caller's own record). */
  revealed: boolean;
  birthYear: number | null;
  gender: 'male' | 'female' | null;
  /** Set by grid workers; shown so the resident can ask for a correction. */
  tags: string[];
  /** Sent back by a correction (`PATCH /register/mine/people/:id`). */
  version: number;
  isMe: boolean;
}

/**
 * `GET /register/mine`: a household the caller is a confirmed member of. Only the household, its
 * place and its people: never care-visit notes, risk items, the household's staff note or the
 * organizations (and their contacts) at the address.
 */
export interface ResidentHouseholdDto {
  household: {
    id: number;
    code: string;
    place: PlaceDto;
    people: ResidentPersonDto[];
  };
}

export const CLAIM_STATES = ['pending', 'confirmed', 'rejected', 'superseded'] as const;
/** pending → confirmed | rejected (by a worker); pending → superseded (the record's own phone claimed it). */
export type ClaimState = (typeof CLAIM_STATES)[number];
/** 'worker': confirmed by the micro-grid's staff; 'phone': the caller's WeChat-verified phone is the record's phone. */
export type ClaimMethod = 'worker' | 'phone';

/** `POST /register/mine/claim`: name and ID number exactly as registered. */
export interface ClaimRequest {
  name: string;
  idNumber: string;
}

/**
 * What the claimant sees of their claim: its state only. Nothing of the record (not even its
 * micro-grid) until a worker confirms it; then `GET /register/mine` shows the household.
 */
export interface MyClaimDto {
  id: number;
  state: ClaimState;
  method: ClaimMethod;
  createdAt: string;
  decidedAt: string | null;
  /** Why it was rejected, as the worker told the claimant ('' otherwise). */
  reason: string;
}

/** A claim as the staff who decide it see it (`GET /register/claims`): numbers masked. */
export interface ClaimDto extends MyClaimDto {
  gridCode: string;
  gridName: string;
  householdId: number;
  /** The address line of the household's place. */
  address: string;
  person: { id: number; name: string; relation: string; phone: string | null; idNumber: string | null };
  claimant: { userId: number; name: string | null; phoneMasked: string | null; phoneVerified: boolean };
  decidedBy: number | null;
}

/** `POST /register/claims/:id/reject`. */
export interface RejectClaimRequest {
  /** Told to the claimant; optional. */
  reason?: string;
}
