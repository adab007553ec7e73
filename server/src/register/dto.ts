import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  CLAIM_STATES,
  ORG_KINDS,
  PERSON_TAGS,
  RELATIONS,
  RISK_KINDS,
  RISK_STATES,
  type ClaimRequest,
  type ClaimState,
  type CreateHouseholdRequest,
  type RejectClaimRequest,
  type CreatePlaceRequest,
  type OrganizationInput,
  type PersonInput,
  type RiskInput,
  type UpdateHouseholdRequest,
  type UpdateOrganizationRequest,
  type UpdatePlaceRequest,
  type UpdatePersonRequest,
  type UpdateRiskRequest,
} from '@weigrid/shared';
import { CursorQueryDto, TokenCursorQueryDto } from '../common/cursor-query.dto.js';
import { NullableField, OptionalField } from '../common/optional.js';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : NaN);
const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value);

export class CreatePlaceDto implements CreatePlaceRequest {
  @Matches(/^\d{18}$/, { message: 'gridCode must be an 18-digit micro-grid code' })
  gridCode: string;

  @IsString()
  @Length(1, 200)
  address: string;

  @OptionalField() @IsString() @MaxLength(20) building?: string;
  @OptionalField() @IsString() @MaxLength(20) unit?: string;
  @OptionalField() @IsString() @MaxLength(20) room?: string;

  @OptionalField() @IsNumber() @Min(73) @Max(136) lng?: number;
  @OptionalField() @IsNumber() @Min(3) @Max(54) lat?: number;
}

/** Given fields must be valid: null is only for the point (cleared), never for address or rooms. */
export class UpdatePlaceDto implements UpdatePlaceRequest {
  @IsInt() @Min(0) version: number;
  @ValidateIf((o: UpdatePlaceDto) => o.address !== undefined) @IsString() @Length(1, 200) address?: string;
  @ValidateIf((o: UpdatePlaceDto) => o.building !== undefined) @IsString() @MaxLength(20) building?: string;
  @ValidateIf((o: UpdatePlaceDto) => o.unit !== undefined) @IsString() @MaxLength(20) unit?: string;
  @ValidateIf((o: UpdatePlaceDto) => o.room !== undefined) @IsString() @MaxLength(20) room?: string;
  @NullableField() @IsNumber() @Min(73) @Max(136) lng?: number | null;
  @NullableField() @IsNumber() @Min(3) @Max(54) lat?: number | null;
}

export class CreateHouseholdDto implements CreateHouseholdRequest {
  @IsInt() @Min(1) placeId: number;
  @OptionalField() @IsString() @MaxLength(32) code?: string;
  @OptionalField() @IsString() @MaxLength(500) note?: string;
}

export class UpdateHouseholdDto implements UpdateHouseholdRequest {
  @IsInt() @Min(1) version: number;
  @OptionalField() @IsString() @MaxLength(32) code?: string;
  @OptionalField() @IsString() @MaxLength(500) note?: string;
}

export class PersonDtoIn implements PersonInput {
  @IsString() @Length(1, 50) name: string;
  @IsIn(RELATIONS) relation: string;
  @NullableField() @IsString() @MaxLength(30) phone?: string | null;
  @NullableField() @IsString() @MaxLength(30) idNumber?: string | null;
  @NullableField() @IsInt() birthYear?: number | null;
  @OptionalField() @IsArray() @ArrayMaxSize(10) @IsIn(PERSON_TAGS, { each: true }) tags?: string[];
}

export class UpdatePersonDto implements UpdatePersonRequest {
  @IsInt() @Min(1) version: number;
  @OptionalField() @IsString() @Length(1, 50) name?: string;
  @OptionalField() @IsIn(RELATIONS) relation?: string;
  @NullableField() @IsString() @MaxLength(30) phone?: string | null;
  @NullableField() @IsString() @MaxLength(30) idNumber?: string | null;
  @NullableField() @IsInt() birthYear?: number | null;
  @OptionalField() @IsArray() @ArrayMaxSize(10) @IsIn(PERSON_TAGS, { each: true }) tags?: string[];
}

