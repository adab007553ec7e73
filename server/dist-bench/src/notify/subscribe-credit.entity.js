var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
/**
 * Subscribe-message send credits: each tap on "allow" in wx.requestSubscribeMessage grants ONE send
 * of that template to that user. A push reserves a credit when it is queued (so two pushes never
 * spend the same credit) and gives it back if WeChat refuses the message for a reason of ours.
 */
let SubscribeCredit = class SubscribeCredit {
    id;
    userId;
    templateKey;
    credits;
    updatedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], SubscribeCredit.prototype, "id", void 0);
__decorate([
    Column({ name: 'user_id', type: 'int' }),
    __metadata("design:type", Number)
], SubscribeCredit.prototype, "userId", void 0);
__decorate([
    Column({ name: 'template_key', type: 'varchar', length: 24 }),
    __metadata("design:type", String)
], SubscribeCredit.prototype, "templateKey", void 0);
__decorate([
    Column({ type: 'int', default: 0 }),
    __metadata("design:type", Number)
], SubscribeCredit.prototype, "credits", void 0);
__decorate([
    Column({ name: 'updated_at', type: 'datetime' }),
    __metadata("design:type", Date)
], SubscribeCredit.prototype, "updatedAt", void 0);
SubscribeCredit = __decorate([
    Entity({ name: 'subscribe_credit' }),
    Index('uq_subscribe_credit', ['userId', 'templateKey'], { unique: true }),
    Index('idx_subscribe_credit_template', ['templateKey', 'userId'])
], SubscribeCredit);
export { SubscribeCredit };
//# sourceMappingURL=subscribe-credit.entity.js.map