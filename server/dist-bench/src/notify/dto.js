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
import { IsBoolean, IsInt, IsObject, IsOptional, Max, Min, Validate, ValidatorConstraint } from 'class-validator';
const ANSWERS = ['accept', 'reject', 'ban', 'filter'];
let SubscribeResults = class SubscribeResults {
    validate(v) {
        if (typeof v !== 'object' || v === null || Array.isArray(v))
            return false;
        const entries = Object.entries(v);
        return entries.length >= 1 && entries.length <= 10 && entries.every(([k, a]) => /^[\w-]{1,128}$/.test(k) && ANSWERS.includes(a));
    }
    defaultMessage() {
        return 'results must map 1–10 template ids to accept | reject | ban | filter';
    }
};
SubscribeResults = __decorate([
    ValidatorConstraint({ name: 'subscribeResults' })
], SubscribeResults);
export class SubscriptionReportDto {
    results;
}
__decorate([
    IsObject(),
    Validate(SubscribeResults),
    __metadata("design:type", Object)
], SubscriptionReportDto.prototype, "results", void 0);
export class InboxQueryDto {
    cursor;
    limit;
    unread;
}
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    __metadata("design:type", Number)
], InboxQueryDto.prototype, "cursor", void 0);
__decorate([
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(100),
    __metadata("design:type", Number)
], InboxQueryDto.prototype, "limit", void 0);
__decorate([
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
    __metadata("design:type", Boolean)
], InboxQueryDto.prototype, "unread", void 0);
//# sourceMappingURL=dto.js.map