import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { VOLUNTEER_KINDS, type AssignVolunteerTaskRequest, type CompleteVolunteerTaskRequest, type VolunteerRegisterRequest } from '@weigrid/shared';
import { CursorQueryDto } from '../common/cursor-query.dto.js';
import { OptionalField } from '../common/optional.js';

export class RegisterVolunteerDto implements VolunteerRegisterRequest {
  @IsIn(VOLUNTEER_KINDS) kind: 'volunteer' | 'party_member';
  @Matches(/^\d{18}$/, { message: 'gridCode must be an 18-digit micro-grid code' }) gridCode: string;
  @IsString() @Length(1, 50) displayName: string;
  @OptionalField() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 20, { each: true }) skills?: string[];
  @OptionalField() @IsString() @MaxLength(200) availability?: string;
  @OptionalField() @IsString() @MaxLength(100) partyOrg?: string;
}

export class UpdateVolunteerDto {
  @OptionalField() @IsString() @Length(1, 50) displayName?: string;
  @OptionalField() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 20, { each: true }) skills?: string[];
  @OptionalField() @IsString() @MaxLength(200) availability?: string;
  @OptionalField() @IsIn(['active', 'inactive']) status?: 'active' | 'inactive';
}

export class AssignTaskDto implements AssignVolunteerTaskRequest {
  @IsString() @Length(1, 200) title: string;
  @OptionalField() @IsInt() @Min(1) eventId?: number;
  @OptionalField() @IsString() @MaxLength(500) note?: string;
}

export class CompleteTaskDto implements CompleteVolunteerTaskRequest {
  @IsInt() @Min(1) @Max(1440) minutes: number;
  @OptionalField() @IsString() @MaxLength(500) note?: string;
}

export class VolunteerQuery extends CursorQueryDto {
  @OptionalField() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
  @OptionalField() @IsIn(VOLUNTEER_KINDS) kind?: string;
  @OptionalField() @IsString() @Length(1, 20) skill?: string;
}

export class TaskQuery extends CursorQueryDto {
  @OptionalField() @IsIn(['assigned', 'done', 'cancelled']) state?: string;
}

export class TotalsQuery {
  @OptionalField() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
}
