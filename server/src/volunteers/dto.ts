import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { VOLUNTEER_KINDS, type AssignVolunteerTaskRequest, type CompleteVolunteerTaskRequest, type VolunteerRegisterRequest } from '@weigrid/shared';
import { CursorQueryDto } from '../common/cursor-query.dto.js';

export class RegisterVolunteerDto implements VolunteerRegisterRequest {
  @IsIn(VOLUNTEER_KINDS) kind: 'volunteer' | 'party_member';
  @Matches(/^\d{18}$/, { message: 'gridCode must be an 18-digit micro-grid code' }) gridCode: string;
  @IsString() @Length(1, 50) displayName: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 20, { each: true }) skills?: string[];
  @IsOptional() @IsString() @MaxLength(200) availability?: string;
  @IsOptional() @IsString() @MaxLength(100) partyOrg?: string;
}

export class UpdateVolunteerDto {
  @IsOptional() @IsString() @Length(1, 50) displayName?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 20, { each: true }) skills?: string[];
  @IsOptional() @IsString() @MaxLength(200) availability?: string;
  @IsOptional() @IsIn(['active', 'inactive']) status?: 'active' | 'inactive';
}

export class AssignTaskDto implements AssignVolunteerTaskRequest {
  @IsString() @Length(1, 200) title: string;
  @IsOptional() @IsInt() @Min(1) eventId?: number;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class CompleteTaskDto implements CompleteVolunteerTaskRequest {
  @IsInt() @Min(1) @Max(1440) minutes: number;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class VolunteerQuery extends CursorQueryDto {
  @IsOptional() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
  @IsOptional() @IsIn(VOLUNTEER_KINDS) kind?: string;
  @IsOptional() @IsString() @Length(1, 20) skill?: string;
}

export class TaskQuery extends CursorQueryDto {
  @IsOptional() @IsIn(['assigned', 'done', 'cancelled']) state?: string;
}

export class TotalsQuery {
  @IsOptional() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
}
