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
 * The in-app inbox: every message to a person is kept here, whether or not a WeChat push could be
 * sent (no subscribe credit), so nobody depends on WeChat to learn of a task.
 */
let Notification = class Notification {
    id;
    userId;
    kind;
    title;
    body;
    /** Mini-program page with ids only, e.g. 'pages/event/index?id=12'. */
    page;
    refType;
    refId;
    /** What produced it (e.g. 'ob:123' for outbox row 123), so a re-run fan-out adds nothing. */
    sourceKey;
    createdAt;
    readAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], Notification.prototype, "id", void 0);
__decorate([
    Column({ name: 'user_id', type: 'int' }),
    __metadata("design:type", Number)
], Notification.prototype, "userId", void 0);
__decorate([
    Column({ type: 'varchar', length: 24 }),
    __metadata("design:type", String)
], Notification.prototype, "kind", void 0);
__decorate([
    Column({ type: 'varchar', length: 100, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], Notification.prototype, "title", void 0);
__decorate([
    Column({ type: 'varchar', length: 500, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], Notification.prototype, "body", void 0);
__decorate([
    Column({ type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], Notification.prototype, "page", void 0);
__decorate([
    Column({ name: 'ref_type', type: 'varchar', length: 16, nullable: true }),
    __metadata("design:type", Object)
], Notification.prototype, "refType", void 0);
__decorate([
    Column({ name: 'ref_id', type: 'int', nullable: true }),
    __metadata("design:type", Object)
], Notification.prototype, "refId", void 0);
__decorate([
    Column({ name: 'source_key', type: 'varchar', length: 40, nullable: true }),
    __metadata("design:type", Object)
], Notification.prototype, "sourceKey", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], Notification.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'read_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], Notification.prototype, "readAt", void 0);
Notification = __decorate([
    Entity({ name: 'notification' }),
    Index('idx_notification_user', ['userId', 'id']),
    Index('idx_notification_unread', ['userId', 'readAt']),
    Index('idx_notification_source', ['sourceKey'])
], Notification);
export { Notification };
//# sourceMappingURL=notification.entity.js.map