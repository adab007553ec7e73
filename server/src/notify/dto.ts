import { Transform } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, Max, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import type { SubscriptionReportRequest } from '@weigrid/shared';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CursorQueryDto } from '../common/cursor-query.dto.js';

const ANSWERS = ['accept', 'reject', 'ban', 'filter'];

@ValidatorConstraint({ name: 'subscribeResults' })
class SubscribeResults implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const entries = Object.entries(v);
    return entries.length >= 1 && entries.length <= 10 && entries.every(([k, a]) => /^[\w-]{1,128}$/.test(k) && ANSWERS.includes(a as string));
  }
  defaultMessage(): string {
    return 'results must map 1–10 template ids to accept | reject | ban | filter';
  }
}

export class SubscriptionReportDto implements SubscriptionReportRequest {
  @IsObject()
  @Validate(SubscribeResults)
  results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'>;
}

export class InboxQueryDto extends CursorQueryDto {
  /** The inbox serves at most 100 per page (on top of the common 1…200). */
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @Max(100)
  declare limit?: number;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}
