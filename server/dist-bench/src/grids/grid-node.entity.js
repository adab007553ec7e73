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
 * A node of the grid tree (city → … → micro-grid). `path` is a materialized path of codes
 * ("5101/510104/510104001/"), so a subtree is one indexed `path LIKE 'prefix%'` range scan and
 * an ancestor list is the path split, with no recursive queries.
 */
let GridNode = class GridNode {
    id;
    code;
    name;
    level;
    parentId;
    path;
    depth;
    /** A building, market or trade with no polygon: chosen by code or QR, never by location. */
    virtual;
    /** GeoJSON Polygon or MultiPolygon geometry, in `crs`. */
    boundary;
    crs;
    minLng;
    minLat;
    maxLng;
    maxLat;
    /** True for generated demo boundaries, so nobody mistakes them for surveyed ones. */
    synthetic;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], GridNode.prototype, "id", void 0);
__decorate([
    Index('uq_grid_node_code', { unique: true }),
    Column({ type: 'varchar', length: 18 }),
    __metadata("design:type", String)
], GridNode.prototype, "code", void 0);
__decorate([
    Column({ type: 'varchar', length: 100, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], GridNode.prototype, "name", void 0);
__decorate([
    Column({ type: 'varchar', length: 12 }),
    __metadata("design:type", String)
], GridNode.prototype, "level", void 0);
__decorate([
    Column({ name: 'parent_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], GridNode.prototype, "parentId", void 0);
__decorate([
    Column({ type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], GridNode.prototype, "path", void 0);
__decorate([
    Column({ type: 'int', default: 0 }),
    __metadata("design:type", Number)
], GridNode.prototype, "depth", void 0);
__decorate([
    Column({ name: 'is_virtual', type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], GridNode.prototype, "virtual", void 0);
__decorate([
    Column({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], GridNode.prototype, "boundary", void 0);
__decorate([
    Column({ type: 'varchar', length: 8, default: 'gcj02' }),
    __metadata("design:type", String)
], GridNode.prototype, "crs", void 0);
__decorate([
    Column({ name: 'min_lng', type: 'double', nullable: true }),
    __metadata("design:type", Object)
], GridNode.prototype, "minLng", void 0);
__decorate([
    Column({ name: 'min_lat', type: 'double', nullable: true }),
    __metadata("design:type", Object)
], GridNode.prototype, "minLat", void 0);
__decorate([
    Column({ name: 'max_lng', type: 'double', nullable: true }),
    __metadata("design:type", Object)
], GridNode.prototype, "maxLng", void 0);
__decorate([
    Column({ name: 'max_lat', type: 'double', nullable: true }),
    __metadata("design:type", Object)
], GridNode.prototype, "maxLat", void 0);
__decorate([
    Column({ type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], GridNode.prototype, "synthetic", void 0);
GridNode = __decorate([
    Entity({ name: 'grid_node' }),
    Index('idx_grid_node_path', ['path']),
    Index('idx_grid_node_parent', ['parentId'])
], GridNode);
export { GridNode };
//# sourceMappingURL=grid-node.entity.js.map