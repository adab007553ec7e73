import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An instruction (指令) sent down the tree to every staff member of a subtree (optionally some roles). */
@Entity({ name: 'notice' })
@Index('idx_notice_path', ['nodePath', 'id'])
@Index('idx_notice_sender', ['senderId', 'id'])
export class Notice {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'sender_id', type: 'int' })
  senderId: number;

  /** Root of the receiving subtree. */
  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ name: 'node_path', type: 'varchar', length: 200 })
  nodePath: string;

  /** Comma-separated roles, or null for every staff role. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  roles: string | null;

  @Column({ type: 'varchar', length: 100, charset: 'utf8mb4' })
  title: string;

  @Column({ type: 'text', charset: 'utf8mb4' })
  body: string;

  /** Comma-separated upload ids. */
  @Column({ type: 'varchar', length: 400, nullable: true })
  attachments: string | null;

  @Column({ name: 'ack_required', type: 'boolean', default: false })
  ackRequired: boolean;

  @Column({ name: 'ack_deadline', type: 'datetime', nullable: true })
  ackDeadline: Date | null;

  @Column({ type: 'int', default: 0 })
  recipients: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  /** Set when the WeChat pushes were queued (guards a re-delivered outbox row). */
  @Column({ name: 'pushed_at', type: 'datetime', nullable: true })
  pushedAt: Date | null;

  @Column({ name: 'reminded_at', type: 'datetime', nullable: true })
  remindedAt: Date | null;
}

/**
 * One row per recipient, written set-based (INSERT … SELECT) when the notice is sent. `node_path`
 * is where the recipient holds their role, so read rates group by child node without a join.
 */
@Entity({ name: 'notice_recipient' })
@Index('uq_notice_recipient', ['noticeId', 'userId'], { unique: true })
@Index('idx_notice_recipient_user', ['userId', 'readAt'])
@Index('idx_notice_recipient_notice', ['noticeId', 'readAt'])
export class NoticeRecipient {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'notice_id', type: 'int' })
  noticeId: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ name: 'node_path', type: 'varchar', length: 200 })
  nodePath: string;

  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt: Date | null;

  @Column({ name: 'acked_at', type: 'datetime', nullable: true })
  ackedAt: Date | null;
}
