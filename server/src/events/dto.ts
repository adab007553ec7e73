import { Type } from 'class-transformer';
import { CursorQueryDto } from '../common/cursor-query.dto.js';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  EVENT_PRIORITIES,
  EVENT_STATES,
  SLA_STAGES,
  type EventPriority,
  type OnBehalfOf,
  type ResponseTemplateInput,
  type CreateEventRequest,
  type EventActionRequest,
  type EventListQuery,
  type EventLocation,
  type EventState,
  type NearbyEventsQuery,
  type SupportEventRequest,
  type ResponsibilityInputRequest,
  type SlaPolicyDto,
  type SlaStage,
  type WebhookEventRequest,
  type WorkCalendarDto as WorkCalendarShape,
} from '@weigrid/shared';
import { NullableField, OptionalField } from '../common/optional.js';

const UPLOAD_ID = /^[\w-]{1,32}$/;
const CATEGORY = /^[a-z][a-z0-9_]{0,31}$/;
const GRID_CODE = /^\d{4,21}$/;

export class EventLocationDto implements EventLocation {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;

  @OptionalField()
  @IsIn(['gcj02', 'wgs84'])
  crs?: 'gcj02' | 'wgs84';
}

/** What and where, as people and machines report it: a category, a description, a point or a micro-grid. */
class EventWhatWhereDto {
  @IsString()
  @Matches(CATEGORY, { message: 'category must be a category code' })
  category: string;

  @IsString()
  @Length(1, 1000)
  description: string;

  @OptionalField()
  @ValidateNested()
  @Type(() => EventLocationDto)
  location?: EventLocationDto;

  @OptionalField()
  @IsString()
  @Matches(GRID_CODE, { message: 'gridCode must be a grid code' })
  gridCode?: string;
}

/** 代报: who called. */
export class OnBehalfDto implements OnBehalfOf {
  @IsString()
  @Length(1, 50)
  name: string;

  @IsString()
  @Matches(/^\+?[\d-]{5,20}$/, { message: 'phone: 5–20 digits (a mobile or landline number)' })
  phone: string;
}

export class CreateEventDto extends EventWhatWhereDto implements CreateEventRequest {
  @IsString()
  @Matches(/^[\w-]{8,64}$/, { message: 'requestId must be 8–64 letters, digits, _ or - (a UUID)' })
  requestId: string;

  @OptionalField()
  @IsString()
  @MaxLength(200)
  address?: string;

  @OptionalField()
  @IsArray()
  @ArrayMaxSize(9)
  @IsString({ each: true })
  @Matches(UPLOAD_ID, { each: true, message: 'photos must be upload ids' })
  photos?: string[];

  @OptionalField()
  @IsBoolean()
  anonymous?: boolean;

  @OptionalField()
  @IsBoolean()
  selfHandled?: boolean;

  @OptionalField()
  @IsIn(EVENT_PRIORITIES as unknown as string[])
  priority?: EventPriority;

  @OptionalField()
  @ValidateNested()
  @Type(() => OnBehalfDto)
  onBehalf?: OnBehalfDto;
}


/** "Me too" carries where the supporter is now: it must be within the nearby radius of the event. */
export class SupportEventBodyDto implements SupportEventRequest {
  @IsDefined({ message: 'location is required: where you are now' })
  @ValidateNested()
  @Type(() => EventLocationDto)
  location: EventLocationDto;
}

export class EventActionDto implements EventActionRequest {
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  version: number;

  @OptionalField()
  @IsString()
  @Length(1, 1000)
  note?: string;

  @OptionalField()
  @IsArray()
  @ArrayMaxSize(9)
  @IsString({ each: true })
  @Matches(UPLOAD_ID, { each: true, message: 'photos must be upload ids' })
  photos?: string[];

  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  assigneeId?: number;

  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  departmentId?: number;

  @OptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(24 * 90)
  hours?: number;

  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;

  @OptionalField()
  @IsBoolean()
  passed?: boolean;

  @OptionalField()
  @IsString()
  @Matches(CATEGORY, { message: 'category must be a category code' })
  category?: string;

  @OptionalField()
  @ValidateNested()
  @Type(() => EventLocationDto)
  location?: EventLocationDto;

  @OptionalField()
  @IsString()
  @Matches(GRID_CODE, { message: 'gridCode must be a grid code' })
  gridCode?: string;

  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  targetId?: number;

  @OptionalField()
  @IsIn(EVENT_PRIORITIES as unknown as string[])
  priority?: EventPriority;

  @OptionalField()
  @IsBoolean()
  fixed?: boolean;
}

