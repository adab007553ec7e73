import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, type TransformFnParams } from 'class-transformer';
import { IsDefined, IsIn, IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CRS, GRID_LEVELS, type Crs, type GridLevel } from '@weigrid/shared';
import { TokenCursorQueryDto } from '../../common/cursor-query.dto.js';
import { OptionalField } from '../../common/optional.js';

/**
 * Query-string numbers: a missing value stays undefined (→ "required" when required); anything
 * that is not a plain decimal number — '', 'abc', '1,2', a repeated parameter — becomes NaN so
 * IsNumber rejects it (Number('') would silently be 0).
 */
export const toQueryNumber = ({ value }: TransformFnParams): unknown => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return NaN;
  return Number(value);
};

export class LocateQueryDto {
  @ApiProperty({ description: 'Latitude, degrees (-90…90)', example: 30.6566 })
  @Transform(toQueryNumber)
  @IsDefined({ message: 'lat is required' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lat must be a number' })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ description: 'Longitude, degrees (-180…180)', example: 104.0833 })
  @Transform(toQueryNumber)
  @IsDefined({ message: 'lng is required' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lng must be a number' })
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiPropertyOptional({ enum: CRS, default: 'gcj02', description: 'gcj02 (WeChat getLocation type gcj02, Chinese maps) or wgs84 (GPS)' })
  @OptionalField()
  @IsIn(CRS)
  crs?: Crs;
}

export class SearchQueryDto extends TokenCursorQueryDto {
  @ApiProperty({ description: 'Part of a name, or the start of a code' })
  @IsDefined({ message: 'q is required' })
  @IsString()
  @Length(1, 50)
  q: string;

  @ApiPropertyOptional({ enum: GRID_LEVELS })
  @OptionalField()
  @IsIn(GRID_LEVELS)
  level?: GridLevel;

  @ApiPropertyOptional({ description: 'Only inside this node (code)' })
  @OptionalField()
  @Matches(/^\d{2,18}$/, { message: 'under must be a grid code' })
  under?: string;
}

export class GeoJsonQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated levels to include, e.g. "grid,micro"' })
  @OptionalField()
  @Transform(({ value }: TransformFnParams) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsIn(GRID_LEVELS, { each: true, message: `levels must be among ${GRID_LEVELS.join(', ')}` })
  levels?: GridLevel[];

  @ApiPropertyOptional({ enum: CRS, default: 'gcj02' })
  @OptionalField()
  @IsIn(CRS)
  crs?: Crs;
}
