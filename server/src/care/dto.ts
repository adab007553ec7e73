import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PERSON_TAGS, type CreateCareScheduleRequest, type CreateCareVisitRequest, type UpdateCareScheduleRequest } from '@weigrid/shared';
import { CursorQueryDto } from '../common/cursor-query.dto.js';
import { OptionalField } from '../common/optional.js';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : NaN);
const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class CreateScheduleDto implements CreateCareScheduleRequest {
  @IsInt() @Min(1) personId: number;
  @IsIn(PERSON_TAGS) tag: string;
  @IsInt() @Min(1) @Max(365) intervalDays: number;
  @OptionalField() @IsISO8601({ strict: true }) firstDueAt?: string;
}

export class UpdateScheduleDto implements UpdateCareScheduleRequest {
  @OptionalField() @IsInt() @Min(1) @Max(365) intervalDays?: number;
  @OptionalField() @IsISO8601({ strict: true }) nextDueAt?: string;
}

export class CreateVisitDto implements CreateCareVisitRequest {
  @IsInt() @Min(1) personId: number;
  @OptionalField() @IsInt() @Min(1) scheduleId?: number;
  @IsString() @Length(1, 2000) notes: string;
  @OptionalField() @IsArray() @ArrayMaxSize(9) @Matches(/^[A-Za-z0-9_-]{8,32}$/, { each: true, message: 'photos must be upload ids' }) photos?: string[];
  @OptionalField() @IsISO8601({ strict: true }) visitedAt?: string;
  @OptionalField() @IsInt() @Min(1) eventId?: number;
}

export class ScheduleQuery extends CursorQueryDto {
  @OptionalField() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
  @OptionalField() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @OptionalField() @Transform(toInt) @IsInt() @Min(1) personId?: number;
}

export class VisitQuery extends CursorQueryDto {
  @OptionalField() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
  @OptionalField() @Transform(toInt) @IsInt() @Min(1) personId?: number;
}

export class NodeQuery {
  @OptionalField() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
}
