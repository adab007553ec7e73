import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, type TransformFnParams } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { OptionalField } from './optional.js';

/** The largest page any list serves; a list may allow fewer (subclass and add a lower `@Max`). */
export const MAX_PAGE_LIMIT = 200;

/**
 * A query-string integer. Missing or empty (`?cursor=` on a first page) is absent; anything but
 * plain digits — 'abc', '1.5', '1e3', '0x10', a repeated parameter — becomes NaN so `IsInt` answers
 * 422 (`Number('')` would silently be 0, `Number('0x10')` 16).
 */
export const toQueryInt = ({ value }: TransformFnParams): unknown =>
  value === undefined || value === '' ? undefined : /^\d+$/.test(String(value)) ? Number(value) : NaN;

/** `?limit=`: page size, 1…200 (the service's default applies when absent). */
export class LimitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: 50 })
  @OptionalField()
  @Transform(toQueryInt)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;
}

/**
 * `?cursor=&limit=` for lists paged by id (keyset, no OFFSET): the cursor is the `nextCursor` of
 * the previous page, i.e. the last id it showed. Extend it with the list's own filters.
 */
export class CursorQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor from the previous page', minimum: 1 })
  @OptionalField()
  @Transform(toQueryInt)
  @IsInt({ message: 'cursor must be an integer' })
  @Min(1)
  cursor?: number;
}

/**
 * The same for lists whose cursor is an opaque token the API handed out (an encoded grid code,
 * a composite key); the service decodes it and answers 422 for one it did not issue.
 */
export class TokenCursorQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
