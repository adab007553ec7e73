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
/*
 * The household register (一户一档). Every row carries `grid_path`, the materialized path of its
 * micro-grid (copied from grid_node.path), so a scope check or a subtree listing is one indexed
 * `grid_path LIKE 'prefix%'` range scan with no join to the tree. Grid codes encode their parent,
 * so a micro-grid's path does not change under a row.
 */
/** 地: an address inside a micro-grid (building / unit / room; '' when not applicable). */
let RegPlace = class RegPlace {
    id;
    gridNodeId;
    gridPath;
    address;
    building;
    unit;
    room;
    /** GCJ-02, optional. */
    lng;
    lat;
    createdAt;
    updatedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], RegPlace.prototype, "id", void 0);
__decorate([
    Column({ name: 'grid_node_id', type: 'int' }),
    __metadata("design:type", Number)
], RegPlace.prototype, "gridNodeId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], RegPlace.prototype, "gridPath", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], RegPlace.prototype, "address", void 0);
__decorate([
    Column({ type: 'varchar', length: 20, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], RegPlace.prototype, "building", void 0);
__decorate([
    Column({ type: 'varchar', length: 20, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], RegPlace.prototype, "unit", void 0);
__decorate([
    Column({ type: 'varchar', length: 20, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], RegPlace.prototype, "room", void 0);
__decorate([
    Column({ type: 'double', nullable: true }),
    __metadata("design:type", Object)
], RegPlace.prototype, "lng", void 0);
__decorate([
    Column({ type: 'double', nullable: true }),
    __metadata("design:type", Object)
], RegPlace.prototype, "lat", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegPlace.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'updated_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegPlace.prototype, "updatedAt", void 0);
RegPlace = __decorate([
    Entity({ name: 'reg_place' }),
    Index('uq_reg_place_address', ['gridNodeId', 'address', 'building', 'unit', 'room'], { unique: true }),
    Index('idx_reg_place_path', ['gridPath'])
], RegPlace);
export { RegPlace };
/** 户: a household living at a place. */
let RegHousehold = class RegHousehold {
    id;
    placeId;
    gridNodeId;
    gridPath;
    /** The household's number in the community's own books (户编号), '' when none. */
    code;
    note;
    version;
    createdAt;
    updatedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], RegHousehold.prototype, "id", void 0);
__decorate([
    Column({ name: 'place_id', type: 'int' }),
    __metadata("design:type", Number)
], RegHousehold.prototype, "placeId", void 0);
__decorate([
    Column({ name: 'grid_node_id', type: 'int' }),
    __metadata("design:type", Number)
], RegHousehold.prototype, "gridNodeId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], RegHousehold.prototype, "gridPath", void 0);
__decorate([
    Column({ type: 'varchar', length: 32, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], RegHousehold.prototype, "code", void 0);
__decorate([
    Column({ type: 'varchar', length: 500, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], RegHousehold.prototype, "note", void 0);
__decorate([
    Column({ type: 'int', default: 1 }),
    __metadata("design:type", Number)
], RegHousehold.prototype, "version", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegHousehold.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'updated_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegHousehold.prototype, "updatedAt", void 0);
RegHousehold = __decorate([
    Entity({ name: 'reg_household' }),
    Index('idx_reg_household_place', ['placeId']),
    Index('idx_reg_household_path', ['gridPath'])
], RegHousehold);
export { RegHousehold };
/**
 * 人: a person in a household. ID and phone numbers are stored only as AES-256-GCM ciphertext
 * plus a keyed hash for exact lookup (see pii-cipher.ts and docs/privacy.md). The name is kept
 * in clear so that prefix search works; it is masked in API answers for roles that do not need it.
 */
let RegPerson = class RegPerson {
    id;
    householdId;
    gridPath;
    name;
    relation;
    phoneEnc;
    phoneHash;
    idEnc;
    idHash;
    birthYear;
    gender;
    /** Tags joined by ',' for display; reg_person_tag is what searches use. */
    tags;
    /** The resident's account, once linked: they may then see and correct their own household. */
    userId;
    version;
    createdAt;
    updatedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], RegPerson.prototype, "id", void 0);
__decorate([
    Column({ name: 'household_id', type: 'int' }),
    __metadata("design:type", Number)
], RegPerson.prototype, "householdId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], RegPerson.prototype, "gridPath", void 0);
__decorate([
    Column({ type: 'varchar', length: 50, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], RegPerson.prototype, "name", void 0);
__decorate([
    Column({ type: 'varchar', length: 10, charset: 'utf8mb4', default: '其他' }),
    __metadata("design:type", String)
], RegPerson.prototype, "relation", void 0);
__decorate([
    Column({ name: 'phone_enc', type: 'varchar', length: 120, nullable: true }),
    __metadata("design:type", Object)
], RegPerson.prototype, "phoneEnc", void 0);
__decorate([
    Column({ name: 'phone_hash', type: 'varchar', length: 32, nullable: true }),
    __metadata("design:type", Object)
], RegPerson.prototype, "phoneHash", void 0);
__decorate([
    Column({ name: 'id_enc', type: 'varchar', length: 120, nullable: true }),
    __metadata("design:type", Object)
], RegPerson.prototype, "idEnc", void 0);
__decorate([
    Column({ name: 'id_hash', type: 'varchar', length: 32, nullable: true }),
    __metadata("design:type", Object)
], RegPerson.prototype, "idHash", void 0);
__decorate([
    Column({ name: 'birth_year', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], RegPerson.prototype, "birthYear", void 0);
__decorate([
    Column({ type: 'varchar', length: 6, nullable: true }),
    __metadata("design:type", Object)
], RegPerson.prototype, "gender", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], RegPerson.prototype, "tags", void 0);
__decorate([
    Column({ name: 'user_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], RegPerson.prototype, "userId", void 0);
__decorate([
    Column({ type: 'int', default: 1 }),
    __metadata("design:type", Number)
], RegPerson.prototype, "version", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegPerson.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'updated_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegPerson.prototype, "updatedAt", void 0);
RegPerson = __decorate([
    Entity({ name: 'reg_person' }),
    Index('idx_reg_person_household', ['householdId']),
    Index('idx_reg_person_name', ['name', 'gridPath']),
    Index('idx_reg_person_path', ['gridPath']),
    Index('idx_reg_person_phone', ['phoneHash']),
    Index('idx_reg_person_idno', ['idHash']),
    Index('idx_reg_person_user', ['userId'])
], RegPerson);
export { RegPerson };
/** One row per (person, tag), keyed for "all 独居老人 in this street" as one range scan. */
let RegPersonTag = class RegPersonTag {
    personId;
    tag;
    gridPath;
};
__decorate([
    PrimaryColumn({ name: 'person_id', type: 'int' }),
    __metadata("design:type", Number)
], RegPersonTag.prototype, "personId", void 0);
__decorate([
    PrimaryColumn({ type: 'varchar', length: 16, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], RegPersonTag.prototype, "tag", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], RegPersonTag.prototype, "gridPath", void 0);
RegPersonTag = __decorate([
    Entity({ name: 'reg_person_tag' }),
    Index('idx_reg_person_tag_scope', ['tag', 'gridPath', 'personId'])
], RegPersonTag);
export { RegPersonTag };
/** 组织: a shop, company or association at a place. Contacts are business contacts, kept in clear. */
let RegOrganization = class RegOrganization {
    id;
    placeId;
    gridPath;
    name;
    kind;
    /** 统一社会信用代码, optional. */
    creditCode;
    contactName;
    contactPhone;
    createdAt;
    updatedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], RegOrganization.prototype, "id", void 0);
__decorate([
    Column({ name: 'place_id', type: 'int' }),
    __metadata("design:type", Number)
], RegOrganization.prototype, "placeId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], RegOrganization.prototype, "gridPath", void 0);
__decorate([
    Column({ type: 'varchar', length: 100, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], RegOrganization.prototype, "name", void 0);
__decorate([
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], RegOrganization.prototype, "kind", void 0);
__decorate([
    Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true }),
    __metadata("design:type", Object)
], RegOrganization.prototype, "creditCode", void 0);
__decorate([
    Column({ name: 'contact_name', type: 'varchar', length: 50, charset: 'utf8mb4', nullable: true }),
    __metadata("design:type", Object)
], RegOrganization.prototype, "contactName", void 0);
__decorate([
    Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true }),
    __metadata("design:type", Object)
], RegOrganization.prototype, "contactPhone", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegOrganization.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'updated_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegOrganization.prototype, "updatedAt", void 0);
RegOrganization = __decorate([
    Entity({ name: 'reg_organization' }),
    Index('idx_reg_org_place', ['placeId']),
    Index('idx_reg_org_path', ['gridPath'])
], RegOrganization);
export { RegOrganization };
/** 物: a risk at a place (gas, e-bike charging, vacant building…) and where its rectification stands. */
let RegRiskItem = class RegRiskItem {
    id;
    placeId;
    householdId;
    gridPath;
    kind;
    state;
    note;
    version;
    createdAt;
    updatedAt;
    resolvedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], RegRiskItem.prototype, "id", void 0);
__decorate([
    Column({ name: 'place_id', type: 'int' }),
    __metadata("design:type", Number)
], RegRiskItem.prototype, "placeId", void 0);
__decorate([
    Column({ name: 'household_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], RegRiskItem.prototype, "householdId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], RegRiskItem.prototype, "gridPath", void 0);
__decorate([
    Column({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], RegRiskItem.prototype, "kind", void 0);
__decorate([
    Column({ type: 'varchar', length: 12, default: 'open' }),
    __metadata("design:type", String)
], RegRiskItem.prototype, "state", void 0);
__decorate([
    Column({ type: 'varchar', length: 500, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], RegRiskItem.prototype, "note", void 0);
__decorate([
    Column({ type: 'int', default: 1 }),
    __metadata("design:type", Number)
], RegRiskItem.prototype, "version", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegRiskItem.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'updated_at', type: 'datetime' }),
    __metadata("design:type", Date)
], RegRiskItem.prototype, "updatedAt", void 0);
__decorate([
    Column({ name: 'resolved_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], RegRiskItem.prototype, "resolvedAt", void 0);
RegRiskItem = __decorate([
    Entity({ name: 'reg_risk_item' }),
    Index('idx_reg_risk_place', ['placeId']),
    Index('idx_reg_risk_path', ['gridPath', 'state'])
], RegRiskItem);
export { RegRiskItem };
/**
 * Who looked at whose personal data, and who tried to look outside their scope (PIPL art. 51:
 * access control and audit). Rows are only ever inserted; admins query them.
 */
let RegAccessLog = class RegAccessLog {
    id;
    at;
    userId;
    /** person.read_full, person.lookup, household.read, register.export, … */
    action;
    targetType;
    targetId;
    /** The target's grid path (what scope it lives in), so each level's admins see their own part of the log. */
    gridPath;
    allowed;
    detail;
    requestId;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], RegAccessLog.prototype, "id", void 0);
__decorate([
    Column({ type: 'datetime' }),
    __metadata("design:type", Date)
], RegAccessLog.prototype, "at", void 0);
__decorate([
    Column({ name: 'user_id', type: 'int' }),
    __metadata("design:type", Number)
], RegAccessLog.prototype, "userId", void 0);
__decorate([
    Column({ type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], RegAccessLog.prototype, "action", void 0);
__decorate([
    Column({ name: 'target_type', type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], RegAccessLog.prototype, "targetType", void 0);
__decorate([
    Column({ name: 'target_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], RegAccessLog.prototype, "targetId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200, nullable: true }),
    __metadata("design:type", Object)
], RegAccessLog.prototype, "gridPath", void 0);
__decorate([
    Column({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], RegAccessLog.prototype, "allowed", void 0);
__decorate([
    Column({ type: 'varchar', length: 300, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], RegAccessLog.prototype, "detail", void 0);
__decorate([
    Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true }),
    __metadata("design:type", Object)
], RegAccessLog.prototype, "requestId", void 0);
RegAccessLog = __decorate([
    Entity({ name: 'reg_access_log' }),
    Index('idx_reg_access_at', ['at']),
    Index('idx_reg_access_user', ['userId', 'at']),
    Index('idx_reg_access_target', ['targetType', 'targetId']),
    Index('idx_reg_access_path', ['gridPath', 'at'])
], RegAccessLog);
export { RegAccessLog };
export const REGISTER_ENTITIES = [RegPlace, RegHousehold, RegPerson, RegPersonTag, RegOrganization, RegRiskItem, RegAccessLog];
//# sourceMappingURL=entities.js.map