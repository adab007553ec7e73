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
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PERSON_TAGS } from '@weigrid/shared';
const toInt = ({ value }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : NaN);
const toBool = ({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);
export class CreateScheduleDto {
    personId;
    tag;
    intervalDays;
    firstDueAt;
}
__decorate([
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], CreateScheduleDto.prototype, "personId", void 0);
__decorate([
    IsIn(PERSON_TAGS),
    __metadata("design:type", String)
], CreateScheduleDto.prototype, "tag", void 0);
__decorate([
    IsInt(),
    Min(1),
    Max(365),
    __metadata("design:type", Number)
], CreateScheduleDto.prototype, "intervalDays", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], CreateScheduleDto.prototype, "firstDueAt", void 0);
export class CreateVisitDto {
    personId;
    scheduleId;
    notes;
    photos;
    visitedAt;
    eventId;
}
__decorate([
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], CreateVisitDto.prototype, "personId", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], CreateVisitDto.prototype, "scheduleId", void 0);
__decorate([
    IsString(),
    Length(1, 2000),
    __metadata("design:type", String)
], CreateVisitDto.prototype, "notes", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(9),
    Matches(/^[A-Za-z0-9_-]{8,32}$/, { each: true, message: 'photos must be upload ids' }),
    __metadata("design:type", Array)
], CreateVisitDto.prototype, "photos", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], CreateVisitDto.prototype, "visitedAt", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], CreateVisitDto.prototype, "eventId", void 0);
export class ScheduleQuery {
    node;
    overdue;
    personId;
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }),
    __metadata("design:type", String)
], ScheduleQuery.prototype, "node", void 0);
__decorate([
    IsOptional(),
    Transform(toBool),
    IsBoolean(),
    __metadata("design:type", Boolean)
], ScheduleQuery.prototype, "overdue", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], ScheduleQuery.prototype, "personId", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], ScheduleQuery.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], ScheduleQuery.prototype, "limit", void 0);
export class VisitQuery {
    node;
    personId;
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }),
    __metadata("design:type", String)
], VisitQuery.prototype, "node", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], VisitQuery.prototype, "personId", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], VisitQuery.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Transform(toInt),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], VisitQuery.prototype, "limit", void 0);
export class NodeQuery {
    node;
}
__decorate([
    IsOptional(),
    Matches(/^\d{4,21}$/, { message: 'node must be a grid code' }),
    __metadata("design:type", String)
], NodeQuery.prototype, "node", void 0);
//# sourceMappingURL=dto.js.map