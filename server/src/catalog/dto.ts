import type { CategoryInputRequest } from '@weigrid/shared';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class CategoryInputDto implements CategoryInputRequest {
  @IsString()
  @Length(1, 50)
  name: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{0,32}$/, { message: 'icon must be an icon name (lowercase letters, digits, -)' })
  icon?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  sort?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
