import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ApiClientInputRequest, HotlineOrderRequest, Open311AttributeInput, Open311AttributesRequest } from '@weigrid/shared';
import { OptionalField } from '../common/optional.js';
import { EventLocationDto } from '../events/dto.js';

export class ApiClientInputDto implements ApiClientInputRequest {
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{1,49}$/, { message: 'name: 2–50 lowercase letters, digits, _ or -' })
  name: string;

  @OptionalField()
  @IsString()
  @MaxLength(100)
  label?: string;

  @IsIn(['open311', 'hotline'])
  kind: 'open311' | 'hotline';

  @IsString()
  @Matches(/^\d{2,24}$/, { message: 'nodeCode must be a grid code' })
  nodeCode: string;

  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(100_000)
  ratePerMin?: number;

  @OptionalField()
  @IsString()
  @Matches(/^https?:\/\/[^\s]{1,290}$/, { message: 'callbackUrl must be an http(s) URL of at most 300 characters' })
  callbackUrl?: string;

  @OptionalField()
  @IsIn(['own', 'node'])
  callbackScope?: 'own' | 'node';

  @OptionalField()
  @IsString()
  @Matches(/^\d{18}$/, { message: 'fallbackGridCode must be a micro-grid code (18 digits)' })
  fallbackGridCode?: string;

  @OptionalField()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'defaultCategory must be a category code' })
  defaultCategory?: string;
}

export class AttributeValueDto {
  @IsString()
  @Length(1, 50)
  key: string;

  @IsString()
  @Length(1, 100)
  name: string;
}

export class Open311AttributeDto implements Open311AttributeInput {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code: 1–32 letters, digits, _ or -' })
  code: string;

  @IsIn(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'])
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

  @OptionalField()
  @IsBoolean()
  required?: boolean;

  @OptionalField()
  @IsBoolean()
  variable?: boolean;

  @IsString()
  @Length(1, 300)
  description: string;

  @OptionalField()
  @IsString()
  @MaxLength(300)
  datatypeDescription?: string;

  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(10_000)
  order?: number;

  @OptionalField()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AttributeValueDto)
  values?: AttributeValueDto[];
}

export class Open311AttributesDto implements Open311AttributesRequest {
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => Open311AttributeDto)
  attributes: Open311AttributeDto[];
}

export class HotlineContactDto {
  @OptionalField()
  @IsString()
  @MaxLength(50)
  name?: string;

  @OptionalField()
  @IsString()
  @Matches(/^[0-9+() -]{3,30}$/, { message: 'phone: 3–30 digits, spaces, +, -, ( or )' })
  phone?: string;
}

export class HotlineOrderBodyDto implements HotlineOrderRequest {
  @IsString()
  @Matches(/^[\w.:-]{1,64}$/, { message: 'orderId must be 1–64 letters, digits or _.:-' })
  orderId: string;

  @OptionalField()
  @IsString()
  @Length(1, 50)
  categoryHint?: string;

  @IsString()
  @Length(1, 1000)
  content: string;

  @OptionalField()
  @IsString()
  @Length(1, 200)
  address?: string;

  @OptionalField()
  @IsDefined()
  @ValidateNested()
  @Type(() => EventLocationDto)
  location?: EventLocationDto;

  @OptionalField()
  @ValidateNested()
  @Type(() => HotlineContactDto)
  contact?: HotlineContactDto;

  @OptionalField()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'deadline must be a W3C datetime with an offset, e.g. 2026-01-18T18:00:00+08:00' })
  deadline?: string;
}
