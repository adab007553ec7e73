import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * pending → sending (claimed) → sent | skipped (nothing to deliver, e.g. no subscribe credit) |
 * dead (gave up; visible to admins, who may requeue it) — or back to pending for a retry.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'dead';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'skipped', 'dead'];

/**
 * A message to send (WeChat subscribe message, in-app notification, webhook…), written in the
 * same transaction as the change that causes it, then drained by the outbox worker. A crash
 * between commit and send loses nothing; a retry never sends twice thanks to the claim.
 */
@Entity({ name: 'outbox' })
@Index('idx_outbox_due', ['status', 'dueAt'])
export class OutboxMessage {
  // int, not bigint: SQLite only autoincrements INTEGER PRIMARY KEY (2^31 rows is decades here).
  @PrimaryGeneratedColumn()
  id: number;

  /** What to do, e.g. 'subscribe.task_new', 'inbox.event_state'. */
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  /** JSON payload; the sender resolves recipients and templates from it. */
  @Column({ type: 'text', charset: 'utf8mb4' })
  payload: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'due_at', type: 'datetime' })
  dueAt: Date;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', nullable: true })
  sentAt: Date | null;

  /** Who claimed it (worker id) and until when; an expired claim may be taken over. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_until', type: 'datetime', nullable: true })
  claimedUntil: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, charset: 'utf8mb4', nullable: true })
  lastError: string | null;
}
