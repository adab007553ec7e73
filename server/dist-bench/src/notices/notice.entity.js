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
/** An instruction (指令) sent down the tree to every staff member of a subtree (optionally some roles). */
let Notice = class Notice {
    id;
    senderId;
    /** Root of the receiving subtree. */
    nodeId;
    nodePath;
    /** Comma-separated roles, or null for every staff role. */
    roles;
    title;
    body;
    /** Comma-separated upload ids. */
    attachments;
    ackRequired;
    ackDeadline;
    recipients;
    createdAt;
    /** Set when the WeChat pushes were queued (guards a re-delivered outbox row). */
    pushedAt;
    remindedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], Notice.prototype, "id", void 0);
__decorate([
    Column({ name: 'sender_id', type: 'int' }),
    __metadata("design:type", Number)
], Notice.prototype, "senderId", void 0);
__decorate([
    Column({ name: 'node_id', type: 'int' }),
    __metadata("design:type", Number)
], Notice.prototype, "nodeId", void 0);
__decorate([
    Column({ name: 'node_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], Notice.prototype, "nodePath", void 0);
__decorate([
    Column({ type: 'varchar', length: 200, nullable: true }),
    __metadata("design:type", Object)
], Notice.prototype, "roles", void 0);
__decorate([
    Column({ type: 'varchar', length: 100, charset: 'utf8mb4' }),
    __metadata("design:type", String)
], Notice.prototype, "title", void 0);
__decorate([
    Column({ type: 'text', charset: 'utf8mb4' }),
    __metadata("design:type", String)
], Notice.prototype, "body", void 0);
__decorate([
    Column({ type: 'varchar', length: 400, nullable: true }),
    __metadata("design:type", Object)
], Notice.prototype, "attachments", void 0);
__decorate([
    Column({ name: 'ack_required', type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], Notice.prototype, "ackRequired", void 0);
__decorate([
    Column({ name: 'ack_deadline', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], Notice.prototype, "ackDeadline", void 0);
__decorate([
    Column({ type: 'int', default: 0 }),
    __metadata("design:type", Number)
], Notice.prototype, "recipients", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], Notice.prototype, "createdAt", void 0);
__decorate([
    Column({ name: 'pushed_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], Notice.prototype, "pushedAt", void 0);
__decorate([
    Column({ name: 'reminded_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], Notice.prototype, "remindedAt", void 0);
Notice = __decorate([
    Entity({ name: 'notice' }),
    Index('idx_notice_path', ['nodePath', 'id']),
    Index('idx_notice_sender', ['senderId', 'id'])
], Notice);
export { Notice };
/**
 * One row per recipient, written set-based (INSERT … SELECT) when the notice is sent. `node_path`
 * is where the recipient holds their role, so read rates group by child node without a join.
 */
let NoticeRecipient = class NoticeRecipient {
    id;
    noticeId;
    userId;
    nodePath;
    readAt;
    ackedAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], NoticeRecipient.prototype, "id", void 0);
__decorate([
    Column({ name: 'notice_id', type: 'int' }),
    __metadata("design:type", Number)
], NoticeRecipient.prototype, "noticeId", void 0);
__decorate([
    Column({ name: 'user_id', type: 'int' }),
    __metadata("design:type", Number)
], NoticeRecipient.prototype, "userId", void 0);
__decorate([
    Column({ name: 'node_path', type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], NoticeRecipient.prototype, "nodePath", void 0);
__decorate([
    Column({ name: 'read_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], NoticeRecipient.prototype, "readAt", void 0);
__decorate([
    Column({ name: 'acked_at', type: 'datetime', nullable: true }),
    __metadata("design:type", Object)
], NoticeRecipient.prototype, "ackedAt", void 0);
NoticeRecipient = __decorate([
    Entity({ name: 'notice_recipient' }),
    Index('uq_notice_recipient', ['noticeId', 'userId'], { unique: true }),
    Index('idx_notice_recipient_user', ['userId', 'readAt']),
    Index('idx_notice_recipient_notice', ['noticeId', 'readAt'])
], NoticeRecipient);
export { NoticeRecipient };
//# sourceMappingURL=notice.entity.js.map