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
/** A WeChat group chat (opengid, unique to our mini-program) bound to the micro-grid it serves. */
let GroupBinding = class GroupBinding {
    id;
    opengid;
    nodeId;
    boundBy;
    createdAt;
    updatedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], GroupBinding.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], GroupBinding.prototype, "opengid", void 0);
__decorate([
    Column({ name: 'node_id', type: 'int' }),
    __metadata("design:type", Number)
], GroupBinding.prototype, "nodeId", void 0);
__decorate([
    Column({ name: 'bound_by', type: 'int' }),
    __metadata("design:type", Number)
], GroupBinding.prototype, "boundBy", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], GroupBinding.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'updated_at', type: 'datetime' }),
    __metadata("design:type", Date)
], GroupBinding.prototype, "updatedAt", void 0);
GroupBinding = __decorate([
    Entity({ name: 'group_binding' }),
    Index('uq_group_binding_opengid', ['opengid'], { unique: true }),
    Index('idx_group_binding_node', ['nodeId'])
], GroupBinding);
export { GroupBinding };
//# sourceMappingURL=group-binding.entity.js.map