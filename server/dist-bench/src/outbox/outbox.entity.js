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
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'dead'];
/**
 * A message to send (WeChat subscribe message, in-app notification, webhook…), written in the
 * same transaction as the change that causes it, then drained by the outbox worker. A crash
 * between commit and send loses nothing; a retry never sends twice thanks to the claim.
 */
let OutboxMessage = class OutboxMessage {
    // int, not bigint: SQLite only autoincrements INTEGER PRIMARY KEY (2^31 rows is decades here).
    id;
    /** What to do, e.g. 'subscribe.task_new', 'inbox.event_state'. */
    kind;
    /** JSON payload; the sender resolves recipients and templates from it. */
    payload;
    status;
    attempts;
    dueAt;
    createdAt;
    sentAt;
    /** Who claimed it (worker id) and until when; an expired claim may be taken over. */
    claimedBy;
    claimedUntil;
    lastError;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], OutboxMessage.prototype, "id", void 0);
__decorate([
    Column({ type: 'varchar', length: 64 }),
    __metadata("design:type", String)
], OutboxMessage.prototype, "kind", void 0);
__decorate([
    Column({ type: 'text', charset: 'utf8mb4' }),
    __metadata("design:type", String)
], OutboxMessage.prototype, "payload", void 0);
__decorate([
    Column({ type: 'varchar', length: 10, default: 'pending' }),
    __metadata("design:type", String)
], OutboxMessage.prototype, "status", void 0);
__decorate([
    Column({ type: 'int', default: 0 }),
    __metadata("design:type", Number)
], OutboxMessage.prototype, "attempts", void 0);
__decorate([
    Column({ name: 'due_at', type: 'datetime' }),
    __metadata("design:type", Date)
], OutboxMessage.prototype, "dueAt", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], OutboxMessage.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'sent_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "sentAt", void 0);
__decorate([
    Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "claimedBy", void 0);
__decorate([
    Column({ name: 'claimed_until', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "claimedUntil", void 0);
__decorate([
    Column({ name: 'last_error', type: 'varchar', length: 500, charset: 'utf8mb4', nullable: true }),
    __metadata("design:type", Object)
], OutboxMessage.prototype, "lastError", void 0);
OutboxMessage = __decorate([
    Entity({ name: 'outbox' }),
    Index('idx_outbox_due', ['status', 'dueAt'])
], OutboxMessage);
export { OutboxMessage };
//# sourceMappingURL=outbox.entity.js.map