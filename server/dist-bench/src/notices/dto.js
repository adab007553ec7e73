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
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ROLES } from '@weigrid/shared';
export class CreateNoticeDto {
    nodeCode;
    roles;
    title;
    body;
    attachments;
    ackDeadline;
}
__decorate([
    IsString(),
    Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' }),
    __metadata("design:type", String)
], CreateNoticeDto.prototype, "nodeCode", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(ROLES.length),
    IsIn(ROLES, { each: true }),
    __metadata("design:type", Array)
], CreateNoticeDto.prototype, "roles", void 0);
__decorate([
    IsString(),
    Length(1, 100),
    __metadata("design:type", String)
], CreateNoticeDto.prototype, "title", void 0);
__decorate([
    IsString(),
    Length(1, 5000),
    __metadata("design:type", String)
], CreateNoticeDto.prototype, "body", void 0);
__decorate([
    IsOptional(),
    IsArray(),
    ArrayMaxSize(9),
    IsString({ each: true }),
    Matches(/^[\w-]{1,32}$/, { each: true, message: 'attachments must be upload ids' }),
    __metadata("design:type", Array)
], CreateNoticeDto.prototype, "attachments", void 0);
__decorate([
    IsOptional(),
    IsISO8601({ strict: true }),
    __metadata("design:type", String)
], CreateNoticeDto.prototype, "ackDeadline", void 0);
export class PageQueryDto {
    cursor;
    limit;
}
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], PageQueryDto.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], PageQueryDto.prototype, "limit", void 0);
export class PendingQueryDto extends PageQueryDto {
    nodeCode;
    unacked;
}
__decorate([
    IsOptional(),
    IsString(),
    Matches(/^\d{4,21}$/),
    __metadata("design:type", String)
], PendingQueryDto.prototype, "nodeCode", void 0);
__decorate([
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
    __metadata("design:type", Boolean)
], PendingQueryDto.prototype, "unacked", void 0);
//# sourceMappingURL=dto.js.map