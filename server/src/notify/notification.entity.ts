import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from '@weigrid/shared';

/**
 * The in-app inbox: every message to a person is kept here, whether or not a WeChat push could be
 * sent (no subscribe credit), so nobody depends on WeChat to learn of a task.
 */
@Entity({ name: 'notification' })
@Index('idx_notification_user', ['userId', 'id'])
@Index('idx_notification_unread', ['userId', 'readAt'])
@Index('idx_notification_source', ['sourceKey'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 24 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 100, charset: 'utf8mb4' })
  title: string;

  @Column({ type: 'varchar', length: 500, charset: 'utf8mb4' })
  body: string;

  /** Mini-program page with ids only, e.g. 'pages/event/index?id=12'. */
  @Column({ type: 'varchar', length: 200 })
  page: string;

  @Column({ name: 'ref_type', type: 'varchar', length: 16, nullable: true })
  refType: 'event' | 'notice' | null;

  @Column({ name: 'ref_id', type: 'int', nullable: true })
  refId: number | null;

  /** What produced it (e.g. 'ob:123' for outbox row 123), so a re-run fan-out adds nothing. */
  @Column({ name: 'source_key', type: 'varchar', length: 40, nullable: true })
  sourceKey: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt: Date | null;
}