export class ClaimBodyDto implements ClaimRequest {
  @IsString() @Length(1, 50) name: string;
  @IsString() @Length(15, 18) idNumber: string;
}

export class ClaimsQuery extends CursorQueryDto {
  @OptionalField() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
  /** Default: pending. */
  @OptionalField() @IsIn(CLAIM_STATES) state?: ClaimState;
}

export class RejectClaimDto implements RejectClaimRequest {
  @OptionalField() @IsString() @MaxLength(200) reason?: string;
}

export class OrganizationDtoIn implements OrganizationInput {
  @IsInt() @Min(1) placeId: number;
  @IsString() @Length(1, 100) name: string;
  @IsIn(ORG_KINDS) kind: string;
  @OptionalField() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'creditCode must be an 18-character 统一社会信用代码' }) creditCode?: string;
  @OptionalField() @IsString() @MaxLength(50) contactName?: string;
  @OptionalField() @Matches(/^[\d+ -]{5,20}$/, { message: 'contactPhone must be a phone number' }) contactPhone?: string;
}

/** Name and kind may change but not be cleared; null clears the optional fields. */
export class UpdateOrganizationDto implements UpdateOrganizationRequest {
  @IsInt() @Min(0) version: number;
  @ValidateIf((o: UpdateOrganizationDto) => o.name !== undefined) @IsString() @Length(1, 100) name?: string;
  @ValidateIf((o: UpdateOrganizationDto) => o.kind !== undefined) @IsIn(ORG_KINDS) kind?: string;
  @NullableField() @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'creditCode must be an 18-character 统一社会信用代码' }) creditCode?: string | null;
  @NullableField() @IsString() @MaxLength(50) contactName?: string | null;
  @NullableField() @Matches(/^[\d+ -]{5,20}$/, { message: 'contactPhone must be a phone number' }) contactPhone?: string | null;
}

export class RiskDtoIn implements RiskInput {
  @IsInt() @Min(1) placeId: number;
  @OptionalField() @IsInt() @Min(1) householdId?: number;
  @IsIn(RISK_KINDS) kind: string;
  @OptionalField() @IsIn(RISK_STATES) state?: string;
  @OptionalField() @IsString() @MaxLength(500) note?: string;
}

export class UpdateRiskDto implements UpdateRiskRequest {
  @IsInt() @Min(1) version: number;
  @OptionalField() @IsIn(RISK_STATES) state?: string;
  @OptionalField() @IsString() @MaxLength(500) note?: string;
}

export class PageQuery extends CursorQueryDto {
  @OptionalField() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
}

export class RiskQuery extends PageQuery {
  @OptionalField() @IsIn(RISK_STATES) state?: string;
}

export class PeopleQuery extends TokenCursorQueryDto {
  @OptionalField() @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node?: string;
  @OptionalField() @IsString() @Length(1, 50) name?: string;
  @OptionalField() @IsString() @MaxLength(30) phone?: string;
  @OptionalField() @IsString() @MaxLength(30) idNumber?: string;
  @OptionalField() @IsIn(PERSON_TAGS) tag?: string;
}

export class RevealQuery {
  @OptionalField() @Transform(toBool) @IsBoolean() reveal?: boolean;
}

export class ExportQuery {
  @Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }) node: string;
}

export class AccessLogQuery extends CursorQueryDto {
  @OptionalField() @Transform(toInt) @IsInt() @Min(1) userId?: number;
  @OptionalField() @IsString() @MaxLength(32) action?: string;
  @OptionalField() @Transform(toBool) @IsBoolean() allowed?: boolean;
  @OptionalField() @IsIn(['person', 'household', 'place', 'grid', 'risk', 'organization']) targetType?: string;
  @OptionalField() @Transform(toInt) @IsInt() @Min(1) targetId?: number;
}

export { Type };
