import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { OptionalField } from '../common/optional.js';

const CODE = /^\d{4,18}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class StatsQuery {
  @ApiProperty({ description: 'grid code of the subtree' })
  @Matches(CODE, { message: 'node must be a grid code' })
  node: string;

  @ApiProperty({ description: 'first local day of the period (events reported from this day)' })
  @Matches(DAY, { message: 'from must be YYYY-MM-DD' })
  from: string;

  @ApiProperty({ description: 'last local day, inclusive' })
  @Matches(DAY, { message: 'to must be YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ enum: ['day', 'week'], description: 'time series buckets; default day up to 62 days, else week' })
  @OptionalField()
  @IsIn(['day', 'week'])
  interval?: 'day' | 'week';
}

export class BulletinQuery {
  @ApiProperty({ description: 'grid code; its children are ranked' })
  @Matches(CODE, { message: 'node must be a grid code' })
  node: string;

  @ApiProperty({ description: 'calendar month YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiPropertyOptional({ enum: ['json', 'xlsx', 'html'], default: 'json' })
  @OptionalField()
  @IsIn(['json', 'xlsx', 'html'])
  format?: 'json' | 'xlsx' | 'html';
}
