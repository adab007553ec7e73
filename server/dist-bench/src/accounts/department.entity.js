var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
/** A functional department (城管, 住建…) of a district or city; it owns event categories. */
let Department = class Department {
    id;
    name;
    /** The district or city node the department serves. */
    nodeId;
    createdAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], Department.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar', length: 50, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], Department.prototype, "name", void 0);
__decorate([
    Column({ name: 'node_id', type: 'int' }),
    __metadata("design:type", Number)
], Department.prototype, "nodeId", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], Department.prototype, "createdAt", void 0);
Department = __decorate([
    Entity({ name: 'department' }),
    Index('idx_department_node', ['nodeId'])
], Department);
export { Department };
/** Which categories a department handles: its staff see events of these categories only. */
let DepartmentCategory = class DepartmentCategory {
    departmentId;
    categoryCode;
};
__decorate([
    PrimaryColumn({ name: 'department_id', type: 'int' }),
    __metadata("design:type", Number)
], DepartmentCategory.prototype, "departmentId", void 0);
__decorate([
    PrimaryColumn({ name: 'category_code', type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], DepartmentCategory.prototype, "categoryCode", void 0);
DepartmentCategory = __decorate([
    Entity({ name: 'department_category' }),
    Index('idx_department_category_code', ['categoryCode'])
], DepartmentCategory);
export { DepartmentCategory };
//# sourceMappingURL=department.entity.js.map