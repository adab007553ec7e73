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
/** A recurring visit owed to a person with a care tag (e.g. 独居老人 weekly). */
let CareSchedule = class CareSchedule {
    id;
    personId;
    householdId;
    gridPath;
    tag;
    intervalDays;
    nextDueAt;
    lastVisitAt;
    active;
    createdBy;
    createdAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], CareSchedule.prototype, "id", void 0);
__decorate([
    Column({ name: 'person_id', type: 'int' }),
    __metadata("design:type", Number)
], CareSchedule.prototype, "personId", void 0);
__decorate([
    Column({ name: 'household_id', type: 'int' }),
    __metadata("design:type", Number)
], CareSchedule.prototype, "householdId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], CareSchedule.prototype, "gridPath", void 0);
__decorate([
    Column({ type: 'varchar', length: 16, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], CareSchedule.prototype, "tag", void 0);
__decorate([
    Column({ name: 'interval_days', type: 'int' }),
    __metadata("design:type", Number)
], CareSchedule.prototype, "intervalDays", void 0);
__decorate([
    Column({ name: 'next_due_at', type: 'datetime' }),
    __metadata("design:type", Date)
], CareSchedule.prototype, "nextDueAt", void 0);
__decorate([
    Column({ name: 'last_visit_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], CareSchedule.prototype, "lastVisitAt", void 0);
__decorate([
    Column({ type: 'boolean', default: true }),
    __metadata("design:type", Boolean)
], CareSchedule.prototype, "active", void 0);
__decorate([
    Column({ name: 'created_by', type: 'int' }),
    __metadata("design:type", Number)
], CareSchedule.prototype, "createdBy", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], CareSchedule.prototype, "createdAt", void 0);
CareSchedule = __decorate([
    Entity({ name: 'care_schedule' }),
    Index('idx_care_schedule_due', ['gridPath', 'nextDueAt']),
    Index('idx_care_schedule_person', ['personId'])
], CareSchedule);
export { CareSchedule };
/** A visit that happened: who, when, notes and photos; it may have raised an event. */
let CareVisit = class CareVisit {
    id;
    scheduleId;
    personId;
    householdId;
    gridPath;
    visitorUserId;
    visitedAt;
    notes;
    /** JSON array of upload keys. */
    photos;
    eventId;
    createdAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], CareVisit.prototype, "id", void 0);
__decorate([
    Column({ name: 'schedule_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], CareVisit.prototype, "scheduleId", void 0);
__decorate([
    Column({ name: 'person_id', type: 'int' }),
    __metadata("design:type", Number)
], CareVisit.prototype, "personId", void 0);
__decorate([
    Column({ name: 'household_id', type: 'int' }),
    __metadata("design:type", Number)
], CareVisit.prototype, "householdId", void 0);
__decorate([
    Column({ name: 'grid_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], CareVisit.prototype, "gridPath", void 0);
__decorate([
    Column({ name: 'visitor_user_id', type: 'int' }),
    __metadata("design:type", Number)
], CareVisit.prototype, "visitorUserId", void 0);
__decorate([
    Column({ name: 'visited_at', type: 'datetime' }),
    __metadata("design:type", Date)
], CareVisit.prototype, "visitedAt", void 0);
__decorate([
    Column({ type: 'text', charset: 'utf8mb4' }),
    __metadata("design:type", String)
], CareVisit.prototype, "notes", void 0);
__decorate([
    Column({ type: 'text' }),
    __metadata("design:type", String)
], CareVisit.prototype, "photos", void 0);
__decorate([
    Column({ name: 'event_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], CareVisit.prototype, "eventId", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], CareVisit.prototype, "createdAt", void 0);
CareVisit = __decorate([
    Entity({ name: 'care_visit' }),
    Index('idx_care_visit_household', ['householdId', 'visitedAt']),
    Index('idx_care_visit_person', ['personId', 'visitedAt']),
    Index('idx_care_visit_path', ['gridPath', 'visitedAt'])
], CareVisit);
export { CareVisit };
export const CARE_ENTITIES = [CareSchedule, CareVisit];
//# sourceMappingURL=entities.js.map