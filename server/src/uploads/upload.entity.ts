import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Content-security verdict: `review`/`risky` content is shown to its owner only. */
export type ModerationStatus = 'pass' | 'review' | 'risky';

/** A stored photo. Clients refer to it by `publicId` (unguessable), never by the row id. */
@Entity({ name: 'upload' })
@Index('idx_upload_owner', ['ownerId', 'createdAt'])
export class Upload {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_upload_public_id', { unique: true })
  @Column({ name: 'public_id', type: 'varchar', length: 32 })
  publicId: string;

  @Column({ name: 'owner_id', type: 'int' })
  ownerId: number;

  @Column({ type: 'varchar', length: 16 })
  mime: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'int' })
  width: number;

  @Column({ type: 'int' })
  height: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 100 })
  storageKey: string;

  @Column({ name: 'thumb_key', type: 'varchar', length: 100 })
  thumbKey: string;

  @Column({ type: 'varchar', length: 8, default: 'pass' })
  moderation: ModerationStatus;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
