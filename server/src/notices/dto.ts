import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, type CreateNoticeRequest, type Role } from '@weigrid/shared';
import { CursorQueryDto } from '../common/cursor-query.dto.js';

export class CreateNoticeDto implements CreateNoticeRequest {
  @IsString()
  @Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' })
  nodeCode: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES as unknown as string[], { each: true })
  roles?: Role[];

  @IsString()
  @Length(1, 100)
  title: string;

  @IsString()
  @Length(1, 5000)
  body: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsString({ each: true })
  @Matches(/^[\w-]{1,32}$/, { each: true, message: 'attachments must be upload ids' })
  attachments?: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  ackDeadline?: string;
}

export class PendingQueryDto extends CursorQueryDto {
  @IsOptional()
  @IsString()
  @Matches(/^\d{4,21}$/)
  nodeCode?: string;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unacked?: boolean;
}
