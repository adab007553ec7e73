import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsString, Length, Min, ValidateIf } from 'class-validator';
import { CRS, type AreaGeometry, type Crs, type GridNodeEditDto } from '@weigrid/shared';
import { OptionalField } from '../../common/optional.js';

export class GridNodeEditBodyDto implements GridNodeEditDto {
  @ApiProperty({ description: 'The version you saw (GET /grids/:code); a stale one gets 409 CONFLICT' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: 100 })
  @OptionalField()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'GeoJSON Polygon or MultiPolygon (holes allowed); null removes the boundary', nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsObject()
  boundary?: AreaGeometry | null;

  @ApiPropertyOptional({ enum: CRS, default: 'gcj02', description: 'Datum of `boundary`; stored as GCJ-02' })
  @OptionalField()
  @IsIn(CRS)
  crs?: Crs;

  @ApiPropertyOptional({ description: 'A building, market or trade without a boundary' })
  @OptionalField()
  @IsBoolean()
  virtual?: boolean;
}
