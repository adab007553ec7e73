import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@weigrid/shared';

/** A one-time invitation to take a role at a node; accepted by a logged-in user with the code. */
@Entity({ name: 'invite' })
@Index('idx_invite_node', ['nodeId'])
export class Invite {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_invite_code', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  @Column({ name: 'department_id', type: 'int', nullable: true })
  departmentId: number | null;

  /** Null when created by the create-admin CLI. */
  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'used_by', type: 'int', nullable: true })
  usedBy: number | null;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;
}
