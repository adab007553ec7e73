import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ROLES, type BindPhoneRequest, type CreateDepartmentRequest, type CreateInviteRequest, type Role, type ShareInfoRequest, type UpdateMeRequest } from '@weigrid/shared';
import { LimitQueryDto } from '../common/cursor-query.dto.js';
import { OptionalField } from '../common/optional.js';

export class BindPhoneDto implements BindPhoneRequest {
  @IsString()
  @Length(1, 128)
  code: string;
}

export class UpdateMeDto implements UpdateMeRequest {
  @IsString()
  @Length(1, 50)
  name: string;
}

export class ShareInfoBodyDto implements ShareInfoRequest {
  @IsString()
  @Length(16, 8192)
  @Matches(/^[A-Za-z0-9+/=]+$/, { message: 'encryptedData must be base64' })
  encryptedData: string;

  @IsString()
  @Length(24, 24)
  @Matches(/^[A-Za-z0-9+/=]+$/, { message: 'iv must be base64' })
  iv: string;
}

export class CreateInviteDto implements CreateInviteRequest {
  @IsIn(ROLES)
  role: Role;

  @IsString()
  @Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' })
  nodeCode: string;

  @OptionalField()
  @IsInt()
  @Min(1)
  departmentId?: number;

  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(720)
  expiresInHours?: number;
}

export class NodeQueryDto extends LimitQueryDto {
  @IsString()
  @Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' })
  nodeCode: string;
}

export class CreateDepartmentDto implements CreateDepartmentRequest {
  @IsString()
  @Length(1, 50)
  name: string;

  @IsString()
  @Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' })
  nodeCode: string;

  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  categoryCodes: string[];
}

export class GrantsQueryDto extends NodeQueryDto {
  /** Cursor: grants with id below this (the last id of the previous page). */
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;
}
