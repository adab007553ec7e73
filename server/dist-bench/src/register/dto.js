var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ORG_KINDS, PERSON_TAGS, RELATIONS, RISK_KINDS, RISK_STATES, } from '@weigrid/shared';
const toInt = ({ value }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : NaN);
const toBool = ({ value }) => (value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value);
export class CreatePlaceDto {
    gridCode;
    address;
    building;
    unit;
    room;
    lng;
    lat;
}
__decorate([
    Matches(/^\d{18}$/, { message: 'gridCode must be an 18-digit micro-grid code' }),
    __metadata("design:type", String)
], CreatePlaceDto.prototype, "gridCode", void 0);
__decorate([
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], CreatePlaceDto.prototype, "address", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(20),
    __metadata("design:type", String)
], CreatePlaceDto.prototype, "building", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(20),
    __metadata("design:type", String)
], CreatePlaceDto.prototype, "unit", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(20),
    __metadata("design:type", String)
], CreatePlaceDto.prototype, "room", void 0);
__decorate([
    IsOptional(),
    IsNumber(),
    Min(73),
    Max(136),
    __metadata("design:type", Number)
], CreatePlaceDto.prototype, "lng", void 0);
__decorate([
    IsOptional(),
    IsNumber(),
    Min(3),
    Max(54),
    __metadata("design:type", Number)
], CreatePlaceDto.prototype, "lat", void 0);
export class CreateHouseholdDto {
    placeId;
    code;
    note;
}
__decorate([
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], CreateHouseholdDto.prototype, "placeId", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(32),
    __metadata("design:type", String)
], CreateHouseholdDto.prototype, "code", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(500),
    __metadata("design:type", String)
], CreateHouseholdDto.prototype, "note", void 0);
export class UpdateHouseholdDto {
    version;
    code;
    note;
}
__decorate([
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], UpdateHouseholdDto.prototype, "version", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(32),
    __metadata("design:type", String)
], UpdateHouseholdDto.prototype, "code", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(500),
    __metadata("design:type", String)
], UpdateHouseholdDto.prototype, "note", void 0);
export class PersonDtoIn {
    name;
    relation;
    phone;
    idNumber;
    birthYear;
    tags;
}
__decorate([
    IsString(),
    Length(1, 50),
    __metadata("design:type", String)
], PersonDtoIn.prototype, "name", void 0);
__decorate([
    IsIn(RELATIONS),
    __metadata("design:type", String)
], PersonDtoIn.prototype, "relation", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(30),
    __metadata("design:type", Object)
], PersonDtoIn.prototype, "phone", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(30),
    __metadata("design:type", Object)
], PersonDtoIn.prototype, "idNumber", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    __metadata("design:type", Object)
], PersonDtoIn.prototype, "birthYear", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(10),
    IsIn(PERSON_TAGS, { each: true }),
    __metadata("design:type", Array)
], PersonDtoIn.prototype, "tags", void 0);
export class UpdatePersonDto {
    version;
    name;
    relation;
    phone;
    idNumber;
    birthYear;
    tags;
}
__decorate([
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], UpdatePersonDto.prototype, "version", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(1, 50),
    __metadata("design:type", String)
], UpdatePersonDto.prototype, "name", void 0);
__decorate([
    IsOptional(),
    IsIn(RELATIONS),
    __metadata("design:type", String)
], UpdatePersonDto.prototype, "relation", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(30),
    __metadata("design:type", Object)
], UpdatePersonDto.prototype, "phone", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(30),
    __metadata("design:type", Object)
], UpdatePersonDto.prototype, "idNumber", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    __metadata("design:type", Object)
], UpdatePersonDto.prototype, "birthYear", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(10),
    IsIn(PERSON_TAGS, { each: true }),
    __metadata("design:type", Array)
], UpdatePersonDto.prototype, "tags", void 0);
export class ClaimDto {
    name;
    idNumber;
}
__decorate([
    IsString(),
    Length(1, 50),
    __metadata("design:type", String)
], ClaimDto.prototype, "name", void 0);
__decorate([
    IsString(),
    Length(15, 18),
    __metadata("design:type", String)
], ClaimDto.prototype, "idNumber", void 0);
export class OrganizationDtoIn {
    placeId;
    name;
    kind;
    creditCode;
    contactName;
    contactPhone;
}
__decorate([
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], OrganizationDtoIn.prototype, "placeId", void 0);
__decorate([
    IsString(),
    Length(1, 100),
    __metadata("design:type", String)
], OrganizationDtoIn.prototype, "name", void 0);
__decorate([
    IsIn(ORG_KINDS),
    __metadata("design:type", String)
], OrganizationDtoIn.prototype, "kind", void 0);
__decorate([
    IsOptional(),
    Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'creditCode must be an 18-character 统一社会信用代码' }),
    __metadata("design:type", String)
], OrganizationDtoIn.prototype, "creditCode", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(50),
    __metadata("design:type", String)
], OrganizationDtoIn.prototype, "contactName", void 0);
__decorate([
    IsOptional(),
    Matches(/^[\d+ -]{5,20}$/, { message: 'contactPhone must be a phone number' }),
    __metadata("design:type", String)
], OrganizationDtoIn.prototype, "contactPhone", void 0);
export class RiskDtoIn {
    placeId;
    householdId;
    kind;
    state;
    note;
}
__decorate([
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], RiskDtoIn.prototype, "placeId", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], RiskDtoIn.prototype, "householdId", void 0);
__decorate([
    IsIn(RISK_KINDS),
    __metadata("design:type", String)
], RiskDtoIn.prototype, "kind", void 0);
__decorate([
    IsOptional(),
    IsIn(RISK_STATES),
    __metadata("design:type", String)
], RiskDtoIn.prototype, "state", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(500),
    __metadata("design:type", String)
], RiskDtoIn.prototype, "note", void 0);
export class UpdateRiskDto {
    version;
    state;
    note;
}
__decorate([
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], UpdateRiskDto.prototype, "version", void 0);
__decorate([
    IsOptional(),
    IsIn(RISK_STATES),
    __metadata("design:type", String)
], UpdateRiskDto.prototype, "state", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(500),
    __metadata("design:type", String)
], UpdateRiskDto.prototype, "note", void 0);
export class PageQuery {
    node;
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }),
    __metadata("design:type", String)
], PageQuery.prototype, "node", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], PageQuery.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], PageQuery.prototype, "limit", void 0);
export class RiskQuery extends PageQuery {
    state;
}
__decorate([
    IsOptional(),
    IsIn(RISK_STATES),
    __metadata("design:type", String)
], RiskQuery.prototype, "state", void 0);
export class PeopleQuery {
    node;
    name;
    phone;
    idNumber;
    tag;
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }),
    __metadata("design:type", String)
], PeopleQuery.prototype, "node", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(1, 50),
    __metadata("design:type", String)
], PeopleQuery.prototype, "name", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(30),
    __metadata("design:type", String)
], PeopleQuery.prototype, "phone", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(30),
    __metadata("design:type", String)
], PeopleQuery.prototype, "idNumber", void 0);
__decorate([
    IsOptional(),
    IsIn(PERSON_TAGS),
    __metadata("design:type", String)
], PeopleQuery.prototype, "tag", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], PeopleQuery.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], PeopleQuery.prototype, "limit", void 0);
export class RevealQuery {
    reveal;
}
__decorate([
    IsOptional(),
    Transform(toBool),
    IsBoolean(),
    __metadata("design:type", Boolean)
], RevealQuery.prototype, "reveal", void 0);
export class ExportQuery {
    node;
}
__decorate([
    Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }),
    __metadata("design:type", String)
], ExportQuery.prototype, "node", void 0);
export class AccessLogQuery {
    userId;
    action;
    allowed;
    targetType;
    targetId;
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], AccessLogQuery.prototype, "userId", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(32),
    __metadata("design:type", String)
], AccessLogQuery.prototype, "action", void 0);
__decorate([
    IsOptional(),
    Transform(toBool),
    IsBoolean(),
    __metadata("design:type", Boolean)
], AccessLogQuery.prototype, "allowed", void 0);
__decorate([
    IsOptional(),
    IsIn(['person', 'household', 'place', 'grid', 'risk']),
    __metadata("design:type", String)
], AccessLogQuery.prototype, "targetType", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], AccessLogQuery.prototype, "targetId", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], AccessLogQuery.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], AccessLogQuery.prototype, "limit", void 0);
export { Type };
//# sourceMappingURL=dto.js.map