import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, IsOptional, Max, Min, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import type { SubscriptionReportRequest } from '@weigrid/shared';

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

export class InboxQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  cursor?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}
