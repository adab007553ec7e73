import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsString, Length, Matches } from 'class-validator';
import { ROLES, type CreateNoticeRequest, type Role } from '@weigrid/shared';
import { CursorQueryDto } from '../common/cursor-query.dto.js';
import { OptionalField } from '../common/optional.js';

export class CreateNoticeDto implements CreateNoticeRequest {
  @IsString()
  @Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' })
  nodeCode: string;

  @OptionalField()
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

  @OptionalField()
  @IsArray()
  @ArrayMaxSize(9)
  @IsString({ each: true })
  @Matches(/^[\w-]{1,32}$/, { each: true, message: 'attachments must be upload ids' })
  attachments?: string[];

  @OptionalField()
  @IsISO8601({ strict: true })
  ackDeadline?: string;
}

export class PendingQueryDto extends CursorQueryDto {
  @OptionalField()
  @IsString()
  @Matches(/^\d{4,21}$/)
  nodeCode?: string;

  @OptionalField()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unacked?: boolean;
}
