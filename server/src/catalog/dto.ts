import type { CategoryInputRequest } from '@weigrid/shared';
import { IsBoolean, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { OptionalField } from '../common/optional.js';

export class CategoryInputDto implements CategoryInputRequest {
  @IsString()
  @Length(1, 50)
  name: string;

  @OptionalField()
  @IsString()
  @Matches(/^[a-z0-9-]{0,32}$/, { message: 'icon must be an icon name (lowercase letters, digits, -)' })
  icon?: string;

  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(100_000)
  sort?: number;

  @OptionalField()
  @IsBoolean()
  active?: boolean;
}
