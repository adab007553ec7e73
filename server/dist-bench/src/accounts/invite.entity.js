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
/** A one-time invitation to take a role at a node; accepted by a logged-in user with the code. */
let Invite = class Invite {
    id;
    code;
    role;
    nodeId;
    departmentId;
    /** Null when created by the create-admin CLI. */
    createdBy;
    createdAt;
    expiresAt;
    usedBy;
    usedAt;
    revokedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], Invite.prototype, "id", void 0);
__decorate([
    Index('uq_invite_code', { unique: true }),
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], Invite.prototype, "code", void 0);
__decorate([
    Column({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], Invite.prototype, "role", void 0);
__decorate([
    Column({ name: 'node_id', type: 'int' }),
    __metadata("design:type", Number)
], Invite.prototype, "nodeId", void 0);
__decorate([
    Column({ name: 'department_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], Invite.prototype, "departmentId", void 0);
__decorate([
    Column({ name: 'created_by', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], Invite.prototype, "createdBy", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], Invite.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'expires_at', type: 'datetime' }),
    __metadata("design:type", Date)
], Invite.prototype, "expiresAt", void 0);
__decorate([
    Column({ name: 'used_by', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], Invite.prototype, "usedBy", void 0);
__decorate([
    Column({ name: 'used_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], Invite.prototype, "usedAt", void 0);
__decorate([
    Column({ name: 'revoked_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], Invite.prototype, "revokedAt", void 0);
Invite = __decorate([
    Entity({ name: 'invite' }),
    Index('idx_invite_node', ['nodeId'])
], Invite);
export { Invite };
//# sourceMappingURL=invite.entity.js.map