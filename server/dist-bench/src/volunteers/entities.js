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
/** 双报到: a user registered as a volunteer or party member to the micro-grid where they live. */
let Volunteer = class Volunteer {
    id;
    userId;
    kind;
    gridNodeId;
    gridPath;
    /** Display name the volunteer gives (not the register's record). */
    displayName;
    /** Skills joined by ','. */
    skills;
    availability;
    /** 党组织 for party members (报到 from their own organisation). */
    partyOrg;
    status;
    registeredAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], Volunteer.prototype, "id", void 0);
__decorate([
    Column({ name: 'user_id', type: 'int' }),
    __metadata("design:type", Number)
], Volunteer.prototype, "userId", void 0);
__decorate([
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], Volunteer.prototype, "kind", void 0);
__decorate([
    Column({ name: 'grid_node_id', type: 'int' }),
    __metadata("design:type", Number)
], Volunteer.prototype, "gridNodeId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], Volunteer.prototype, "gridPath", void 0);
__decorate([
    Column({ name: 'display_name', type: 'varchar', length: 50, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], Volunteer.prototype, "displayName", void 0);
__decorate([
    Column({ type: 'varchar', length: 300, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], Volunteer.prototype, "skills", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], Volunteer.prototype, "availability", void 0);
__decorate([
    Column({ name: 'party_org', type: 'varchar', length: 100, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], Volunteer.prototype, "partyOrg", void 0);
__decorate([
    Column({ type: 'varchar', length: 10, default: 'active' }),
    __metadata("design:type", String)
], Volunteer.prototype, "status", void 0);
__decorate([
    Column({ name: 'registered_at', type: 'datetime' }),
    __metadata("design:type", Date)
], Volunteer.prototype, "registeredAt", void 0);
Volunteer = __decorate([
    Entity({ name: 'volunteer' }),
    Index('uq_volunteer_user_kind', ['userId', 'kind'], { unique: true }),
    Index('idx_volunteer_path', ['gridPath'])
], Volunteer);
export { Volunteer };
/** A task a grid worker gave a volunteer, optionally from an event; minutes count as service hours when done. */
let VolunteerTask = class VolunteerTask {
    id;
    volunteerId;
    gridPath;
    eventId;
    title;
    assignedBy;
    assignedAt;
    /** assigned | done | cancelled */
    state;
    minutes;
    note;
    doneAt;
    version;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], VolunteerTask.prototype, "id", void 0);
__decorate([
    Column({ name: 'volunteer_id', type: 'int' }),
    __metadata("design:type", Number)
], VolunteerTask.prototype, "volunteerId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], VolunteerTask.prototype, "gridPath", void 0);
__decorate([
    Column({ name: 'event_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], VolunteerTask.prototype, "eventId", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], VolunteerTask.prototype, "title", void 0);
__decorate([
    Column({ name: 'assigned_by', type: 'int' }),
    __metadata("design:type", Number)
], VolunteerTask.prototype, "assignedBy", void 0);
__decorate([
    Column({ name: 'assigned_at', type: 'datetime' }),
    __metadata("design:type", Date)
], VolunteerTask.prototype, "assignedAt", void 0);
__decorate([
    Column({ type: 'varchar', length: 10, default: 'assigned' }),
    __metadata("design:type", String)
], VolunteerTask.prototype, "state", void 0);
__decorate([
    Column({ type: 'int', default: 0 }),
    __metadata("design:type", Number)
], VolunteerTask.prototype, "minutes", void 0);
__decorate([
    Column({ type: 'varchar', length: 500, charset: 'utf8mb4', default: '' }),
    __metadata("design:type", String)
], VolunteerTask.prototype, "note", void 0);
__decorate([
    Column({ name: 'done_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], VolunteerTask.prototype, "doneAt", void 0);
__decorate([
    Column({ type: 'int', default: 1 }),
    __metadata("design:type", Number)
], VolunteerTask.prototype, "version", void 0);
VolunteerTask = __decorate([
    Entity({ name: 'volunteer_task' }),
    Index('idx_volunteer_task_volunteer', ['volunteerId', 'state']),
    Index('idx_volunteer_task_path', ['gridPath', 'assignedAt']),
    Index('idx_volunteer_task_event', ['eventId'])
], VolunteerTask);
export { VolunteerTask };
export const VOLUNTEER_ENTITIES = [Volunteer, VolunteerTask];
//# sourceMappingURL=entities.js.map