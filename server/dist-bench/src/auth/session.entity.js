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
 * A login session. The refresh token is `r1.<id>.<secret>`; only the SHA-256 of the current
 * secret is stored, and the previous one too so that replaying a rotated token (a sign of theft)
 * revokes the whole session.
 */
let AuthSession = class AuthSession {
    id;
    userId;
    refreshHash;
    prevRefreshHash;
    createdAt;
    lastUsedAt;
    expiresAt;
    revokedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], AuthSession.prototype, "id", void 0);
__decorate([
    Column({ name: 'user_id', type: 'int' }),
    __metadata("design:type", Number)
], AuthSession.prototype, "userId", void 0);
__decorate([
    Column({ name: 'refresh_hash', type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], AuthSession.prototype, "refreshHash", void 0);
__decorate([
    Column({ name: 'prev_refresh_hash', type: 'varchar', length: 64, nullable: true }),
    __metadata("design:type", Object)
], AuthSession.prototype, "prevRefreshHash", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], AuthSession.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'last_used_at', type: 'datetime' }),
    __metadata("design:type", Date)
], AuthSession.prototype, "lastUsedAt", void 0);
__decorate([
    Column({ name: 'expires_at', type: 'datetime' }),
    __metadata("design:type", Date)
], AuthSession.prototype, "expiresAt", void 0);
__decorate([
    Column({ name: 'revoked_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], AuthSession.prototype, "revokedAt", void 0);
AuthSession = __decorate([
    Entity({ name: 'auth_session' }),
    Index('idx_auth_session_user', ['userId'])
], AuthSession);
export { AuthSession };
//# sourceMappingURL=session.entity.js.map