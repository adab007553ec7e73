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
/** A stored photo. Clients refer to it by `publicId` (unguessable), never by the row id. */
let Upload = class Upload {
    id;
    publicId;
    ownerId;
    mime;
    size;
    width;
    height;
    storageKey;
    thumbKey;
    moderation;
    createdAt;
};
__decorate([
    PrimaryGeneratedColumn(),
    __metadata("design:type", Number)
], Upload.prototype, "id", void 0);
__decorate([
    Index('uq_upload_public_id', { unique: true }),
    Column({ name: 'public_id', type: 'varchar', length: 32 }),
    __metadata("design:type", String)
], Upload.prototype, "publicId", void 0);
__decorate([
    Column({ name: 'owner_id', type: 'int' }),
    __metadata("design:type", Number)
], Upload.prototype, "ownerId", void 0);
__decorate([
    Column({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], Upload.prototype, "mime", void 0);
__decorate([
    Column({ type: 'int' }),
    __metadata("design:type", Number)
], Upload.prototype, "size", void 0);
__decorate([
    Column({ type: 'int' }),
    __metadata("design:type", Number)
], Upload.prototype, "width", void 0);
__decorate([
    Column({ type: 'int' }),
    __metadata("design:type", Number)
], Upload.prototype, "height", void 0);
__decorate([
    Column({ name: 'storage_key', type: 'varchar', length: 100 }),
    __metadata("design:type", String)
], Upload.prototype, "storageKey", void 0);
__decorate([
    Column({ name: 'thumb_key', type: 'varchar', length: 100 }),
    __metadata("design:type", String)
], Upload.prototype, "thumbKey", void 0);
__decorate([
    Column({ type: 'varchar', length: 8, default: 'pass' }),
    __metadata("design:type", String)
], Upload.prototype, "moderation", void 0);
__decorate([
    Column({ name: 'created_at', type: 'datetime' }),
    __metadata("design:type", Date)
], Upload.prototype, "createdAt", void 0);
Upload = __decorate([
    Entity({ name: 'upload' }),
    Index('idx_upload_owner', ['ownerId', 'createdAt'])
], Upload);
export { Upload };
//# sourceMappingURL=upload.entity.js.map