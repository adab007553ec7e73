import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type, type TransformFnParams } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CRS, type Crs, type PatrolCheckinRequest, type PatrolFindingInput } from '@weigrid/shared';
import { OptionalField } from '../common/optional.js';

const CODE = /^\d{4,18}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Query-string integers: anything but plain digits becomes NaN so IsInt names the field. */
const toInt = ({ value }: TransformFnParams): unknown => (value === undefined ? undefined : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN);

export class PatrolLocationDto {
  @IsDefined({ message: 'lat is required' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lat must be a number' })
  @Min(-90)
  @Max(90)
  lat: number;

  @IsDefined({ message: 'lng is required' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lng must be a number' })
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiPropertyOptional({ enum: CRS, default: 'gcj02' })
  @OptionalField()
  @IsIn(CRS)
  crs?: Crs;
}

export class PatrolFindingDto implements PatrolFindingInput {
  @ApiProperty({ description: 'event category code' })
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'category must be a category code' })
  category: string;

  @IsString()
  @Length(1, 500)
  description: string;

  @OptionalField()
  @IsBoolean()
  selfHandled?: boolean;
}

export class CreateCheckinDto implements PatrolCheckinRequest {
  @ApiProperty({ description: 'client-generated idempotency key (UUID)' })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'requestId must be 8–64 letters, digits, - or _' })
  requestId: string;

  @ApiProperty({ type: PatrolLocationDto })
  @IsDefined({ message: 'location is required' })
  @IsObject({ message: 'location must be an object {lat, lng}' })
  @ValidateNested()
  @Type(() => PatrolLocationDto)
  location: PatrolLocationDto;

  @OptionalField()
  @IsString()
  @Length(0, 500)
  note?: string;

  @ApiPropertyOptional({ type: [String], description: 'upload ids of your own photos (at most 9)' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(9)
  @Matches(/^[A-Za-z0-9_-]{8,32}$/, { each: true, message: 'each photo must be an upload id' })
  photos?: string[];

  @ApiPropertyOptional({ description: 'when the check-in was made (ISO 8601), for ones sent late from an offline queue' })
  @OptionalField()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time' })
  at?: string;

  @ApiPropertyOptional({ type: PatrolFindingDto })
  @OptionalField()
  @IsObject({ message: 'finding must be an object {category, description, selfHandled}' })
  @ValidateNested()
  @Type(() => PatrolFindingDto)
  finding?: PatrolFindingDto;
}

export class TrackQuery {
  @ApiPropertyOptional({ description: 'user id; default: yourself' })
  @OptionalField()
  @Transform(toInt)
  @IsInt({ message: 'user must be a user id' })
  @Min(1)
  user?: number;

  @ApiProperty({ description: 'local day YYYY-MM-DD' })
  @Matches(DAY, { message: 'date must be YYYY-MM-DD' })
  date: string;
}

export class PeriodQuery {
  @ApiProperty({ description: 'grid code of the subtree' })
  @Matches(CODE, { message: 'node must be a grid code' })
  node: string;

  @ApiProperty({ description: 'first local day, YYYY-MM-DD' })
  @Matches(DAY, { message: 'from must be YYYY-MM-DD' })
  from: string;

  @ApiProperty({ description: 'last local day (inclusive), YYYY-MM-DD' })
  @Matches(DAY, { message: 'to must be YYYY-MM-DD' })
  to: string;
}

export class CoverageQuery extends PeriodQuery {
  @OptionalField()
  @IsString()
  @Length(1, 64)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'grids per page' })
  @OptionalField()
  @Transform(toInt)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class LedgerQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @OptionalField()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}