export class ResponseTemplateQueryDto {
  @OptionalField()
  @IsString()
  @Matches(CATEGORY)
  category?: string;

  @OptionalField()
  @IsIn(EVENT_STATES as unknown as string[])
  state?: EventState;
}

export class ResponseTemplateInputDto implements ResponseTemplateInput {
  @IsString()
  @Matches(/^(\*|[a-z][a-z0-9_]{0,31})$/, { message: "category: a category code or '*' for every category" })
  category: string;

  @IsIn(['*', ...EVENT_STATES])
  state: EventState | '*';

  @IsString()
  @Length(1, 200)
  text: string;
}

/** `?cursor` is the last id of the previous page (ids descend), as everywhere else. */
export class EventListQueryDto extends CursorQueryDto implements Omit<EventListQuery, 'cursor'> {
  @IsIn(['my', 'inbox', 'subtree', 'verify'])
  scope: 'my' | 'inbox' | 'subtree' | 'verify';

  @OptionalField()
  @IsIn(['new', 'overdue', 'in_progress'])
  box?: 'new' | 'overdue' | 'in_progress';

  @OptionalField()
  @IsIn(EVENT_STATES as unknown as string[])
  state?: EventState;

  @OptionalField()
  @IsString()
  @Matches(CATEGORY)
  category?: string;

  @OptionalField()
  @IsString()
  @Matches(GRID_CODE, { message: 'node must be a grid code' })
  node?: string;

  /** `proxy`: only the 代报 reports (staff filed for a caller), counted apart. */
  @OptionalField()
  @IsIn(['resident', 'worker', 'machine', 'proxy'])
  source?: 'resident' | 'worker' | 'machine' | 'proxy';

  @OptionalField()
  @IsISO8601({ strict: true })
  from?: string;

  @OptionalField()
  @IsISO8601({ strict: true })
  to?: string;
}

export class NearbyQueryDto implements NearbyEventsQuery {
  @IsString()
  @Matches(CATEGORY)
  category: string;

  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;

  @OptionalField()
  @IsIn(['gcj02', 'wgs84'])
  crs?: 'gcj02' | 'wgs84';

  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(2000)
  radius?: number;

  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  hours?: number;
}

export class SlaPolicyInputDto implements SlaPolicyDto {
  @NullableField()
  @IsString()
  @Matches(CATEGORY)
  category: string | null;

  @IsIn(SLA_STAGES as unknown as string[])
  stage: SlaStage;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.25)
  @Max(24 * 365)
  hours: number;

  @IsIn(['calendar', 'working'])
  mode: 'calendar' | 'working';
}

export class WorkCalendarDto implements WorkCalendarShape {
  @IsInt()
  @Min(-840)
  @Max(840)
  utcOffsetMinutes: number;

  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workdays: number[];

  @IsArray()
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @Matches(/^\d{2}:\d{2}-\d{2}:\d{2}$/, { each: true, message: 'windows look like 09:00-12:00' })
  windows: string[];

  @IsArray()
  @ArrayMaxSize(400)
  @IsString({ each: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'holidays are YYYY-MM-DD' })
  holidays: string[];

  @IsArray()
  @ArrayMaxSize(400)
  @IsString({ each: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'extraWorkdays are YYYY-MM-DD' })
  extraWorkdays: string[];
}

export class ResponsibilityInputDto implements ResponsibilityInputRequest {
  @IsString()
  @Matches(GRID_CODE, { message: 'nodeCode must be a grid code' })
  nodeCode: string;

  @IsString()
  @Matches(CATEGORY)
  category: string;

  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  departmentId: number;

  @OptionalField()
  @IsString()
  @MaxLength(200)
  matter?: string;
}

export class ResponsibilityQueryDto {
  @OptionalField()
  @IsString()
  @Matches(GRID_CODE, { message: 'node must be a grid code' })
  node?: string;
}

export class WebhookEventDto extends EventWhatWhereDto implements WebhookEventRequest {
  @IsString()
  @Matches(/^[\w.:-]{1,64}$/, { message: 'alertId must be 1–64 letters, digits or _.:-' })
  alertId: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  confidence: number;

  @OptionalField()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @OptionalField()
  @IsString()
  @Matches(/^https?:\/\/\S{1,500}$/, { message: 'snapshotUrl must be an http(s) URL' })
  snapshotUrl?: string;
}

export class WebhookSourceInputDto {
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{1,49}$/, { message: 'name: 2–50 lowercase letters, digits, _ or -' })
  name: string;

  @OptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  minConfidence?: number;
}
