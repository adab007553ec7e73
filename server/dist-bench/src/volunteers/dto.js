var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { VOLUNTEER_KINDS } from '@weigrid/shared';
const toInt = ({ value }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : NaN);
export class RegisterVolunteerDto {
    kind;
    gridCode;
    displayName;
    skills;
    availability;
    partyOrg;
}
__decorate([
    IsIn(VOLUNTEER_KINDS),
    __metadata("design:type", String)
], RegisterVolunteerDto.prototype, "kind", void 0);
__decorate([
    Matches(/^\d{18}$/, { message: 'gridCode must be an 18-digit micro-grid code' }),
    __metadata("design:type", String)
], RegisterVolunteerDto.prototype, "gridCode", void 0);
__decorate([
    IsString(),
    Length(1, 50),
    __metadata("design:type", String)
], RegisterVolunteerDto.prototype, "displayName", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    IsString({ each: true }),
    Length(1, 20, { each: true }),
    __metadata("design:type", Array)
], RegisterVolunteerDto.prototype, "skills", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], RegisterVolunteerDto.prototype, "availability", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(100),
    __metadata("design:type", String)
], RegisterVolunteerDto.prototype, "partyOrg", void 0);
export class UpdateVolunteerDto {
    displayName;
    skills;
    availability;
    status;
}
__decorate([
    IsOptional(),
    IsString(),
    Length(1, 50),
    __metadata("design:type", String)
], UpdateVolunteerDto.prototype, "displayName", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    IsString({ each: true }),
    Length(1, 20, { each: true }),
    __metadata("design:type", Array)
], UpdateVolunteerDto.prototype, "skills", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(200),
    __metadata("design:type", String)
], UpdateVolunteerDto.prototype, "availability", void 0);
__decorate([
    IsOptional(),
    IsIn(['active', 'inactive']),
    __metadata("design:type", String)
], UpdateVolunteerDto.prototype, "status", void 0);
export class AssignTaskDto {
    title;
    eventId;
    note;
}
__decorate([
    IsString(),
    Length(1, 200),
    __metadata("design:type", String)
], AssignTaskDto.prototype, "title", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], AssignTaskDto.prototype, "eventId", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(500),
    __metadata("design:type", String)
], AssignTaskDto.prototype, "note", void 0);
export class CompleteTaskDto {
    minutes;
    note;
}
__decorate([
    IsInt(),
    Min(1),
    Max(1440),
    __metadata("design:type", Number)
], CompleteTaskDto.prototype, "minutes", void 0);
__decorate([
    IsOptional(),
    IsString(),
    MaxLength(500),
    __metadata("design:type", String)
], CompleteTaskDto.prototype, "note", void 0);
export class VolunteerQuery {
    node;
    kind;
    skill;
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }),
    __metadata("design:type", String)
], VolunteerQuery.prototype, "node", void 0);
__decorate([
    IsOptional(),
    IsIn(VOLUNTEER_KINDS),
    __metadata("design:type", String)
], VolunteerQuery.prototype, "kind", void 0);
__decorate([
    IsOptional(),
    IsString(),
    Length(1, 20),
    __metadata("design:type", String)
], VolunteerQuery.prototype, "skill", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], VolunteerQuery.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], VolunteerQuery.prototype, "limit", void 0);
export class TaskQuery {
    state;
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    IsIn(['assigned', 'done', 'cancelled']),
    __metadata("design:type", String)
], TaskQuery.prototype, "state", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], TaskQuery.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], TaskQuery.prototype, "limit", void 0);
export class TotalsQuery {
    node;
}
__decorate([
    IsOptional(),
    Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }),
    __metadata("design:type", String)
], TotalsQuery.prototype, "node", void 0);
//# sourceMappingURL=dto.js.map