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
 * A role held at a node of the grid tree; it reaches the node's whole subtree. Revoked grants are
 * kept (revoked_at set) for the audit trail; every lookup filters on `revoked_at IS NULL` through
 * the (user_id, revoked_at) index, so a revocation is seen by the very next request.
 */
let RoleGrantRow = class RoleGrantRow {
    id;
    userId;
    role;
    nodeId;
    /** dept_staff only: the department whose categories the holder handles. */
    departmentId;
    /** Null when created by the create-admin CLI. */
    grantedBy;
    createdAt;
    revokedAt;
    revokedBy;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], RoleGrantRow.prototype, "id", void 0);
__decorate([
    Column({ name: 'user_id', type: 'int' }),
    __metadata("design:type", Number)
], RoleGrantRow.prototype, "userId", void 0);
__decorate([
    Column({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], RoleGrantRow.prototype, "role", void 0);
__decorate([
    Column({ name: 'node_id', type: 'int' }),
    __metadata("design:type", Number)
], RoleGrantRow.prototype, "nodeId", void 0);
__decorate([
    Column({ name: 'department_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], RoleGrantRow.prototype, "departmentId", void 0);
__decorate([
    Column({ name: 'granted_by', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], RoleGrantRow.prototype, "grantedBy", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RoleGrantRow.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'revoked_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], RoleGrantRow.prototype, "revokedAt", void 0);
__decorate([
    Column({ name: 'revoked_by', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], RoleGrantRow.prototype, "revokedBy", void 0);
RoleGrantRow = __decorate([
    Entity({ name: 'role_grant' }),
    Index('idx_role_grant_user', ['userId', 'revokedAt']),
    Index('idx_role_grant_node', ['nodeId'])
], RoleGrantRow);
export { RoleGrantRow };
//# sourceMappingURL=role-grant.entity.js.map