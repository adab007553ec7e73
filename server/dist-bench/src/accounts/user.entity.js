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
 * A person who logged in with WeChat. `openid` identifies them for this mini-program; the WeChat
 * `session_key` is kept here (never selected by default, never returned or logged) because group
 * share info can only be decrypted with the key of the user's latest login.
 */
let User = class User {
    id;
    openid;
    unionid;
    name;
    /** Full number, bound through WeChat's phone code; shown masked everywhere. */
    phone;
    phoneBoundAt;
    sessionKey;
    disabled;
    createdAt;
    lastLoginAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], User.prototype, "id", void 0);
__decorate([
    Index('uq_app_user_openid', { unique: true }),
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], User.prototype, "openid", void 0);
__decorate([
    Column({ type: 'varchar', length: 64, nullable: true }),
    __metadata("design:type", Object)
], User.prototype, "unionid", void 0);
__decorate([
    Column({ type: 'varchar', length: 50, charset: 'utf8mb4', nullable: true }),
    __metadata("design:type", Object)
], User.prototype, "name", void 0);
__decorate([
    Column({ type: 'varchar', length: 20, nullable: true }),
    __metadata("design:type", Object)
], User.prototype, "phone", void 0);
__decorate([
    Column({ name: 'phone_bound_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], User.prototype, "phoneBoundAt", void 0);
__decorate([
    Column({ name: 'session_key', type: 'varchar', length: 64, nullable: true, select: false }),
    __metadata("design:type", Object)
], User.prototype, "sessionKey", void 0);
__decorate([
    Column({ type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], User.prototype, "disabled", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], User.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'last_login_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], User.prototype, "lastLoginAt", void 0);
User = __decorate([
    Entity({ name: 'app_user' })
], User);
export { User };
//# sourceMappingURL=user.entity.js.map