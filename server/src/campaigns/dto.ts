import { IsArray, IsIn, IsInt, IsObject, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AnswerCampaignRequest, Answers, CreateCampaignRequest, Question } from '@weigrid/shared';
import { TokenCursorQueryDto } from '../common/cursor-query.dto.js';
import { OptionalField } from '../common/optional.js';

const CODE = /^\d{4,18}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateCampaignDto implements CreateCampaignRequest {
  @IsString()
  @Length(1, 100)
  title: string;

  @ApiProperty({ description: 'grid code of the subtree the campaign runs in' })
  @Matches(CODE, { message: 'nodeCode must be a grid code' })
  nodeCode: string;

  @ApiPropertyOptional({ description: 'start from a template (sanxunwen = 三询问一完善, return_home = 返乡报备)' })
  @OptionalField()
  @IsString()
  template?: string;

  // items: {} — the service checks each question (validateQuestions in @weigrid/shared), no validator does, so the
  // spec must not claim a type for them (the mini-program's client is generated from it)
  @ApiPropertyOptional({ description: 'the form (Question objects); defaults to the template\'s questions', items: {} })
  @OptionalField()
  @IsArray()
  questions?: Question[];

  @Matches(DAY, { message: 'opensOn must be YYYY-MM-DD' })
  opensOn: string;

  @Matches(DAY, { message: 'closesOn must be YYYY-MM-DD' })
  closesOn: string;

  @OptionalField()
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'helpCategory must be a category code' })
  helpCategory?: string;
}

export class AnswerCampaignDto implements AnswerCampaignRequest {
  @ApiProperty({ description: 'the household\'s micro-grid' })
  @Matches(/^\d{18}$/, { message: 'microGridCode must be an 18-digit micro-grid code' })
  microGridCode: string;

  @ApiProperty({ description: 'building / unit / room, e.g. 3栋2单元501' })
  @IsString()
  @Length(1, 150)
  address: string;

  @ApiPropertyOptional({ description: 'the register household answered for (a resident in one household of the micro-grid may leave it out)' })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  householdId?: number;

  @ApiProperty({ description: 'answers keyed by question id' })
  @IsObject()
  answers: Answers;
}

export class CampaignListQuery extends TokenCursorQueryDto {
  @OptionalField()
  @Matches(CODE, { message: 'node must be a grid code' })
  node?: string;

  @OptionalField()
  @Matches(/^\d{18}$/, { message: 'microGrid must be a micro-grid code' })
  microGrid?: string;

  /** Campaign pages carry progress per campaign: at most 100 (on top of the common 1…200). */
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @Max(100)
  declare limit?: number;
}

export class AnswerListQuery extends TokenCursorQueryDto {
  @OptionalField()
  @Matches(CODE, { message: 'node must be a grid code' })
  node?: string;

  @OptionalField()
  @IsIn(['true', 'false'])
  needsHelp?: 'true' | 'false';
}

export class ProgressQuery {
  @OptionalField()
  @Matches(CODE, { message: 'node must be a grid code' })
  node?: string;
}
