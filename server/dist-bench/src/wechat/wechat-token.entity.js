var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, PrimaryColumn } from 'typeorm';
/**
 * The one shared WeChat access token per appid. Instances coordinate through `version`
 * (optimistic compare-and-set) and a lease: only the lease holder calls stable_token; the others
 * wait for the row to carry a fresh token. Times are epoch milliseconds (no timezone games).
 */
let WechatToken = class WechatToken {
    appid;
    accessToken;
    expiresAt;
    leaseOwner;
    leaseUntil;
    version;
};
__decorate([
    PrimaryColumn({ type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], WechatToken.prototype, "appid", void 0);
__decorate([
    Column({ name: 'access_token', type: 'varchar', length: 512, nullable: true }),
    __metadata("design:type", Object)
], WechatToken.prototype, "accessToken", void 0);
__decorate([
    Column({ name: 'expires_at', type: 'double', default: 0 }),
    __metadata("design:type", Number)
], WechatToken.prototype, "expiresAt", void 0);
__decorate([
    Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true }),
    __metadata("design:type", Object)
], WechatToken.prototype, "leaseOwner", void 0);
__decorate([
    Column({ name: 'lease_until', type: 'double', default: 0 }),
    __metadata("design:type", Number)
], WechatToken.prototype, "leaseUntil", void 0);
__decorate([
    Column({ type: 'int', default: 0 }),
    __metadata("design:type", Number)
], WechatToken.prototype, "version", void 0);
WechatToken = __decorate([
    Entity({ name: 'wechat_token' })
], WechatToken);
export { WechatToken };
//# sourceMappingURL=wechat-token.entity.js.map