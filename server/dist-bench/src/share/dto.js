var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { IsString, Length, Matches } from 'class-validator';
export class GroupInfoDto {
    code;
    encryptedData;
    iv;
}
__decorate([
    IsString(),
    Length(1, 128),
    __metadata("design:type", String)
], GroupInfoDto.prototype, "code", void 0);
__decorate([
    IsString(),
    Length(16, 8192),
    Matches(/^[A-Za-z0-9+/=]+$/, { message: 'encryptedData must be base64' }),
    __metadata("design:type", String)
], GroupInfoDto.prototype, "encryptedData", void 0);
__decorate([
    IsString(),
    Length(24, 24),
    Matches(/^[A-Za-z0-9+/=]+$/, { message: 'iv must be base64' }),
    __metadata("design:type", String)
], GroupInfoDto.prototype, "iv", void 0);
export class BindGroupDto extends GroupInfoDto {
    nodeCode;
}
__decorate([
    IsString(),
    Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' }),
    __metadata("design:type", String)
], BindGroupDto.prototype, "nodeCode", void 0);
export class NodeCodeQueryDto {
    nodeCode;
}
__decorate([
    IsString(),
    Matches(/^\d{4,21}$/, { message: 'nodeCode must be a grid code' }),
    __metadata("design:type", String)
], NodeCodeQueryDto.prototype, "nodeCode", void 0);
//# sourceMappingURL=dto.js.map