import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@weigrid/shared';

/**
 * A role held at a node of the grid tree; it reaches the node's whole subtree. Revoked grants are
 * kept (revoked_at set) for the audit trail; every lookup filters on `revoked_at IS NULL` through
 * the (user_id, revoked_at) index, so a revocation is seen by the very next request.
 */
@Entity({ name: 'role_grant' })
@Index('idx_role_grant_user', ['userId', 'revokedAt'])
@Index('idx_role_grant_node', ['nodeId'])
export class RoleGrantRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ name: 'node_id', type: 'int' })
  nodeId: number;

  /** dept_staff only: the department whose categories the holder handles. */
  @Column({ name: 'department_id', type: 'int', nullable: true })
  departmentId: number | null;

  /** Null when created by the create-admin CLI. */
  @Column({ name: 'granted_by', type: 'int', nullable: true })
  grantedBy: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'int', nullable: true })
  revokedBy: number | null;
}
