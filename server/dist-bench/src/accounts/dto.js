var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ROLES } from '@weigrid/shared';
export class BindPhoneDto {
    code;
}
__decorate([
    IsString(),
    Length(1, 128),
    __metadata("design:type", String)
], BindPhoneDto.prototype, "code", void 0);
export class UpdateMeDto {
    name;
}
__decorate([
    IsString(),
    Length(1, 50),
    __metadata("design:type", String)
], UpdateMeDto.prototype, "name", void 0);
export class ShareInfoBodyDto {
    encryptedData;
    iv;
}
__decorate([
    IsString(),
    Length(16, 8192),
    Matches(/^[A-Za-z0-9+/=]+$/, { message: 'encryptedData must be base64' }),
    __metadata("design:type", String)
], ShareInfoBodyDto.prototype, "encryptedData", void 0);
__decorate([
    IsString(),
    Length(24, 24),
    Matches(/^[A-Za-z0-9+/=]+$/, { message: 'iv must be base64' }),
    __metadata("design:type", String)
], ShareInfoBodyDto.prototype, "iv", void 0);
export class CreateInviteDto {
    role;
    nodeCode;
    departmentId;
    expiresInHours;
}
__decorate([
    IsIn(ROLES),
    __metadata("design:type", String)
], CreateInviteDto.prototype, "role", void 0);
__decorate([
    IsString(),
    Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' }),
    __metadata("design:type", String)
], CreateInviteDto.prototype, "nodeCode", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], CreateInviteDto.prototype, "departmentId", void 0);
__decorate([
    IsOptional(),
    IsInt(),
    Min(1),
    Max(720),
    __metadata("design:type", Number)
], CreateInviteDto.prototype, "expiresInHours", void 0);
export class NodeQueryDto {
    nodeCode;
    limit;
}
__decorate([
    IsString(),
    Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' }),
    __metadata("design:type", String)
], NodeQueryDto.prototype, "nodeCode", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(200),
    __metadata("design:type", Number)
], NodeQueryDto.prototype, "limit", void 0);
export class CreateDepartmentDto {
    name;
    nodeCode;
    categoryCodes;
}
__decorate([
    IsString(),
    Length(1, 50),
    __metadata("design:type", String)
], CreateDepartmentDto.prototype, "name", void 0);
__decorate([
    IsString(),
    Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' }),
    __metadata("design:type", String)
], CreateDepartmentDto.prototype, "nodeCode", void 0);
__decorate([
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    Length(1, 32, { each: true }),
    __metadata("design:type", Array)
], CreateDepartmentDto.prototype, "categoryCodes", void 0);
//# sourceMappingURL=dto.js.map